package dev.filial.node.cli;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The top command of {@code filial-node} or {@code filial-hq}: the environment and terminal its commands
 * read (the real ones, or a test's), and where the home directory is when {@code --home} is not given.
 */
public abstract class CommandRoot {

    private final Function<String, String> environment;
    private final KeyPassphrase.Terminal terminal;
    private final KeyPassphrase keyPassphrase;

    protected CommandRoot(Function<String, String> environment, KeyPassphrase.Terminal terminal) {
        this.environment = environment;
        this.terminal = terminal;
        this.keyPassphrase = KeyPassphrase.fromEnvironmentOrTerminal(environment, terminal);
    }

    /** Environment variables by name ({@code System::getenv} outside tests). */
    public final Function<String, String> environment() {
        return environment;
    }

    /** The terminal to ask for secrets on, without echo. */
    public final KeyPassphrase.Terminal terminal() {
        return terminal;
    }

    /** Where a passphrase for sealed keys comes from: the environment, else the terminal. */
    public final KeyPassphrase keyPassphrase() {
        return keyPassphrase;
    }

    /** The environment variable naming the default home ({@code FILIAL_NODE_HOME}, {@code FILIAL_HQ_HOME}). */
    public abstract String homeVariable();

    /** The home {@code --home} names, else the one {@link #homeVariable} names, else the current directory. */
    public final NodeHome home(Path explicit) {
        if (explicit != null) {
            return new NodeHome(explicit, keyPassphrase());
        }
        String fromEnvironment = environment().apply(homeVariable());
        return new NodeHome(Path.of(fromEnvironment == null ? "." : fromEnvironment), keyPassphrase());
    }
}
