package dev.filial.node.api;

import static dev.filial.node.support.ApiCalls.call;
import static dev.filial.node.support.ApiCalls.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntityApiTest {

    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final String VIEWER_PASSWORD = "viewer-secret-1";

    @TempDir
    Path directory;

    private static <T> io.micronaut.http.MutableHttpRequest<T> admin(io.micronaut.http.MutableHttpRequest<T> request) {
        return request.basicAuth("admin", ADMIN_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void servesEveryOperationWithAuthenticationRolesAndTypedErrors(Engine engine) throws Exception {
        Path home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.users().put("admin", "Admin", Role.ADMIN, ADMIN_PASSWORD.toCharArray());
            node.users().put("viewer", "Viewer", Role.VIEWER, VIEWER_PASSWORD.toCharArray());
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            assertThat(server.getHost()).isIn("127.0.0.1", "localhost");

            assertThat(error(client, HttpRequest.GET("/api/counterparties"), HttpStatus.UNAUTHORIZED).get("error"))
                    .isEqualTo("unauthenticated");
            error(client, HttpRequest.GET("/api/counterparties").basicAuth("admin", "wrong-password"), HttpStatus.UNAUTHORIZED);
            assertThat(call(client, HttpRequest.GET("/health"))).containsEntry("status", "up").containsEntry("node",
                    "MSK");
            error(client, HttpRequest.GET("/api/status"), HttpStatus.UNAUTHORIZED);
            Map<String, Object> status = call(client, admin(HttpRequest.GET("/api/status")));
            assertThat(status).containsEntry("node", "MSK").containsEntry("schema", Schema.VERSION)
                    .containsKeys("toHub", "fromHub");

            call(client, admin(HttpRequest.POST("/api/currencies", Map.of("code", "EUR", "name", "Euro", "minor_units", 2))));
            String wholesale = (String) call(client, admin(HttpRequest.POST("/api/price-types",
                    Map.of("code", "wholesale", "name", "Wholesale")))).get("id");
            for (int i = 1; i <= 5; i++) {
                call(client, admin(HttpRequest.POST("/api/counterparties", Map.of("kind", "organisation",
                        "name", "Firm " + i, "tax_id", "77000000" + i, "credit_limit", i * 1000 + ".5",
                        "category", i % 2 == 0 ? "A" : "B", "price_type_id", wholesale))));
            }
            Map<String, Object> page = call(client, admin(HttpRequest.GET(
                    "/api/counterparties?category=B&credit_limit.gte=1500&sort=-credit_limit&size=1&page=0")));
            assertThat(page.get("total")).isEqualTo(2);
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).singleElement().satisfies(row -> {
                assertThat(row.get("name")).isEqualTo("Firm 5");
                assertThat(row.get("credit_limit")).isEqualTo("5000.50");
                assertThat(row.get("owning_branch")).isEqualTo("MSK");
                assertThat(row.get("active")).isEqualTo(true);
            });
            String id = (String) items.get(0).get("id");
            page = call(client, admin(HttpRequest.GET("/api/counterparties?name.like=firm*&sort=name&size=2&page=1")));
            assertThat((List<Map<String, Object>>) page.get("items")).extracting(row -> row.get("name"))
                    .containsExactly("Firm 3", "Firm 4");
            String firm3 = (String) ((List<Map<String, Object>>) page.get("items")).get(0).get("id");
            String drill = (String) call(client, admin(HttpRequest.POST("/api/products",
                    Map.of("sku", "D-1", "name", "Drill", "unit", "pcs", "vat_rate", "20")))).get("id");
            call(client, admin(HttpRequest.POST("/api/prices", Map.of("product_id", drill, "price_type_id", wholesale,
                    "currency", "EUR", "amount", "99.99", "valid_from", "2026-01-01"))));
            Map<String, Object> quote = call(client, admin(HttpRequest.GET(
                    "/api/quote?counterparty=" + firm3 + "&product=" + drill + "&currency=EUR&date=2026-11-23")));
            assertThat(quote.get("net").toString()).isEqualTo("99.99");
            assertThat(quote.get("gross").toString()).isEqualTo("119.99");
            assertThat(error(client, admin(HttpRequest.GET("/api/quote?counterparty=" + firm3 + "&product=" + drill
                    + "&currency=EUR&date=2025-01-01")), HttpStatus.UNPROCESSABLE_ENTITY).get("error")).isEqualTo("no-price");

            Map<String, Object> updated = call(client, admin(HttpRequest.PATCH("/api/counterparties/" + id,
                    Map.of("payment_days", 30))));
            assertThat(updated).containsEntry("payment_days", 30).containsEntry("name", "Firm 5");
            assertThat(call(client, HttpRequest.GET("/api/counterparties/" + id).basicAuth("viewer", VIEWER_PASSWORD)))
                    .containsEntry("payment_days", 30);

            Map<String, Object> invalid = error(client, admin(HttpRequest.POST("/api/counterparties",
                    Map.of("kind", "company", "credit_limit", "-1", "colour", "red"))), HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat((List<Map<String, Object>>) invalid.get("fields")).extracting(f -> f.get("field") + ":" + f.get("code"))
                    .contains("colour:unknown");
            invalid = error(client, admin(HttpRequest.POST("/api/counterparties",
                    Map.of("kind", "company", "credit_limit", "-1"))), HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat((List<Map<String, Object>>) invalid.get("fields")).extracting(f -> f.get("field") + ":" + f.get("code"))
                    .contains("kind:invalid", "credit_limit:invalid", "name:required");

            Map<String, Object> twin = Map.of("kind", "organisation", "name", "Firm 5 again", "tax_id", "770000005");
            assertThat((List<Map<String, Object>>) error(client, admin(HttpRequest.POST("/api/counterparties", twin)),
                    HttpStatus.CONFLICT).get("fields")).extracting(f -> f.get("code")).containsExactly("duplicate");
            call(client, admin(HttpRequest.POST("/api/counterparties?allowDuplicates=true", twin)));

            error(client, HttpRequest.POST("/api/counterparties", Map.of("kind", "person", "name", "X"))
                    .basicAuth("viewer", VIEWER_PASSWORD), HttpStatus.FORBIDDEN);
            error(client, admin(HttpRequest.POST("/api/counterparties", "{not json").contentType(MediaType.APPLICATION_JSON)),
                    HttpStatus.BAD_REQUEST);
            error(client, admin(HttpRequest.GET("/api/spaceships")), HttpStatus.NOT_FOUND);
            error(client, admin(HttpRequest.GET("/api/counterparties?size=100000")), HttpStatus.UNPROCESSABLE_ENTITY);
            error(client, admin(HttpRequest.GET("/api/counterparties?credit_limit.gte=lots")), HttpStatus.UNPROCESSABLE_ENTITY);

            client.exchange(admin(HttpRequest.DELETE("/api/counterparties/" + id)));
            error(client, admin(HttpRequest.GET("/api/counterparties/" + id)), HttpStatus.NOT_FOUND);

            Map<String, Object> audit = call(client, admin(HttpRequest.GET("/api/audit-entries?table_name=counterparty&row_id=" + id
                    + "&sort=logged_at")));
            assertThat((List<Map<String, Object>>) audit.get("items")).extracting(row -> row.get("action") + " by " + row.get("actor"))
                    .containsExactly("create by admin", "update by admin", "delete by admin");
        }
        try (Node node = Node.open(new NodeHome(home))) {
            long captured = node.database().read(c -> node.changeLog().countAndLast(c)[0]);
            assertThat(captured)
                    .as("2 users, currency, price type, 5 counterparties, product, price, update, duplicate, delete")
                    .isEqualTo(14);
        }
    }
}
