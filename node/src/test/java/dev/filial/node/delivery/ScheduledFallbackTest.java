package dev.filial.node.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled run of a lower-priority transport sends unless one before it works: an HTTP transport
 * that runs only on demand and never ran does not keep the drop folder from sending.
 */
class ScheduledFallbackTest {

    @TempDir
    Path directory;

    @Test
    void aTransportBeforeItThatNeverRanDoesNotHoldBackAScheduledRun() throws Exception {
        NodeHome home;
        try (Node created = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(NodeCode.parse("MSK")))) {
            home = created.home();
        }
        Path share = Files.createDirectories(directory.resolve("share"));
        Files.writeString(home.root().resolve(ExchangeSettings.FILE), "transports:\n"
                + "  - {type: http, url: 'http://127.0.0.1:" + closedPort() + "'}\n"
                + "  - {type: drop, folder: '" + share + "', schedule: '0 0 * * * *'}\n");
        try (Node node = Node.open(home)) {
            node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                    "name", Value.of("Euro"), "minor_units", Value.of(2))));
            Delivery delivery = new Delivery(node, System::getenv);
            TransportSettings drop = node.exchange().transport("drop").orElseThrow();

            RunReport first = delivery.scheduled(drop);

            assertThat(delivery.board().get("http").lastRun()).isNull();
            assertThat(first.error()).isNull();
            assertThat(first.sent()).isEqualTo(1);
            assertThat(share.resolve("HQ").resolve("MSK-HQ-000001.batch")).exists();
        }
    }

    @Test
    void aRelativeDropFolderIsTakenFromTheNodesHome() throws Exception {
        NodeHome home;
        try (Node created = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(NodeCode.parse("MSK")))) {
            home = created.home();
        }
        Files.createDirectories(home.root().resolve("outbox-share"));
        Files.writeString(home.root().resolve(ExchangeSettings.FILE), "transports:\n"
                + "  - {type: drop, folder: outbox-share}\n");
        try (Node node = Node.open(home)) {
            node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                    "name", Value.of("Euro"), "minor_units", Value.of(2))));

            RunReport run = new Delivery(node, System::getenv).syncNow("drop").get(0);

            assertThat(run.error()).isNull();
            assertThat(home.root().resolve("outbox-share").resolve("HQ").resolve("MSK-HQ-000001.batch")).exists();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
