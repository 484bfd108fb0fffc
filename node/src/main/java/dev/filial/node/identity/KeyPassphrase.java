package dev.filial.node.identity;

import dev.filial.node.identity.KeyProtectionException.Problem;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Where the passphrase of a node's sealed private keys comes from: {@value #VARIABLE}, else the first line
 * of the file {@value #FILE_VARIABLE} names (how systemd hands credentials to a service), else, on the
 * command line only, a prompt on the terminal that does not echo. A new passphrase (init, join, the first
 * {@code keys protect}) comes from the same places and is asked twice; the replacement when the passphrase
 * is changed comes from {@value #NEW_VARIABLE} or {@value #NEW_FILE_VARIABLE}, else is asked twice.
 *
 * <p>Library code (a node opened by the HTTP server) uses {@link #fromEnvironment}: a service has no
 * terminal. The environment is a function so that tests need not change the real one. Once a passphrase
 * has opened or sealed the keys it is remembered, so one command asks at most once.
 */
public final class KeyPassphrase {

    public static final String VARIABLE = "FILIAL_KEY_PASSPHRASE";
    public static final String FILE_VARIABLE = "FILIAL_KEY_PASSPHRASE_FILE";
    public static final String NEW_VARIABLE = "FILIAL_NEW_KEY_PASSPHRASE";
    public static final String NEW_FILE_VARIABLE = "FILIAL_NEW_KEY_PASSPHRASE_FILE";
    /** Fewest characters a new passphrase may have. */
    public static final int MINIMUM_LENGTH = 10;

    /** A terminal to ask on without echo. */
    @FunctionalInterface
    public interface Terminal {

        /** No terminal: every answer is {@code null}. */
        Terminal NONE = prompt -> null;

        /**
         * What the user types after {@code prompt}, not echoed; {@code null} if there is no terminal or
         * its input ended.
         */
        char[] readPassword(String prompt);

        /** The JVM's console ({@link System#console()}), if it has one when asked. */
        static Terminal console() {
            return prompt -> {
                Console console = System.console();
                return console == null ? null : console.readPassword("%s", prompt);
            };
        }
    }

    private final Function<String, String> environment;
    private final Terminal terminal;
    private char[] known;

    private KeyPassphrase(Function<String, String> environment, Terminal terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    /** From the environment only (library code, services). */
    public static KeyPassphrase fromEnvironment(Function<String, String> environment) {
        return new KeyPassphrase(environment, Terminal.NONE);
    }

    /** From the environment, else asked on {@code terminal} (the command line). */
    public static KeyPassphrase fromEnvironmentOrTerminal(Function<String, String> environment, Terminal terminal) {
        return new KeyPassphrase(environment, terminal);
    }

    /**
     * The passphrase that opens the sealed keys of {@code owner}.
     *
     * @throws KeyProtectionException {@code key-passphrase-missing}
     */
    synchronized char[] current(String owner) {
        if (known != null) {
            return known.clone();
        }
        char[] given = given(VARIABLE, FILE_VARIABLE);
        if (given == null) {
            given = terminal.readPassword("passphrase of the private keys of " + owner + ": ");
        }
        if (given == null || given.length == 0) {
            throw new KeyProtectionException(Problem.PASSPHRASE_MISSING, "the private keys of " + owner
                    + " are sealed and no passphrase was given", terminal == Terminal.NONE ? "set " + VARIABLE
                    + ", or " + FILE_VARIABLE + " to a file whose first line is the passphrase (a server and a "
                    + "service read it from the environment only, never from a terminal)"
                    : Problem.PASSPHRASE_MISSING.hint(), null);
        }
        return given;
    }

    /**
     * A new passphrase for the keys of {@code owner} being sealed: {@value #VARIABLE} (or its file), else asked
     * twice.
     *
     * @throws KeyProtectionException {@code key-passphrase-missing}, {@code key-passphrase-weak} or
     *                                {@code key-passphrase-mismatch}
     */
    synchronized char[] fresh(String owner) {
        return chosen(owner, VARIABLE, FILE_VARIABLE);
    }

    /** The passphrase replacing the current one: {@value #NEW_VARIABLE} (or its file), else asked twice. */
    synchronized char[] replacement(String owner) {
        return chosen(owner, NEW_VARIABLE, NEW_FILE_VARIABLE);
    }

    /** Remembers the passphrase that now opens the keys, so this command does not ask again. */
    synchronized void remember(char[] passphrase) {
        known = passphrase.clone();
    }

    private char[] chosen(String owner, String variable, String fileVariable) {
        char[] given = given(variable, fileVariable);
        if (given == null) {
            char[] first = terminal.readPassword("new passphrase for the private keys of " + owner + " (at least "
                    + MINIMUM_LENGTH + " characters): ");
            if (first != null && first.length > 0) {
                weak(first, "the new passphrase");
                char[] second = terminal.readPassword("the same passphrase again: ");
                if (!Arrays.equals(first, second)) {
                    throw new KeyProtectionException(Problem.PASSPHRASES_DIFFER,
                            "the two new passphrases typed differ");
                }
            }
            given = first;
        }
        if (given == null || given.length == 0) {
            throw new KeyProtectionException(Problem.PASSPHRASE_MISSING, "no new passphrase for the private keys of "
                    + owner + " was given", "set " + variable + ", or " + fileVariable + " to a file whose first "
                    + "line is the passphrase, or run the command from a terminal to be asked", null);
        }
        weak(given, "the new passphrase");
        return given;
    }

    private static void weak(char[] passphrase, String what) {
        int length = Character.codePointCount(passphrase, 0, passphrase.length);
        if (length < MINIMUM_LENGTH) {
            throw new KeyProtectionException(Problem.PASSPHRASE_WEAK, what + " has " + length + " character(s); "
                    + MINIMUM_LENGTH + " at least are needed");
        }
    }

    /** From {@code variable}, else the first line of the file {@code fileVariable} names; null if neither is set. */
    private char[] given(String variable, String fileVariable) {
        String value = environment.apply(variable);
        if (value != null && !value.isEmpty()) {
            return value.toCharArray();
        }
        String file = environment.apply(fileVariable);
        if (file == null || file.isEmpty()) {
            return null;
        }
        String line;
        try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            line = in.readLine();
        } catch (IOException e) {
            throw new KeyProtectionException(Problem.PASSPHRASE_MISSING, fileVariable + " names " + file
                    + ", which cannot be read (" + e + ")", "make " + fileVariable + " name a readable file "
                    + "whose first line is the passphrase, or set " + variable + " instead", e);
        }
        if (line == null || line.isEmpty()) {
            throw new KeyProtectionException(Problem.PASSPHRASE_MISSING, "the first line of " + file + " (named by "
                    + fileVariable + ") is empty", "write the passphrase on the first line of " + file, null);
        }
        return line.toCharArray();
    }
}
