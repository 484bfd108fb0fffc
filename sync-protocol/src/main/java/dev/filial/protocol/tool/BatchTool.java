package dev.filial.protocol.tool;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The batch command line: look into, verify and make batch files. Exit codes: 0 good, 1 rejected, 2 usage. */
@Command(name = "filial-batch", mixinStandardHelpOptions = true, version = "filial-batch 0.1",
        description = "Inspect and verify Filial batch files.",
        subcommands = {DumpCommand.class, VerifyCommand.class, DemoCommand.class})
public final class BatchTool implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new BatchTool()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
