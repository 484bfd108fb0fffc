package dev.filial.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code filial-node}: the one executable of a node. Exit codes: 0 done, 1 refused or failed, 2 usage. */
@Command(name = "filial-node", mixinStandardHelpOptions = true, version = "filial-node 0.1.0",
        description = "A Filial branch node: an offline-first CRM database that exchanges signed change batches with HQ.",
        subcommands = {InitCommand.class, TrustCommand.class, UserCommand.class, StatusCommand.class,
            ExportBatchCommand.class, ImportBatchCommand.class, QuarantineCommand.class, ServeCommand.class,
            JoinCommand.class, SyncCommand.class, DropCommand.class, MailCommand.class, BaseCurrencyCommand.class,
            ReportCommand.class, ImportCommand.class})
public final class NodeCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new NodeCommand())
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }
}
