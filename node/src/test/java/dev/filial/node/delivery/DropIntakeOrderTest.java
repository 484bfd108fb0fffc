package dev.filial.node.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How arrivals and resends behave across runs and transports (findings of the issue-5 review). */
class DropIntakeOrderTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    @Test
    void aFileWhoseBatchCommittedIsArchivedEvenWhenTheHeldBatchAfterItIsRefused() throws Exception {
        TestHub hub = new TestHub(MSK);
        Path root = Files.createDirectories(directory.resolve("share"));
        Path incoming = Files.createDirectories(root.resolve("MSK"));
        try (Node node = TestNodes.create(directory, "MSK", Engine.SQLITE, hub)) {
            List<BatchFile> first = hub.send(hub.transaction(currency("EUR")));
            List<BatchFile> second = hub.send(hub.transaction(currency("USD")));
            // a counterparty without its required columns: the node cannot apply this batch
            List<BatchFile> third = hub.send(hub.transaction(RowChange.insert("counterparty", Uuid7.next(),
                    Map.of("name", Value.of("No kind")))));
            Files.write(incoming.resolve("HQ-MSK-000001.batch"), first.get(0).bytes());
            Files.write(incoming.resolve("HQ-MSK-000003.batch"), third.get(0).bytes());
            Delivery delivery = new Delivery(node, System::getenv);
            DropFolder folder = new DropFolder(root, MSK, 1 << 20);
            RunReport before = delivery.dropRun("drop", folder, false, Duration.ZERO);
            assertThat(before.received()).isEqualTo(1);
            assertThat(before.waiting()).isEqualTo(1);

            Files.write(incoming.resolve("HQ-MSK-000002.batch"), second.get(0).bytes());
            RunReport run = delivery.dropRun("drop", folder, false, Duration.ZERO);

            assertThat(incoming.resolve(DropFolder.PROCESSED).resolve("HQ-MSK-000002.batch")).exists();
            assertThat(incoming.resolve(DropFolder.REJECTED).resolve("HQ-MSK-000002.batch")).doesNotExist();
            assertThat(run.received()).isEqualTo(1);
            assertThat(run.problems()).anyMatch(line -> line.startsWith("after drop:")
                    && line.contains("held batch 3 after them was refused"));
            assertThat(count(node, "currency")).isEqualTo(2);
            assertThat(count(node, "counterparty")).isZero();
        }
    }

    @Test
    void aFailedHttpRunDoesNotPutOffTheDropFoldersResendOfALostBatch() throws Exception {
        NodeHome home;
        try (Node created = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(MSK))) {
            home = created.home();
        }
        Path share = Files.createDirectories(directory.resolve("share"));
        Files.writeString(home.root().resolve(ExchangeSettings.FILE), "transports:\n"
                + "  - {type: http, url: 'http://127.0.0.1:" + closedPort() + "'}\n"
                + "  - {type: drop, folder: '" + share + "', resendAfter: 1s}\n");
        try (Node node = Node.open(home)) {
            node.writer().write(changes -> changes.insert(Schema.CURRENCY, currencyRow("EUR")));
            Delivery delivery = new Delivery(node, System::getenv);
            TransportSettings http = node.exchange().transport("http").orElseThrow();
            TransportSettings drop = node.exchange().transport("drop").orElseThrow();
            Path written = share.resolve("HQ").resolve("MSK-HQ-000001.batch");

            assertThat(delivery.syncNow(null).get(1).sent()).isEqualTo(1);
            Files.delete(written);
            Thread.sleep(1_100);
            assertThat(delivery.run(http, true).error()).startsWith("unreachable: ");

            assertThat(delivery.run(drop, true).sent()).isEqualTo(1);
            assertThat(written).exists();
        }
    }

    private static RowChange currency(String code) {
        return RowChange.insert("currency", Uuid7.next(), currencyRow(code));
    }

    private static Map<String, Value> currencyRow(String code) {
        return Map.of("code", Value.of(code), "name", Value.of(code), "minor_units", Value.of(2));
    }

    private static long count(Node node, String table) {
        return node.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
