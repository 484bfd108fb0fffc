package dev.filial.node.identity;

import static dev.filial.node.support.TestKeys.home;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files {@link OwnerOnlyFiles#write} uses never keep a private key in plain form: one a crash left
 * beside a plain key file is deleted with that file by {@code keys protect}, and one whose rename failed is
 * deleted at once.
 */
class KeyTemporariesTest {

    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path directory;

    /** Every file under {@code keys} holding a private key in PEM form. */
    private static List<Path> plainSecrets(Path keys) throws IOException {
        try (Stream<Path> files = Files.list(keys)) {
            return files.filter(file -> {
                try {
                    return Files.isRegularFile(file)
                            && Files.readString(file, StandardCharsets.US_ASCII).contains("PRIVATE KEY");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void protectDeletesPlainKeyTemporariesACrashLeft() throws IOException {
        NodeHome home = home(directory.resolve("msk"), KeyPassphrase.VARIABLE, PASSPHRASE);
        home.init(NodeCode.parse("MSK"), TestHub.CODE, Engine.SQLITE, false);
        Path keys = home.keys();
        // what a crash between forcing and renaming leaves (an earlier unprotect, init or join writing plain keys)
        for (String name : List.of(NodeKeys.SIGNING_KEY, NodeKeys.EXCHANGE_KEY)) {
            OwnerOnlyFiles.write(keys.resolve(name + OwnerOnlyFiles.TEMPORARY), Files.readAllBytes(keys.resolve(name)));
        }
        assertThat(plainSecrets(keys)).hasSize(4);

        assertThat(home.privateKeys().protect()).isEqualTo(PrivateKeys.Change.SEALED);

        assertThat(plainSecrets(keys)).as("no private key is left in plain form after keys protect").isEmpty();
        assertThat(home.privateKeys().status().form()).isEqualTo(PrivateKeys.Form.SEALED);
        assertThat(home.keysOf()).isNotNull();
    }

    @Test
    void changingThePassphraseDeletesPlainKeyTemporariesACrashLeft() throws IOException {
        NodeHome plain = home(directory.resolve("msk"), KeyPassphrase.VARIABLE, PASSPHRASE);
        plain.init(NodeCode.parse("MSK"), TestHub.CODE, Engine.SQLITE, false);
        Path keys = plain.keys();
        byte[] signing = Files.readAllBytes(keys.resolve(NodeKeys.SIGNING_KEY));
        assertThat(plain.privateKeys().protect()).isEqualTo(PrivateKeys.Change.SEALED);
        // a later unprotect that crashed before renaming its first file
        OwnerOnlyFiles.write(keys.resolve(NodeKeys.SIGNING_KEY + OwnerOnlyFiles.TEMPORARY), signing);

        NodeHome sealed = home(directory.resolve("msk"), KeyPassphrase.VARIABLE, PASSPHRASE,
                KeyPassphrase.NEW_VARIABLE, "a changed passphrase");
        assertThat(sealed.privateKeys().protect()).isEqualTo(PrivateKeys.Change.PASSPHRASE_CHANGED);

        assertThat(plainSecrets(keys)).isEmpty();
    }

    @Test
    void aFailedRenameLeavesNoTemporary() throws IOException {
        Path keys = directory.resolve("keys");
        OwnerOnlyFiles.directory(keys);
        Path target = keys.resolve(NodeKeys.SIGNING_KEY);
        Files.createDirectories(target.resolve("in-the-way"));

        assertThatThrownBy(() -> OwnerOnlyFiles.write(target, "-----BEGIN PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IOException.class);

        assertThat(keys.resolve(NodeKeys.SIGNING_KEY + OwnerOnlyFiles.TEMPORARY)).doesNotExist();
        assertThat(plainSecrets(keys)).isEmpty();
    }
}
