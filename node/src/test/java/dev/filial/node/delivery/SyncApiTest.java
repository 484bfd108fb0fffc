package dev.filial.node.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's REST API for its transports: {@code POST /api/sync} ("sync now", for authenticated users
 * only; 422 {@code no-transport} when none is configured) and the transports in {@code GET /api/status}
 * with their last success, last error and the backlog to the hub.
 */
class SyncApiTest {

    private static final String PASSWORD = "clerk-secret-1";

    @TempDir
    Path directory;

    /** Creates node {@code code} with a user {@code clerk} and {@code exchangeYml} (none when null). */
    private Path home(String code, String exchangeYml) throws IOException {
        NodeHome home;
        try (Node node = TestNodes.create(directory, code, Engine.SQLITE, new TestHub(NodeCode.parse(code)))) {
            node.users().put("clerk", "Clerk", Role.MANAGER, PASSWORD.toCharArray());
            node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                    "name", Value.of("Euro"), "minor_units", Value.of(2))));
            home = node.home();
        }
        if (exchangeYml != null) {
            Files.writeString(home.root().resolve(ExchangeSettings.FILE), exchangeYml);
        }
        return home.root();
    }

    private static EmbeddedServer serve(Path home) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("filial.node.home", home.toString(),
                "micronaut.server.port", -1));
    }

    private static <T> MutableHttpRequest<T> clerk(MutableHttpRequest<T> request) {
        return request.basicAuth("clerk", PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> refused(BlockingHttpClient client, HttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.exchange(request, Map.class));
        assertThat((Object) e).as("expected " + status + " for " + request.getPath()).isNotNull();
        assertThat((Object) e.getStatus()).isEqualTo(status);
        return e.getResponse().getBody(Map.class).orElseThrow();
    }

    @Test
    void syncNeedsCredentialsAndANodeWithoutTransportsSaysSo() throws Exception {
        Path home = home("KZN", null);
        try (EmbeddedServer server = serve(home); HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            assertThat(refused(client, HttpRequest.POST("/api/sync", ""), HttpStatus.UNAUTHORIZED))
                    .containsEntry("error", "unauthenticated");
            refused(client, HttpRequest.POST("/api/sync", "").basicAuth("clerk", "wrong"), HttpStatus.UNAUTHORIZED);

            Map<String, Object> body = refused(client, clerk(HttpRequest.POST("/api/sync", "")),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(body).containsEntry("code", "no-transport");
            assertThat((String) body.get("hint")).contains("no transport is configured").contains("exchange.yml");

            // an empty list is left out of the answer, as every empty value is
            Map<?, ?> status = client.retrieve(clerk(HttpRequest.GET("/api/status")), Map.class);
            assertThat(status.get("node")).isEqualTo("KZN");
            assertThat(status.get("transports")).satisfiesAnyOf(transports -> assertThat(transports).isNull(),
                    transports -> assertThat((List<?>) transports).isEmpty());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void syncRunsTheTransportsInOrderAndStatusShowsEachOnesLastRunsAndTheBacklog() throws Exception {
        Path share = Files.createDirectories(directory.resolve("share"));
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path home = home("MSK", """
                transports:
                  - {type: http, url: "http://127.0.0.1:%d"}
                  - {type: drop, folder: "%s"}
                """.formatted(closed, share.toString().replace("\\", "/")));
        try (EmbeddedServer server = serve(home); HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            refused(client, HttpRequest.POST("/api/sync", ""), HttpStatus.UNAUTHORIZED);
            assertThat(share).isEmptyDirectory();

            List<Map<String, Object>> reports = client.retrieve(clerk(HttpRequest.POST("/api/sync", "")), List.class);
            assertThat(reports).extracting(report -> report.get("transport")).containsExactly("http", "drop");
            assertThat((String) reports.get(0).get("error")).startsWith("unreachable: ");
            assertThat(reports.get(1).get("error")).isNull();
            assertThat(reports.get(1).get("sent")).isEqualTo(1);
            Object changes = reports.get(1).get("sentChanges");
            assertThat((Integer) changes).isPositive();
            assertThat(share.resolve("HQ").resolve("MSK-HQ-000001.batch")).isRegularFile();

            Map<String, Object> status = client.retrieve(clerk(HttpRequest.GET("/api/status")), Map.class);
            List<Map<String, Object>> transports = (List<Map<String, Object>>) status.get("transports");
            assertThat(transports).extracting(t -> t.get("transport")).containsExactly("http", "drop");
            Map<String, Object> httpStatus = transports.get(0);
            assertThat(httpStatus).containsEntry("priority", 1).containsEntry("schedule", "manual")
                    .containsEntry("failures", 1).containsEntry("backlogBatches", 1)
                    .containsEntry("backlogChanges", changes);
            assertThat(httpStatus.get("lastSuccess")).isNull();
            assertThat((String) httpStatus.get("lastError")).startsWith("unreachable: ");
            assertThat(httpStatus.get("lastErrorAt")).isNotNull();
            Map<String, Object> dropStatus = transports.get(1);
            assertThat(dropStatus).containsEntry("priority", 2).containsEntry("failures", 0)
                    .containsEntry("backlogBatches", 1).containsEntry("backlogChanges", changes);
            assertThat(dropStatus.get("lastSuccess")).isNotNull();
            assertThat(dropStatus.get("lastError")).isNull();
            assertThat(dropStatus.get("nextRun")).isNull();

            // only one transport, and one that is not configured
            reports = client.retrieve(clerk(HttpRequest.POST("/api/sync?transport=drop", "")), List.class);
            assertThat(reports).singleElement().satisfies(report -> {
                assertThat(report.get("transport")).isEqualTo("drop");
                assertThat(report.get("error")).isNull();
                assertThat(report.get("sent")).isEqualTo(0);
            });
            Map<String, Object> body = refused(client, clerk(HttpRequest.POST("/api/sync?transport=mail", "")),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(body).containsEntry("code", "no-transport");
            assertThat((String) body.get("hint")).contains("no mail transport is configured");

            // the drop folder turns into a file: its error shows, its last success and the backlog stay
            status = client.retrieve(clerk(HttpRequest.GET("/api/status")), Map.class);
            String lastSuccess = (String) ((List<Map<String, Object>>) status.get("transports")).get(1)
                    .get("lastSuccess");
            assertThat(lastSuccess).isGreaterThan((String) dropStatus.get("lastSuccess"));
            try (var files = Files.walk(share)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
            Files.writeString(share, "not a folder");
            client.retrieve(clerk(HttpRequest.POST("/api/counterparties", Map.of("kind", "organisation",
                    "name", "Firm"))), Map.class);
            reports = client.retrieve(clerk(HttpRequest.POST("/api/sync", "")), List.class);
            assertThat(reports).extracting(report -> report.get("transport")).containsExactly("http", "drop");
            assertThat((String) reports.get(1).get("error")).startsWith("drop-unreadable: " + share
                    + " is a file, not a folder");

            status = client.retrieve(clerk(HttpRequest.GET("/api/status")), Map.class);
            transports = (List<Map<String, Object>>) status.get("transports");
            assertThat(transports.get(0)).containsEntry("failures", 2);
            dropStatus = transports.get(1);
            // the run stopped at reading the folder, before the new change was packed: it waits unpacked
            assertThat(dropStatus).containsEntry("failures", 1).containsEntry("lastSuccess", lastSuccess)
                    .containsEntry("backlogBatches", 1).containsEntry("backlogChanges", changes);
            assertThat((Integer) dropStatus.get("unpacked")).isPositive();
            assertThat((String) dropStatus.get("lastError")).startsWith("drop-unreadable: ").contains("not a folder");
            assertThat((String) dropStatus.get("lastErrorAt")).isGreaterThan(lastSuccess);
            assertThat(Files.readString(share)).isEqualTo("not a folder");
        }
    }
}
