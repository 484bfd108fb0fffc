package dev.filial.node.api;

import static dev.filial.node.support.ApiCalls.call;
import static dev.filial.node.support.ApiCalls.error;
import static dev.filial.node.support.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The stock routes through the real server: a document's life, balances, movements and typed errors. */
class StockApiTest {

    @TempDir
    Path directory;

    private static <T> MutableHttpRequest<T> manager(MutableHttpRequest<T> request) {
        return request.basicAuth("manager", "manager-secret-1");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void aDocumentsLifeOverHttp(Engine engine) throws Exception {
        Path home;
        String warehouse;
        String product;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.users().put("manager", "Manager", Role.MANAGER, "manager-secret-1".toCharArray());
            node.users().put("viewer", "Viewer", Role.VIEWER, "viewer-secret-1".toCharArray());
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            warehouse = (String) call(client, manager(HttpRequest.POST("/api/warehouses",
                    Map.of("code", "MAIN", "name", "Main")))).get("id");
            product = (String) call(client, manager(HttpRequest.POST("/api/products", Map.of("sku", "NAIL",
                    "name", "Nails", "unit", "kg", "vat_rate", 20)))).get("id");
            Map<String, Object> receipt = Map.of("kind", "receipt", "warehouse_id", warehouse,
                    "doc_date", "2026-03-02", "lines", List.of(Map.of("product_id", product, "quantity", "12.5")));
            Map<String, Object> draft = call(client, manager(HttpRequest.POST("/api/stock-documents", receipt)));
            assertThat(draft).containsEntry("status", "draft").containsEntry("number", "MSK-RC-000001");
            String id = (String) draft.get("id");
            Map<String, Object> changed = call(client, manager(HttpRequest.PATCH("/api/stock-documents/" + id,
                    Map.of("note", "from the supplier"))));
            assertThat(changed).containsEntry("note", "from the supplier");
            Map<String, Object> posted = call(client, manager(HttpRequest.POST("/api/stock-documents/" + id + "/post",
                    Map.of())));
            assertThat(posted).containsEntry("status", "posted");
            assertThat((List<Object>) posted.get("entries")).hasSize(1);

            List<Map<String, Object>> balances = list(client, manager(HttpRequest.GET("/api/stock/balances")));
            assertThat(balances).singleElement().satisfies(balance -> assertThat(balance)
                    .containsEntry("on_hand", "12.500").containsEntry("available", "12.500"));
            Map<String, Object> issue = Map.of("kind", "issue", "warehouse_id", warehouse, "doc_date", "2026-03-03",
                    "lines", List.of(Map.of("product_id", product, "quantity", 20)));
            String issueId = (String) call(client, manager(HttpRequest.POST("/api/stock-documents", issue))).get("id");
            Map<String, Object> refused = error(client, manager(HttpRequest.POST("/api/stock-documents/" + issueId
                    + "/post", Map.of())), HttpStatus.CONFLICT);
            assertThat(refused).containsEntry("error", "negative-stock");
            assertThat((List<Map<String, Object>>) refused.get("details")).singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("sku", "NAIL").containsEntry("on_hand", "12.500"));
            Map<String, Object> invalid = error(client, manager(HttpRequest.POST("/api/stock-documents",
                    Map.of("kind", "issue", "lines", List.of()))), HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat((List<Map<String, Object>>) invalid.get("fields")).extracting(f -> f.get("field"))
                    .contains("warehouse_id", "lines");
            error(client, manager(HttpRequest.POST("/api/stock-documents/" + id + "/reverse?date=yesterday",
                    Map.of())), HttpStatus.UNPROCESSABLE_ENTITY);
            Map<String, Object> reversal = call(client, manager(HttpRequest.POST("/api/stock-documents/" + id
                    + "/reverse?date=2026-03-04", Map.of())));
            assertThat(reversal).containsEntry("reverses_id", id).containsEntry("doc_date", "2026-03-04");
            assertThat(call(client, manager(HttpRequest.GET("/api/stock-documents/" + id))))
                    .containsEntry("status", "reversed");
            List<Map<String, Object>> moves = list(client, manager(HttpRequest.GET("/api/stock/movements?product_id="
                    + product)));
            assertThat(moves).extracting(m -> m.get("balance")).containsExactly("12.500", "0.000");
            error(client, manager(HttpRequest.GET("/api/stock/movements")), HttpStatus.UNPROCESSABLE_ENTITY);

            Map<String, Object> page = call(client, manager(HttpRequest.GET("/api/stock-documents?sort=number")));
            assertThat((List<Object>) page.get("items")).hasSize(3);
            // documents are written through their routes only; a viewer reads and does not post
            error(client, manager(HttpRequest.PUT("/api/stock-entries/x", Map.of())), HttpStatus.FORBIDDEN);
            error(client, HttpRequest.POST("/api/stock-documents/" + issueId + "/post", Map.of())
                    .basicAuth("viewer", "viewer-secret-1"), HttpStatus.FORBIDDEN);
            error(client, manager(HttpRequest.POST("/api/stock-documents/nope/post", Map.of())), HttpStatus.NOT_FOUND);
        }
    }
}
