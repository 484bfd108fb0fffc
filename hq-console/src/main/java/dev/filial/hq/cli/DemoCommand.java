package dev.filial.hq.cli;

import dev.filial.hq.demo.DemoNetwork;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Run the demo network: HQ, a branch (SQLite) and an agent (Derby) on loopback, "
        + "sample data, offline edits with conflicts, syncs over HTTP, and what happened. Exit code 1 if a node "
        + "did not converge.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "target/filial-demo-network",
            description = "where the homes go; emptied first if the demo made it (default ${DEFAULT-VALUE})")
    Path directory;

    @Option(names = "--port", defaultValue = "8700", description = "HQ's port on 127.0.0.1; 0 for any free one "
            + "(default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--stay", description = "keep HQ serving after the demo, until Ctrl-C")
    boolean stay;

    @Override
    public Integer call() throws Exception {
        return new DemoNetwork(directory, port, System.out).run(stay) ? 0 : 1;
    }
}
