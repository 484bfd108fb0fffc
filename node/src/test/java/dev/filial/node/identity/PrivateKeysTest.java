package dev.filial.node.identity;

import static dev.filial.node.support.TestKeys.home;
import static dev.filial.node.support.TestKeys.permissions;
import static dev.filial.node.support.TestKeys.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.enrollment.SealedKeys;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.KeyRing;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys sealed with a passphrase: through {@link NodeHome} and {@link Node#open}, every refusal with its
 * code and nothing on disk changed, the round trips between the two forms, and a crash between their steps.
 */
class PrivateKeysTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final String OTHER = "another long passphrase";
    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    private NodeHome sealedNode(String code) throws IOException {
        NodeHome home = home(directory.resolve(code.toLowerCase()), KeyPassphrase.VARIABLE, PASSPHRASE);
        home.init(NodeCode.parse(code), TestHub.CODE, Engine.SQLITE, true);
        return home;
    }

    @Test
    void sealedKeysOpenInNodeOpenAndSignBatchesTheHubVerifies() throws Exception {
        NodeHome home = sealedNode("MSK");
        Path keys = home.keys();
        TestHub hub = new TestHub(MSK);
        hub.trustedBy(home);

        assertThat(Files.exists(keys.resolve("signing.key.pem")) || Files.exists(keys.resolve("exchange.key.pem")))
                .as("no plain private key is written").isFalse();
        assertThat(permissions(keys)).isEqualTo("rwx------");
        assertThat(permissions(keys.resolve(PrivateKeys.SEALED))).isEqualTo("rw-------");
        String sealed = Files.readString(keys.resolve(PrivateKeys.SEALED));
        assertThat(sealed).contains("\"format\" : 1", "\"node\" : \"MSK\"", "\"kdf\" : \"scrypt\"", "\"sha256\"")
                .doesNotContain("PRIVATE KEY");
        assertThat(home.privateKeys().status().form()).isEqualTo(PrivateKeys.Form.SEALED);

        String usd = Uuid7.next();
        try (Node node = Node.open(home)) {
            node.entities().create(Actor.SYSTEM, "currencies", Map.of("code", "EUR", "name", "Euro",
                    "minor_units", 2), false);
            OutboundBatch batch = node.outbox().pack(TestHub.CODE).get(0);
            byte[] publicKey = PemKeys.readPublicKey(PemKeys.Curve.ED25519,
                    Files.readString(keys.resolve("signing.pub.pem")));
            BatchReader hq = new BatchReader(new KeyRing().trust(MSK, Ed25519PublicKey.fromRaw(publicKey)),
                    ReaderLimits.DEFAULT, TestHub.CODE, hub.exchange());
            assertThat(hq.read(batch.files().get(0)).transactions().get(0).changes())
                    .as("signed with the sealed signing key, verified with the public one").extracting(RowChange::table)
                    .containsExactly("currency", "audit_entry");
            assertThat(node.inbox().receive("test", hub.send(hub.transaction(RowChange.insert("currency", usd,
                    Map.of("code", Value.of("USD"), "name", Value.of("US dollar"), "minor_units", Value.of(2)))))
                    .get(0).bytes()).refused()).as("a batch encrypted to the sealed exchange key opens").isFalse();
            assertThat(node.entities().get(Actor.SYSTEM, "currencies", usd)).containsEntry("code", "USD");
        }

        Map<String, String> before = state(home.root());
        assertThatThrownBy(() -> Node.open(home(home.root()))).isInstanceOfSatisfying(KeyProtectionException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("key-passphrase-missing");
                    assertThat(e.hint()).contains("FILIAL_KEY_PASSPHRASE_FILE").contains("environment only");
                });
        assertThat(state(home.root())).isEqualTo(before);
    }

    @Test
    void everyRefusalHasItsCodeAndLeavesTheFilesAsTheyWere() throws Exception {
        NodeHome msk = sealedNode("MSK");
        NodeHome spb = sealedNode("SPB");
        Path file = msk.keys().resolve(PrivateKeys.SEALED);
        byte[] good = Files.readAllBytes(file);
        String json = new String(good, StandardCharsets.US_ASCII);

        refused(msk.root(), "key-passphrase-missing", () -> home(msk.root()).keysOf());
        refused(msk.root(), "key-passphrase-missing", () -> home(msk.root(), KeyPassphrase.VARIABLE, "").keysOf());
        refused(msk.root(), "key-passphrase-wrong", () -> home(msk.root(), KeyPassphrase.VARIABLE, OTHER).keysOf());
        String sealed = field(json, "sealed");
        Map<String, UnaryOperator<String>> damages = new LinkedHashMap<>();
        damages.put("not JSON", text -> "garbage");
        damages.put("truncated", text -> text.substring(0, text.length() / 2));
        damages.put("empty", text -> "");
        damages.put("one sealed byte changed", text -> text.replace(sealed, flipped(sealed)));
        damages.put("unknown format", text -> text.replace("\"format\" : 1", "\"format\" : 2"));
        damages.put("another kdf", text -> text.replace("\"scrypt\"", "\"argon2id\""));
        damages.put("a cost no reader allocates", text -> text.replace("\"n\" : 65536", "\"n\" : 2097152"));
        damages.put("a field of the wrong type", text -> text.replace("\"r\" : 8", "\"r\" : \"8\""));
        damages.put("a field twice", text -> text.replace("\"format\" : 1,", "\"format\" : 1, \"format\" : 1,"));
        damages.put("content after the object", text -> text + "{}");
        for (Map.Entry<String, UnaryOperator<String>> damage : damages.entrySet()) {
            Files.writeString(file, damage.getValue().apply(json), StandardCharsets.US_ASCII);
            refused(msk.root(), "key-file-damaged", () -> msk.keysOf());
            refused(msk.root(), "key-file-damaged", () -> msk.privateKeys().status());
        }

        Files.copy(spb.keys().resolve(PrivateKeys.SEALED), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        refused(msk.root(), "key-file-foreign", () -> msk.keysOf());
        NodeConfig mskConfig = msk.config();
        Files.writeString(file, relabelled(Files.readString(file), spb.config(), mskConfig));
        refused(msk.root(), "key-passphrase-wrong", () -> msk.keysOf());

        Files.write(file, good);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> before = state(msk.root());
        assertThatThrownBy(msk::keysOf).isInstanceOf(NodeHomeException.class).hasMessageContaining("chmod 600");
        assertThat(state(msk.root())).isEqualTo(before);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(msk.keysOf().signer().publicKey()).as("the good file still opens").isNotNull();
    }

    @Test
    void protectUnprotectAndProtectAgainKeepTheKeysAndChangeThePassphrase() throws Exception {
        NodeHome plain = home(directory.resolve("msk"));
        plain.init(MSK, TestHub.CODE, Engine.SQLITE);
        Path keys = plain.keys();
        NodeKeys original = plain.keysOf();

        refused(plain.root(), "key-passphrase-missing", () -> plain.privateKeys().protect());
        refused(plain.root(), "key-passphrase-weak",
                () -> home(plain.root(), KeyPassphrase.VARIABLE, "short").privateKeys().protect());
        assertThat(plain.privateKeys().status().form()).isEqualTo(PrivateKeys.Form.PLAIN);

        NodeHome sealed = home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE);
        assertThat(sealed.privateKeys().protect()).isEqualTo(PrivateKeys.Change.SEALED);
        assertSealed(keys);
        assertSameKeys(home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).keysOf(), original);

        assertThat(home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).privateKeys().unprotect())
                .isEqualTo(PrivateKeys.Change.UNSEALED);
        assertPlain(keys);
        assertSameKeys(plain.keysOf(), original);
        assertThat(plain.privateKeys().unprotect()).isEqualTo(PrivateKeys.Change.NONE);

        assertThat(home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).privateKeys().protect())
                .isEqualTo(PrivateKeys.Change.SEALED);
        assertSealed(keys);

        refused(plain.root(), "key-passphrase-wrong", () -> home(plain.root(), KeyPassphrase.VARIABLE, OTHER,
                KeyPassphrase.NEW_VARIABLE, OTHER).privateKeys().protect());
        refused(plain.root(), "key-passphrase-missing",
                () -> home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).privateKeys().protect());
        refused(plain.root(), "key-passphrase-weak", () -> home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE,
                KeyPassphrase.NEW_VARIABLE, "123456789").privateKeys().protect());
        assertThat(home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE, KeyPassphrase.NEW_VARIABLE, OTHER)
                .privateKeys().protect()).isEqualTo(PrivateKeys.Change.PASSPHRASE_CHANGED);
        assertSealed(keys);
        refused(plain.root(), "key-passphrase-wrong",
                () -> home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).keysOf());
        assertSameKeys(home(plain.root(), KeyPassphrase.VARIABLE, OTHER).keysOf(), original);
    }

    @Test
    void aCrashBetweenTheStepsLeavesBothFormsAndTheNodeStillOpens() throws Exception {
        NodeHome plain = home(directory.resolve("msk"));
        plain.init(MSK, TestHub.CODE, Engine.SQLITE);
        NodeKeys original = plain.keysOf();
        Path keys = plain.keys();
        byte[] signing = Files.readAllBytes(keys.resolve("signing.key.pem"));
        byte[] exchange = Files.readAllBytes(keys.resolve("exchange.key.pem"));
        NodeHome withPassphrase = home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE);

        // A protect that stopped after writing the sealed file, before deleting the plain ones: the plain files win.
        withPassphrase.privateKeys().protect();
        restore(keys.resolve("signing.key.pem"), signing);
        restore(keys.resolve("exchange.key.pem"), exchange);
        Files.writeString(keys.resolve(PrivateKeys.SEALED + ".tmp"), "a temporary file a crash left");
        assertSameKeys(plain.keysOf(), original);
        PrivateKeys.Status status = plain.privateKeys().status();
        assertThat(status.form()).isEqualTo(PrivateKeys.Form.PLAIN);
        assertThat(status.leftovers()).containsExactly(keys.resolve(PrivateKeys.SEALED));
        assertThat(plain.privateKeys().interruption()).hasValueSatisfying(text -> assertThat(text)
                .contains("plain files are used").contains("'filial-node keys protect'")
                .contains("'filial-node keys unprotect'"));
        assertThat(withPassphrase.privateKeys().protect()).isEqualTo(PrivateKeys.Change.SEALED);
        assertSealed(keys);
        assertThat(keys.resolve(PrivateKeys.SEALED + ".tmp")).doesNotExist();
        assertThat(plain.privateKeys().interruption()).isEmpty();

        // A protect that stopped between deleting the two plain files: the sealed file wins.
        restore(keys.resolve("exchange.key.pem"), exchange);
        refused(plain.root(), "key-passphrase-missing", plain::keysOf);
        assertSameKeys(withPassphrase.keysOf(), original);
        assertThat(withPassphrase.privateKeys().status().leftovers())
                .containsExactly(keys.resolve("exchange.key.pem"));
        assertThat(withPassphrase.privateKeys().protect()).as("finished, the passphrase kept")
                .isEqualTo(PrivateKeys.Change.FINISHED);
        assertSealed(keys);
        assertSameKeys(home(plain.root(), KeyPassphrase.VARIABLE, PASSPHRASE).keysOf(), original);

        // An unprotect that stopped after writing the plain files, before deleting the sealed one.
        restore(keys.resolve("signing.key.pem"), signing);
        restore(keys.resolve("exchange.key.pem"), exchange);
        assertThat(plain.privateKeys().unprotect()).isEqualTo(PrivateKeys.Change.FINISHED);
        assertPlain(keys);
        assertSameKeys(plain.keysOf(), original);
    }

    private static void refused(Path root, String code, ThrowingCallable attempt) {
        Map<String, String> before = state(root);
        assertThatThrownBy(attempt).isInstanceOfSatisfying(KeyProtectionException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(code);
            assertThat(e.hint()).isNotBlank();
        });
        assertThat(state(root)).as("nothing on disk changed by a refusal (" + code + ")").isEqualTo(before);
    }

    private static void assertSealed(Path keys) throws IOException {
        assertThat(keys.resolve("signing.key.pem")).doesNotExist();
        assertThat(keys.resolve("exchange.key.pem")).doesNotExist();
        assertThat(permissions(keys.resolve(PrivateKeys.SEALED))).isEqualTo("rw-------");
        assertThat(permissions(keys)).isEqualTo("rwx------");
        assertThat(keys.resolve("signing.pub.pem")).exists();
    }

    private static void assertPlain(Path keys) throws IOException {
        assertThat(keys.resolve(PrivateKeys.SEALED)).doesNotExist();
        assertThat(permissions(keys.resolve("signing.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(keys.resolve("exchange.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(keys)).isEqualTo("rwx------");
    }

    private static void assertSameKeys(NodeKeys actual, NodeKeys expected) {
        assertThat(actual.signer().exportPrivateKey()).isEqualTo(expected.signer().exportPrivateKey());
        assertThat(actual.exchange().exportPrivateKey()).isEqualTo(expected.exchange().exportPrivateKey());
    }

    private static void restore(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\" : \"") + name.length() + 6;
        return json.substring(start, json.indexOf('"', start));
    }

    /** The base64 text with one bit of its first byte changed. */
    private static String flipped(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[0] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Another node's sealed file, its node and id rewritten as this node's and its checksum made to match. */
    private static String relabelled(String json, NodeConfig from, NodeConfig to) {
        String text = json.replace("\"" + from.code() + "\"", "\"" + to.code() + "\"").replace(from.id(), to.id());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("kdf", "salt", "nonce", "sealed")) {
            fields.put(name, field(text, name));
        }
        for (String name : List.of("n", "r", "p")) {
            int start = text.indexOf("\"" + name + "\" : ") + name.length() + 5;
            fields.put(name, Long.parseLong(text.substring(start, text.indexOf(',', start)).trim()));
        }
        String checksum = SealedKeyFile.checksum(SealedKeyFile.FORMAT, to.code().toString(), to.id(),
                SealedKeys.fromFields(fields));
        return text.replace(field(text, "sha256"), checksum);
    }
}
