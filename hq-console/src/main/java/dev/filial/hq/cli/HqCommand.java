package dev.filial.hq.cli;

import dev.filial.hq.review.ReviewException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code filial-hq}: HQ's command line. Exit codes: 0 done, 1 refused or failed, 2 usage. */
@Command(name = "filial-hq", mixinStandardHelpOptions = true, version = "filial-hq 0.1.0",
        description = "Filial HQ: enrolls nodes, consolidates their changes, resolves conflicts and routes data.",
        subcommands = {HqInitCommand.class, EnrollCommand.class, RevokeCommand.class, NodesCommand.class,
            ConflictsCommand.class, HqServeCommand.class, DemoCommand.class, AddressCommand.class,
            HqSyncCommand.class, HqDropCommand.class, HqMailCommand.class, HqReportCommand.class,
            HqImportCommand.class})
public final class HqCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new HqCommand())
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("error: " + e.getMessage());
                    if (e instanceof ReviewException review) {
                        line.getErr().println("hint: " + review.hint());
                    }
                    return 1;
                })
                .execute(args);
    }
}
