package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.Network;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HQ's "sync now" and transport status over its REST API, with a node reached through a drop folder. */
class HubSyncApiTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path directory;

    @Test
    @SuppressWarnings("unchecked")
    void syncNowRunsTheDropTransportAndTheStatusShowsItAndWhatEachNodeIsOwed() throws Exception {
        Path drop = Files.createDirectories(directory.resolve("drop"));
        String hqYml = "exchange:\n  transports:\n    - {type: drop, folder: '" + drop + "'}\n";
        try (Network network = Network.start(directory, hqYml);
             HttpClient client = HttpClient.create(network.url())) {
            network.hub().node().users().put("olga", "Olga Operator", Role.MANAGER, PASSWORD.toCharArray());
            Node agent = network.join("AG1", "Agent", "agent", Engine.SQLITE);
            network.close(agent);
            Files.writeString(network.nodeHome("AG1").root().resolve(ExchangeSettings.FILE),
                    "transports:\n  - {type: drop, folder: '" + drop + "'}\n");
            network.hub().registry().setAddresses(NodeCode.parse("AG1"), List.of(NodeAddress.parse("drop:" + drop)));
            agent = network.reopen("AG1");
            network.euro();
            BlockingHttpClient http = client.toBlocking();

            assertThatThrownBy(() -> http.exchange(HttpRequest.POST("/api/sync", ""), List.class))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
            List<Map<String, Object>> reports = http.retrieve(HttpRequest.POST("/api/sync", "")
                    .basicAuth("olga", PASSWORD), List.class);

            assertThat(reports).singleElement().satisfies(report -> {
                assertThat(report).containsEntry("transport", "drop").containsEntry("sent", 1);
                assertThat(report.get("error")).isNull();
            });
            assertThat(drop.resolve("AG1")).isDirectory();
            assertThat(new Delivery(agent, System::getenv).syncNow("drop").get(0).received()).isEqualTo(1);
            assertThat(Network.count(agent, "currency")).isEqualTo(1);

            Map<String, Object> status = http.retrieve(HttpRequest.GET("/api/status").basicAuth("olga", PASSWORD),
                    Map.class);
            List<Map<String, Object>> transports = (List<Map<String, Object>>) status.get("transports");
            assertThat(transports).singleElement().satisfies(transport -> {
                assertThat(transport).containsEntry("transport", "drop").containsEntry("schedule", "manual");
                assertThat((Map<String, Object>) transport.get("last")).containsEntry("failures", 0)
                        .containsKey("lastSuccess");
            });
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) status.get("nodes");
            assertThat(nodes).singleElement().satisfies(node -> assertThat(node)
                    .containsEntry("node", "AG1").containsEntry("via", "drop:" + drop)
                    .containsEntry("backlogBatches", 1));

            assertThatThrownBy(() -> http.exchange(HttpRequest.POST("/api/sync?transport=mail", "")
                    .basicAuth("olga", PASSWORD), Map.class))
                    .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(422);
                        assertThat(e.getResponse().getBody(Map.class).orElseThrow())
                                .containsEntry("code", "no-transport");
                    });
        }
    }
}
