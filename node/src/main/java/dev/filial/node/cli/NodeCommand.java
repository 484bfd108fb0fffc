package dev.filial.node.cli;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.KeyProtectionException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code filial-node}: the one executable of a node. Exit codes: 0 done, 1 refused or failed, 2 usage. */
@Command(name = "filial-node", mixinStandardHelpOptions = true, version = "filial-node 0.1.0",
        description = "A Filial branch node: an offline-first CRM database that exchanges signed change batches with HQ.",
        subcommands = {InitCommand.class, TrustCommand.class, UserCommand.class, StatusCommand.class,
            ExportBatchCommand.class, ImportBatchCommand.class, QuarantineCommand.class, ServeCommand.class,
            JoinCommand.class, SyncCommand.class, DropCommand.class, MailCommand.class, BaseCurrencyCommand.class,
            ReportCommand.class, ImportCommand.class, KeysCommand.class})
public final class NodeCommand extends CommandRoot {

    private NodeCommand(Function<String, String> environment, KeyPassphrase.Terminal terminal) {
        super(environment, terminal);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return run(System::getenv, KeyPassphrase.Terminal.console(), args);
    }

    /** Runs the command line with this environment and terminal (for tests) and returns the exit code. */
    public static int run(Function<String, String> environment, KeyPassphrase.Terminal terminal, String... args) {
        return new CommandLine(new NodeCommand(environment, terminal))
                .setExecutionExceptionHandler((e, line, parsed) -> failed(e, line))
                .execute(args);
    }

    /** Prints a failed command's error (and the hint of a key error); the exit code 1. */
    static int failed(Exception e, CommandLine line) {
        line.getErr().println("error: " + e.getMessage());
        if (e instanceof KeyProtectionException key) {
            line.getErr().println("hint: " + key.hint());
        }
        return 1;
    }

    @Override
    public String homeVariable() {
        return "FILIAL_NODE_HOME";
    }
}
