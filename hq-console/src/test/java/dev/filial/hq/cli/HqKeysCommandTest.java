package dev.filial.hq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.PemKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code filial-hq init --protect-keys} and {@code filial-hq keys ...}: the node's commands, at HQ. */
class HqKeysCommandTest {

    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path directory;

    record Cli(int code, String out, String err) {
    }

    private static Cli run(Map<String, String> environment, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            Function<String, String> variables = environment::get;
            int code = HqCommand.run(variables, KeyPassphrase.Terminal.NONE, args);
            return new Cli(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void hqSealsItsKeysSignsWithThemAndSharesTheKeysCommands() throws IOException {
        Path home = directory.resolve("hq");
        Path keys = home.resolve("keys");
        Map<String, String> sealed = Map.of("FILIAL_HQ_HOME", home.toString(), KeyPassphrase.VARIABLE, PASSPHRASE);
        Map<String, String> noPassphrase = Map.of("FILIAL_HQ_HOME", home.toString());

        Cli init = run(sealed, "init", "--protect-keys");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("HQ HQ created").contains("private keys: protected: sealed with a passphrase");
        assertOwnerOnly(keys, "private.sealed");
        assertThat(keys.resolve("signing.key.pem")).doesNotExist();

        Cli status = run(noPassphrase, "keys", "status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("node        HQ").contains("protected: sealed")
                .contains("signing     SHA256 ");

        Cli refused = run(noPassphrase, "nodes");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("key-passphrase-missing").contains("hint: set FILIAL_KEY_PASSPHRASE");

        Path enrollment = directory.resolve("msk.filial");
        Cli enroll = run(sealed, "enroll", "--code", "MSK", "--name", "Moscow", "--role", "branch", "--out",
                enrollment.toString());
        assertThat(enroll.code()).as(enroll.err()).isZero();
        assertThat(EnrollmentPackage.read(enrollment).hub().signing().raw()).as("signed with HQ's sealed key")
                .isEqualTo(PemKeys.readPublicKey(PemKeys.Curve.ED25519,
                        Files.readString(keys.resolve("signing.pub.pem"))));

        byte[] sealedFile = Files.readAllBytes(keys.resolve("private.sealed"));
        Cli unprotect = run(sealed, "keys", "unprotect");
        assertThat(unprotect.code()).as(unprotect.err()).isZero();
        assertOwnerOnly(keys, "signing.key.pem");
        assertOwnerOnly(keys, "exchange.key.pem");
        assertThat(keys.resolve("private.sealed")).doesNotExist();
        assertThat(run(noPassphrase, "nodes").code()).isZero();

        Files.write(keys.resolve("private.sealed"), sealedFile);
        Files.setPosixFilePermissions(keys.resolve("private.sealed"), PosixFilePermissions.fromString("rw-------"));
        Cli interrupted = run(noPassphrase, "keys", "status");
        assertThat(interrupted.out()).contains("warning").contains("'filial-hq keys protect'")
                .contains("'filial-hq keys unprotect'");
        assertThat(run(noPassphrase, "nodes").code()).as("the plain files win").isZero();
        Cli finished = run(noPassphrase, "keys", "unprotect");
        assertThat(finished.out()).contains("finished the interrupted change");
        assertThat(keys.resolve("private.sealed")).doesNotExist();

        Cli protect = run(sealed, "keys", "protect");
        assertThat(protect.code()).as(protect.err()).isZero();
        assertOwnerOnly(keys, "private.sealed");
        assertThat(keys.resolve("signing.key.pem")).doesNotExist();
        assertThat(run(sealed, "nodes").out()).contains("MSK");
    }

    private static void assertOwnerOnly(Path keys, String file) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
    }
}
