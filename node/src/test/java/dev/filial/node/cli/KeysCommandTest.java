package dev.filial.node.cli;

import static dev.filial.node.support.TestKeys.environment;
import static dev.filial.node.support.TestKeys.home;
import static dev.filial.node.support.TestKeys.permissions;
import static dev.filial.node.support.TestKeys.sha256;
import static dev.filial.node.support.TestKeys.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeKeys;
import dev.filial.node.identity.PrivateKeys;
import dev.filial.node.support.ScriptedTerminal;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init --protect-keys}, {@code join --protect-keys} and {@code keys ...}, in process, in a test environment. */
class KeysCommandTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final String CHANGED = "a changed passphrase";

    @TempDir
    Path directory;

    /** What one command printed and answered. */
    record Cli(int code, String out, String err) {
    }

    private static Cli run(Function<String, String> environment, KeyPassphrase.Terminal terminal, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int code = NodeCommand.run(environment, terminal, args);
            return new Cli(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static Function<String, String> withPassphrase(String passphrase) {
        return environment(KeyPassphrase.VARIABLE, passphrase);
    }

    @Test
    void protectedFromInitThroughStatusChangeUnprotectAndProtectAgain() throws IOException {
        Path home = directory.resolve("msk");
        String at = home.toString();
        Path keys = home.resolve("keys");

        Cli init = run(withPassphrase(PASSPHRASE), KeyPassphrase.Terminal.NONE, "init", "--home", at, "--code", "MSK",
                "--protect-keys");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("private keys: protected: sealed with a passphrase in "
                + keys.resolve("private.sealed")).doesNotContain("not passphrase-protected");
        assertSealed(keys);

        Cli status = run(environment(), KeyPassphrase.Terminal.NONE, "keys", "status", "--home", at);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("protected: sealed with a passphrase", "scrypt N=65536, r=8, p=1")
                .contains("signing     SHA256 " + fingerprint(keys.resolve("signing.pub.pem")))
                .contains("exchange    SHA256 " + fingerprint(keys.resolve("exchange.pub.pem")))
                .doesNotContain("warning");

        Map<String, String> sealed = state(home);
        Cli missing = run(environment(), KeyPassphrase.Terminal.NONE, "status", "--home", at);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("key-passphrase-missing").contains("hint: set FILIAL_KEY_PASSPHRASE");
        Cli wrong = run(environment(), new ScriptedTerminal("not the passphrase"), "status", "--home", at);
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("key-passphrase-wrong").contains("hint: ");
        assertThat(state(home)).as("refusals change nothing").isEqualTo(sealed);

        ScriptedTerminal asked = new ScriptedTerminal(PASSPHRASE);
        assertThat(run(environment(), asked, "status", "--home", at).code()).isZero();
        assertThat(asked.prompts()).containsExactly("passphrase of the private keys of MSK: ");
        Path file = Files.writeString(directory.resolve("credential"), PASSPHRASE + "\n");
        assertThat(run(environment(KeyPassphrase.FILE_VARIABLE, file.toString(), "FILIAL_NODE_HOME", at),
                KeyPassphrase.Terminal.NONE, "status").code()).as("the _FILE source, and the home from the environment")
                .isZero();

        Map<String, String> beforeChange = state(home);
        ScriptedTerminal differ = new ScriptedTerminal(CHANGED, CHANGED + "!");
        Cli mismatch = run(withPassphrase(PASSPHRASE), differ, "keys", "protect", "--home", at);
        assertThat(mismatch.code()).isEqualTo(1);
        assertThat(mismatch.err()).contains("key-passphrase-mismatch");
        assertThat(differ.prompts()).hasSize(2);
        assertThat(state(home)).isEqualTo(beforeChange);
        Cli changed = run(withPassphrase(PASSPHRASE), new ScriptedTerminal(CHANGED, CHANGED), "keys", "protect",
                "--home", at);
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("passphrase of the private keys of MSK changed");
        assertSealed(keys);
        assertThat(run(withPassphrase(PASSPHRASE), KeyPassphrase.Terminal.NONE, "status", "--home", at).code())
                .as("the old passphrase no longer opens").isEqualTo(1);
        assertThat(run(withPassphrase(CHANGED), KeyPassphrase.Terminal.NONE, "status", "--home", at).code()).isZero();

        Cli unprotect = run(withPassphrase(CHANGED), KeyPassphrase.Terminal.NONE, "keys", "unprotect", "--home", at);
        assertThat(unprotect.code()).as(unprotect.err()).isZero();
        assertThat(unprotect.out()).contains("plain owner-only files again");
        assertPlain(keys);
        assertThat(run(environment(), KeyPassphrase.Terminal.NONE, "status", "--home", at).code()).isZero();
        assertThat(run(environment(), KeyPassphrase.Terminal.NONE, "keys", "status", "--home", at).out())
                .contains("not passphrase-protected: owner-only files " + keys.resolve("signing.key.pem"));
        assertThat(run(environment(), KeyPassphrase.Terminal.NONE, "keys", "unprotect", "--home", at).out())
                .contains("nothing to do");

        Cli protect = run(environment(KeyPassphrase.FILE_VARIABLE, file.toString()), KeyPassphrase.Terminal.NONE,
                "keys", "protect", "--home", at);
        assertThat(protect.code()).as(protect.err()).isZero();
        assertThat(protect.out()).contains("sealed with the passphrase in " + keys.resolve("private.sealed"));
        assertSealed(keys);
        assertThat(run(withPassphrase(PASSPHRASE), KeyPassphrase.Terminal.NONE, "keys", "status", "--home", at)
                .out()).contains("protected: sealed");
    }

    @Test
    void initAsksTwiceAndNotAgainAndARefusedPassphraseCreatesNothing() throws IOException {
        Path home = directory.resolve("msk");
        ScriptedTerminal terminal = new ScriptedTerminal(PASSPHRASE, PASSPHRASE);
        Cli init = run(environment("FILIAL_ADMIN_PASSWORD", "admin-secret-1"), terminal, "init", "--home",
                home.toString(), "--code", "MSK", "--protect-keys", "--admin", "boss");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(terminal.prompts()).as("the new passphrase twice, then remembered to add the admin").hasSize(2);
        try (Node node = Node.open(home(home, KeyPassphrase.VARIABLE, PASSPHRASE))) {
            assertThat(node.users().authenticate("boss", "admin-secret-1".toCharArray())).isPresent();
        }

        Path weak = directory.resolve("weak");
        Cli refused = run(environment(), new ScriptedTerminal("short", "short"), "init", "--home", weak.toString(),
                "--code", "SPB", "--protect-keys");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("key-passphrase-weak").contains("hint: choose a passphrase of at least 10");
        assertThat(weak).as("nothing is created").doesNotExist();
        Cli none = run(environment(), KeyPassphrase.Terminal.NONE, "init", "--home", weak.toString(), "--code", "SPB",
                "--protect-keys");
        assertThat(none.err()).contains("key-passphrase-missing");
        assertThat(weak).doesNotExist();
    }

    @Test
    void joinSealsTheKeysThePackageCarried() throws IOException {
        Ed25519BatchSigner hubSigner = Ed25519BatchSigner.generate();
        EnrollmentPackage.NodeSecrets secrets = new EnrollmentPackage.NodeSecrets(Ed25519BatchSigner.generate(),
                X25519KeyPair.generate());
        Path enrollment = directory.resolve("msk.filial");
        EnrollmentPackage.write(enrollment, hubSigner, new EnrollmentPackage.Hub(NodeCode.parse("HQ"),
                        hubSigner.publicKey(), X25519KeyPair.generate().publicKey()),
                new EnrollmentPackage.Enrollee(NodeCode.parse("MSK"), Uuid7.next(), "Moscow", "branch"), Map.of(),
                Instant.now(), secrets, "KQ7M-2XPD-RT9W-AAAA-BBBB".toCharArray(), List.of());

        Path weak = directory.resolve("weak");
        Cli refused = run(environment("FILIAL_PASSPHRASE", "KQ7M-2XPD-RT9W-AAAA-BBBB", KeyPassphrase.VARIABLE, "short"),
                KeyPassphrase.Terminal.NONE, "join", "--home", weak.toString(), "--package", enrollment.toString(),
                "--protect-keys");
        assertThat(refused.err()).contains("key-passphrase-weak");
        assertThat(weak).doesNotExist();

        Path home = directory.resolve("msk");
        Cli join = run(environment("FILIAL_PASSPHRASE", "KQ7M-2XPD-RT9W-AAAA-BBBB", KeyPassphrase.VARIABLE,
                PASSPHRASE), KeyPassphrase.Terminal.NONE, "join", "--home", home.toString(), "--package",
                enrollment.toString(), "--protect-keys");
        assertThat(join.code()).as(join.err()).isZero();
        assertThat(join.out()).contains("private keys: protected: sealed");
        assertSealed(home.resolve("keys"));
        NodeKeys keys = home(home, KeyPassphrase.VARIABLE, PASSPHRASE).keysOf();
        assertThat(keys.signer().exportPrivateKey()).isEqualTo(secrets.signer().exportPrivateKey());
        assertThat(keys.exchange().exportPrivateKey()).isEqualTo(secrets.exchange().exportPrivateKey());
    }

    /** SHA-256 of the DER a public key PEM holds, computed here apart from the code under test. */
    private static String fingerprint(Path pem) throws IOException {
        String body = Files.readAllLines(pem).stream().filter(line -> !line.startsWith("-----"))
                .collect(Collectors.joining());
        return sha256(Base64.getDecoder().decode(body));
    }

    private static void assertSealed(Path keys) throws IOException {
        assertThat(keys.resolve("signing.key.pem")).doesNotExist();
        assertThat(keys.resolve("exchange.key.pem")).doesNotExist();
        assertThat(permissions(keys.resolve(PrivateKeys.SEALED))).isEqualTo("rw-------");
        assertThat(permissions(keys)).isEqualTo("rwx------");
    }

    private static void assertPlain(Path keys) throws IOException {
        assertThat(keys.resolve(PrivateKeys.SEALED)).doesNotExist();
        assertThat(permissions(keys.resolve("signing.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(keys.resolve("exchange.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(keys)).isEqualTo("rwx------");
    }
}
