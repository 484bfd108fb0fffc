package dev.filial.node.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What leaves by file drop is encrypted to the hub; without the hub's exchange key nothing leaves that way. */
class EncryptedDropTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    @Test
    void batchesWrittenToADropFolderAreEncryptedToTheHubAndOnlyItsKeyReadsThem() throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", Engine.SQLITE, hub)) {
            euro(node);
            DropFolder drop = new DropFolder(Files.createDirectories(directory.resolve("stick")), MSK, 1 << 20);
            RunReport report = new Delivery(node, System::getenv).dropSend("drop", drop, Duration.ZERO);

            assertThat(report.sent()).isEqualTo(1);
            List<Path> files = files(directory.resolve("stick").resolve("HQ"));
            assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("MSK-HQ-000001.batch");
            byte[] bytes = Files.readAllBytes(files.get(0));
            BatchReader withoutKey = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null);
            assertThat(withoutKey.readPart(bytes).header().encryption()).isNotNull();
            BatchReader hubReader = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, hub.exchange());
            assertThat(hubReader.read(bytes).transactions()).isNotEmpty();
        }
    }

    @Test
    void withoutTheHubsExchangeKeyNothingLeavesByDropAndTheReasonIsTyped() throws Exception {
        TestHub hub = new TestHub(MSK);
        NodeHome home;
        try (Node created = TestNodes.create(directory, "MSK", Engine.SQLITE, hub)) {
            home = created.home();
        }
        Files.delete(home.root().resolve("trust").resolve("HQ.exchange.pub.pem"));
        try (Node node = Node.open(home)) {
            euro(node);
            DropFolder drop = new DropFolder(Files.createDirectories(directory.resolve("stick")), MSK, 1 << 20);
            Delivery delivery = new Delivery(node, System::getenv);
            RunReport report = delivery.board().record("drop", () -> delivery.dropSend("drop", drop, Duration.ZERO));

            assertThat(report.error()).startsWith("not-encrypted: batch 1 to HQ is not encrypted");
            assertThat(delivery.board().get("drop").failures()).isEqualTo(1);
            assertThat(Files.exists(directory.resolve("stick").resolve("HQ"))
                    ? files(directory.resolve("stick").resolve("HQ")) : List.of()).isEmpty();
            assertThat(node.outbox().channel(NodeCode.parse("HQ")).backlog()).isEqualTo(1);
        }
    }

    private static void euro(Node node) {
        node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                "name", Value.of("Euro"), "minor_units", Value.of(2))));
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        }
    }
}
