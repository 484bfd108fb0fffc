package dev.filial.node.identity;

import static dev.filial.node.support.TestKeys.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.support.ScriptedTerminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a passphrase comes from: the variable, the file, the terminal; and what a new one must be. */
class KeyPassphraseTest {

    @TempDir
    Path directory;

    @Test
    void theVariableComesBeforeTheFileAndTheFileBeforeTheTerminal() throws IOException {
        Path file = Files.writeString(directory.resolve("passphrase"), "from the file line\r\nsecond line\n");
        ScriptedTerminal terminal = new ScriptedTerminal("typed on the terminal");

        assertThat(KeyPassphrase.fromEnvironmentOrTerminal(environment(KeyPassphrase.VARIABLE, "from the variable",
                KeyPassphrase.FILE_VARIABLE, file.toString()), terminal).current("MSK")).isEqualTo(
                "from the variable".toCharArray());
        assertThat(KeyPassphrase.fromEnvironmentOrTerminal(environment(KeyPassphrase.FILE_VARIABLE, file.toString()),
                terminal).current("MSK")).as("the first line, without its line end")
                .isEqualTo("from the file line".toCharArray());
        assertThat(terminal.prompts()).isEmpty();
        assertThat(KeyPassphrase.fromEnvironmentOrTerminal(environment(), terminal).current("MSK"))
                .isEqualTo("typed on the terminal".toCharArray());
        assertThat(terminal.prompts()).containsExactly("passphrase of the private keys of MSK: ");
        assertThat(KeyPassphrase.fromEnvironment(environment(KeyPassphrase.NEW_FILE_VARIABLE, file.toString()))
                .replacement("MSK")).isEqualTo("from the file line".toCharArray());
    }

    @Test
    void aFileThatCannotGiveAPassphraseIsMissingAndSaysWhy() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty"), "\nsecret on the second line\n");
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironment(environment(KeyPassphrase.FILE_VARIABLE,
                directory.resolve("absent").toString())).current("MSK"))
                .isInstanceOfSatisfying(KeyProtectionException.class, e -> {
                    assertThat(e.code()).isEqualTo("key-passphrase-missing");
                    assertThat(e.getMessage()).contains(KeyPassphrase.FILE_VARIABLE).contains("absent");
                });
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironment(environment(KeyPassphrase.FILE_VARIABLE,
                empty.toString())).current("MSK")).isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.getMessage()).contains("first line").contains("empty"));
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironmentOrTerminal(environment(), new ScriptedTerminal())
                .current("MSK")).as("no answer on the terminal").isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.hint()).contains("terminal"));
    }

    @Test
    void aNewPassphraseIsTypedTwiceTheSameAndIsLongEnough() {
        ScriptedTerminal same = new ScriptedTerminal("twelve chars", "twelve chars");
        assertThat(KeyPassphrase.fromEnvironmentOrTerminal(environment(), same).fresh("MSK"))
                .isEqualTo("twelve chars".toCharArray());
        assertThat(same.prompts()).hasSize(2);

        assertThatThrownBy(() -> KeyPassphrase.fromEnvironmentOrTerminal(environment(),
                new ScriptedTerminal("twelve chars", "twelve charz")).fresh("MSK"))
                .isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.code()).isEqualTo("key-passphrase-mismatch"));
        ScriptedTerminal weak = new ScriptedTerminal("nine char", "nine char");
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironmentOrTerminal(environment(), weak).fresh("MSK"))
                .isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.code()).isEqualTo("key-passphrase-weak"));
        assertThat(weak.prompts()).as("a weak one is refused before it is asked again").hasSize(1);
        assertThat(KeyPassphrase.fromEnvironment(environment(KeyPassphrase.VARIABLE, "ten chars!")).fresh("MSK"))
                .hasSize(10);
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironment(environment(KeyPassphrase.NEW_VARIABLE, "äöü-äöü"))
                .replacement("MSK")).as("characters, not bytes, are counted")
                .isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.code()).isEqualTo("key-passphrase-weak"));
        assertThatThrownBy(() -> KeyPassphrase.fromEnvironment(environment(KeyPassphrase.VARIABLE, "long enough!"))
                .replacement("MSK")).as("the replacement does not come from the current passphrase's variable")
                .isInstanceOfSatisfying(KeyProtectionException.class, e -> {
                    assertThat(e.code()).isEqualTo("key-passphrase-missing");
                    assertThat(e.hint()).contains(KeyPassphrase.NEW_VARIABLE);
                });
    }

    @Test
    void aPassphraseThatOpenedTheKeysIsNotAskedForAgain() {
        ScriptedTerminal terminal = new ScriptedTerminal("typed once only");
        KeyPassphrase passphrase = KeyPassphrase.fromEnvironmentOrTerminal(environment(), terminal);
        char[] typed = passphrase.current("MSK");
        passphrase.remember(typed);
        assertThat(passphrase.current("MSK")).isEqualTo("typed once only".toCharArray());
        assertThat(terminal.prompts()).hasSize(1);
    }
}
