package dev.filial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.catalog.BaseCurrency;
import dev.filial.node.access.Actor;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.KeyRing;
import dev.filial.protocol.signing.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeCommandTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void initExportAndImportThroughTheCommandLine(Engine engine) throws Exception {
        Path home = directory.resolve("msk");
        assertThat(NodeCommand.run("init", "--home", home.toString(), "--code", "MSK", "--engine", engine.code())).isZero();
        assertThat(NodeCommand.run("init", "--home", home.toString(), "--code", "MSK")).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("keys/signing.key.pem"))))
                .isEqualTo("rw-------");

        TestHub hub = new TestHub(NodeCode.parse("MSK"));
        hub.trustedBy(new NodeHome(home));
        try (Node node = Node.open(new NodeHome(home))) {
            node.entities().create(Actor.SYSTEM, "currencies", Map.of("code", "EUR", "name", "Euro", "minor_units", 2), false);
        }

        Path outbox = directory.resolve("to-hq");
        assertThat(NodeCommand.run("export-batch", "--home", home.toString(), "--to", outbox.toString())).isZero();
        List<Path> written;
        try (Stream<Path> files = Files.list(outbox)) {
            written = files.sorted().toList();
        }
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("MSK-HQ-000001.batch");
        byte[] publicKey = PemKeys.readPublicKey(PemKeys.Curve.ED25519, Files.readString(home.resolve("keys/signing.pub.pem")));
        BatchReader hq = new BatchReader(new KeyRing().trust(NodeCode.parse("MSK"), Ed25519PublicKey.fromRaw(publicKey)),
                ReaderLimits.DEFAULT, TestHub.CODE, hub.exchange());
        assertThat(hq.read(Files.readAllBytes(written.get(0))).transactions().get(0).changes())
                .extracting(RowChange::table).containsExactly("currency", "audit_entry");

        Path inbox = Files.createDirectories(directory.resolve("from-hq"));
        String usd = Uuid7.next();
        Path good = inbox.resolve("HQ-MSK-000001.batch");
        Files.write(good, hub.send(hub.transaction(RowChange.insert("currency", usd, Map.of("code", Value.of("USD"),
                "name", Value.of("US dollar"), "minor_units", Value.of(2))))).get(0).bytes());
        Path bad = inbox.resolve("HQ-MSK-000002.batch");
        byte[] tampered = hub.send(hub.transaction(RowChange.insert("currency", Uuid7.next(), Map.of("code", Value.of("PLN"),
                "name", Value.of("Zloty"), "minor_units", Value.of(2))))).get(0).bytes();
        tampered[tampered.length - 30] ^= 0x40;
        Files.write(bad, tampered);

        assertThat(NodeCommand.run("import-batch", "--home", home.toString(), good.toString())).isZero();
        assertThat(NodeCommand.run("import-batch", "--home", home.toString(), bad.toString())).isEqualTo(1);
        assertThat(NodeCommand.run("status", "--home", home.toString())).isZero();
        assertThat(NodeCommand.run("quarantine", "--home", home.toString())).isZero();
        assertThat(NodeCommand.run("base-currency", "--home", home.toString())).isZero();
        assertThat(NodeCommand.run("base-currency", "--home", home.toString(), "usd")).isZero();
        assertThat(NodeCommand.run("base-currency", "--home", home.toString(), "JPY")).as("no such currency")
                .isEqualTo(1);
        try (Node node = Node.open(new NodeHome(home))) {
            assertThat(node.entities().get(Actor.SYSTEM, "currencies", usd)).containsEntry("code", "USD");
            assertThat(node.quarantine().list()).hasSize(1);
            assertThat(BaseCurrency.of(node.database())).isEqualTo("USD");
        }
    }
}
