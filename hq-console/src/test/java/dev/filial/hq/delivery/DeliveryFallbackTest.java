package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.delivery.TransportStatus;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with HTTP first and a drop folder second: while HQ's HTTP is down its changes go by the drop
 * folder, and by HTTP again once HQ is back; a scheduled run of the drop transport sends only while
 * HTTP is failing. At HQ, a node is reached over HTTP while it pulled within {@code fallbackAfter},
 * else by its next address.
 */
class DeliveryFallbackTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    @Test
    void theSecondTransportCarriesWhatTheFirstCouldNotAndOnlyThen() throws Exception {
        Path share = Files.createDirectories(directory.resolve("share"));
        Path toHq = share.resolve("HQ");
        try (Network network = Network.start(directory, "exchange:\n  transports:\n    - {type: drop, folder: \""
                + share + "\"}\n  fallbackAfter: 1h\n")) {
            network.euro();
            Node joined = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
            network.close(joined);
            Files.writeString(network.nodeHome("MSK").root().resolve(ExchangeSettings.FILE), "transports:\n"
                    + "  - {type: http, url: \"" + network.url() + "\"}\n"
                    + "  - {type: drop, folder: \"" + share + "\"}\n");
            network.hub().registry().setAddresses(MSK, List.of(NodeAddress.parse("http"),
                    NodeAddress.parse("drop:" + share)));
            Node msk = network.reopen("MSK");
            Delivery delivery = new Delivery(msk, name -> null);
            TransportSettings drop = msk.exchange().transport("drop").orElseThrow();
            String acme = network.customer("Acme", "MSK", null);

            // HTTP works: it sends, the drop folder only receives
            String first = contact(msk, acme, "Ivan Petrov");
            List<RunReport> reports = delivery.syncNow(null);
            assertThat(reports).extracting(RunReport::transport).containsExactly("http", "drop");
            assertThat(reports).allSatisfy(report -> assertThat(report.error()).isNull());
            assertThat(reports.get(0).sent()).isEqualTo(1);
            assertThat(reports.get(1).sent()).isZero();
            assertThat(batches(toHq)).isEmpty();
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, first, "name"))
                    .isEqualTo("Ivan Petrov");

            // HQ's HTTP is down: the failure is recorded and the drop folder carries the change
            network.stop();
            String second = contact(msk, acme, "Olga Sidorova");
            reports = delivery.syncNow(null);
            assertThat(reports.get(0).error()).startsWith("unreachable: ");
            assertThat(reports.get(1).error()).isNull();
            // the batch HTTP packed before it failed, and the acknowledgement of what HTTP brought in
            assertThat(reports.get(1).sent()).isEqualTo(1);
            assertThat(reports.get(1).acknowledged()).isTrue();
            assertThat(batches(toHq)).hasSize(2).contains("MSK-HQ-000002.batch")
                    .anyMatch(name -> name.startsWith("MSK-HQ-ack-"));
            TransportStatus http = delivery.board().get("http");
            assertThat(http.failures()).isEqualTo(1);
            assertThat(http.lastError()).startsWith("unreachable: the hub cannot be reached");
            assertThat(http.lastSuccess()).isNotNull();
            assertThat(delivery.board().get("drop").failures()).isZero();

            // a scheduled run of the drop transport sends while HTTP is failing
            String third = contact(msk, acme, "Anna Volkova");
            RunReport scheduled = delivery.scheduled(drop);
            assertThat(scheduled.error()).isNull();
            assertThat(scheduled.sent()).isEqualTo(1);
            assertThat(batches(toHq)).hasSize(3).contains("MSK-HQ-000002.batch", "MSK-HQ-000003.batch");

            // HQ is back: it takes the drop folder; the node pulled within fallbackAfter, so HQ answers over HTTP
            network.restart();
            HubDelivery hq = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());
            assertThat(hq.inUse(MSK)).contains(NodeAddress.parse("http"));
            RunReport taken = hq.syncNow("drop").get(0);
            assertThat(taken.error()).isNull();
            assertThat(taken.problems()).isEmpty();
            assertThat(taken.received()).isEqualTo(3);
            assertThat(taken.sent()).isZero();
            assertThat(batches(share.resolve("MSK"))).isEmpty();
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, second, "name"))
                    .isEqualTo("Olga Sidorova");
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, third, "name"))
                    .isEqualTo("Anna Volkova");

            // HTTP sends again, the drop folder is left alone, also when its schedule fires
            String fourth = contact(msk, acme, "Pavel Orlov");
            reports = delivery.syncNow(null);
            assertThat(reports).allSatisfy(report -> assertThat(report.error()).isNull());
            // the two batches the drop folder carried are not acknowledged yet: pushed again with the new one
            assertThat(reports.get(0).sent()).isEqualTo(3);
            assertThat(reports.get(1).sent()).isZero();
            assertThat(delivery.board().get("http").failures()).isZero();
            assertThat(delivery.board().get("http").lastError()).startsWith("unreachable: ");
            String fifth = contact(msk, acme, "Nina Belova");
            scheduled = delivery.scheduled(drop);
            assertThat(scheduled.error()).isNull();
            assertThat(scheduled.sent()).isZero();
            assertThat(batches(toHq)).isEmpty();
            assertThat(delivery.scheduled(msk.exchange().transport("http").orElseThrow()).sent()).isEqualTo(1);
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, fourth, "name"))
                    .isEqualTo("Pavel Orlov");
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, fifth, "name"))
                    .isEqualTo("Nina Belova");
            assertThat(msk.outbox().channel(network.hub().code()).backlog()).isZero();
            assertThat(network.scopeDifferences(msk)).isEmpty();
        }
    }

    @Test
    void hqReachesANodeOverHttpWhileItPullsAndByItsNextAddressAfterFallbackAfter() throws Exception {
        Path share = Files.createDirectories(directory.resolve("share"));
        try (Network network = Network.start(directory, "exchange:\n  transports:\n    - {type: drop, folder: \""
                + share + "\"}\n  fallbackAfter: 2h\n")) {
            network.euro();
            Node msk = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
            network.join("AG1", "Agent", "agent", Engine.SQLITE);
            NodeCode ag1 = NodeCode.parse("AG1");
            List<NodeAddress> addresses = List.of(NodeAddress.parse("http"), NodeAddress.parse("drop:" + share));
            network.hub().registry().setAddresses(MSK, addresses);
            network.hub().registry().setAddresses(ag1, addresses);
            network.sync(msk);
            HubDelivery now = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());
            Instant pulled = now.lastPull(MSK).orElseThrow();
            assertThat(pulled).isBetween(Instant.now().minusSeconds(60), Instant.now());
            assertThat(now.lastPull(ag1)).isEmpty();

            assertThat(now.inUse(MSK)).contains(NodeAddress.parse("http"));
            assertThat(at(network, pulled.plus(Duration.ofHours(2)).minusSeconds(1)).inUse(MSK))
                    .contains(NodeAddress.parse("http"));
            assertThat(at(network, pulled.plus(Duration.ofHours(2)).plusSeconds(1)).inUse(MSK))
                    .contains(NodeAddress.parse("drop:" + share));
            // a node that never pulled is reached by its next address at once
            assertThat(now.inUse(ag1)).contains(NodeAddress.parse("drop:" + share));
            // an address of a transport HQ does not have is skipped; with nothing left, nothing applies
            network.hub().registry().setAddresses(ag1, List.of(NodeAddress.parse("http"),
                    NodeAddress.parse("mail:ag1@filial.test")));
            assertThat(now.inUse(ag1)).isEmpty();
            network.hub().registry().setAddresses(ag1, List.of(NodeAddress.parse("mail:ag1@filial.test"),
                    NodeAddress.parse("drop:" + share)));
            assertThat(now.inUse(ag1)).contains(NodeAddress.parse("drop:" + share));

            // HQ's drop run writes for MSK only once it falls back
            network.hub().registry().setAddresses(ag1, List.of(NodeAddress.parse("http")));
            network.customer("Acme", "MSK", null);
            assertThat(now.syncNow("drop").get(0).sent()).isZero();
            assertThat(batches(share.resolve("MSK"))).isEmpty();
            RunReport later = at(network, pulled.plus(Duration.ofHours(3))).syncNow("drop").get(0);
            assertThat(later.error()).isNull();
            assertThat(later.sent()).isPositive();
            assertThat(batches(share.resolve("MSK"))).isNotEmpty().allMatch(name -> name.startsWith("HQ-MSK-"));
        }
    }

    private static HubDelivery at(Network network, Instant instant) {
        return new HubDelivery(network.hub(), name -> null, Clock.fixed(instant, ZoneOffset.UTC));
    }

    /** Writes a contact person of {@code counterparty} at {@code node}; returns its id. */
    private static String contact(Node node, String counterparty, String name) {
        return node.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id",
                Value.of(counterparty), "name", Value.of(name))));
    }

    /** The names of the batch files directly in {@code folder}, sorted. */
    private static List<String> batches(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".batch")).sorted()
                    .toList();
        }
    }
}
