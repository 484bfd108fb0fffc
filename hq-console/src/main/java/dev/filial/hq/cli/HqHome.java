package dev.filial.hq.cli;

import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home}: HQ's home directory (default: $FILIAL_HQ_HOME, else the current directory). */
final class HqHome {

    @Option(names = "--home", paramLabel = "DIR", description = "HQ home directory (default: $FILIAL_HQ_HOME or .)")
    Path home;

    NodeHome nodeHome() {
        if (home != null) {
            return new NodeHome(home);
        }
        String fromEnvironment = System.getenv("FILIAL_HQ_HOME");
        return new NodeHome(Path.of(fromEnvironment == null ? "." : fromEnvironment));
    }
}
