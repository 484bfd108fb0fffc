package dev.filial.hq.cli;

import dev.filial.hq.review.ReviewException;
import dev.filial.node.cli.CommandRoot;
import dev.filial.node.cli.KeysCommand;
import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.KeyProtectionException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code filial-hq}: HQ's command line. Exit codes: 0 done, 1 refused or failed, 2 usage. */
@Command(name = "filial-hq", mixinStandardHelpOptions = true, version = "filial-hq 0.1.0",
        description = "Filial HQ: enrolls nodes, consolidates their changes, resolves conflicts and routes data.",
        subcommands = {HqInitCommand.class, EnrollCommand.class, RevokeCommand.class, NodesCommand.class,
            ConflictsCommand.class, HqServeCommand.class, DemoCommand.class, AddressCommand.class,
            HqSyncCommand.class, HqDropCommand.class, HqMailCommand.class, HqReportCommand.class,
            HqImportCommand.class, KeysCommand.class})
public final class HqCommand extends CommandRoot {

    private HqCommand(Function<String, String> environment, KeyPassphrase.Terminal terminal) {
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
        return new CommandLine(new HqCommand(environment, terminal))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("error: " + e.getMessage());
                    if (e instanceof ReviewException review) {
                        line.getErr().println("hint: " + review.hint());
                    }
                    if (e instanceof KeyProtectionException key) {
                        line.getErr().println("hint: " + key.hint());
                    }
                    return 1;
                })
                .execute(args);
    }

    @Override
    public String homeVariable() {
        return "FILIAL_HQ_HOME";
    }
}
