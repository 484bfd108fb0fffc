package dev.filial.node.api;

import static dev.filial.node.support.ApiCalls.call;
import static dev.filial.node.support.ApiCalls.error;
import static dev.filial.node.support.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.sales.SalesFixtures;
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

/** Selling through the REST API on a real embedded server: one order to payment, and each typed error. */
class SalesApiTest {

    private static final String PASSWORD = "secret-pass-1";

    @TempDir
    Path directory;

    private static <T> MutableHttpRequest<T> as(String login, MutableHttpRequest<T> request) {
        return request.basicAuth(login, PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void sellsFromOrderToPaymentAndAnswersTypedErrors(Engine engine) throws Exception {
        Path home;
        Map<String, String> ids;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            for (Role role : Role.values()) {
                node.users().put(role.code(), role.code(), role, PASSWORD.toCharArray());
            }
            ids = SalesFixtures.withStock(node);
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            String drill = ids.get("drill");
            String baumarkt = ids.get("baumarkt");

            Map<String, Object> order = call(client, as("agent", HttpRequest.POST("/api/sales-documents", Map.of(
                    "kind", "order", "counterparty_id", baumarkt, "doc_date", "2025-06-15", "currency", "EUR",
                    "warehouse_id", ids.get("main"), "lines", List.of(Map.of("product_id", drill, "quantity", "2"))))));
            // 120 less BAUMARKT's 12.5 % = 105.00; x 2 = 210.00 + 42.00 VAT
            assertThat(order).containsEntry("number", "MSK-OR-000001").containsEntry("gross", "252.00");
            String orderId = (String) order.get("id");
            assertThat(call(client, as("agent", HttpRequest.POST("/api/sales-documents/" + orderId + "/confirm", ""))))
                    .containsEntry("status", "confirmed").containsEntry("reserved", true);
            assertThat(call(client, as("agent", HttpRequest.POST("/api/sales-documents/" + orderId + "/ship",
                    Map.of("doc_date", "2025-06-16"))))).containsEntry("status", "shipped");
            Map<String, Object> invoice = call(client, as("agent", HttpRequest.POST("/api/sales-documents/" + orderId
                    + "/invoice", Map.of("doc_date", "2025-06-16"))));
            assertThat(invoice).containsEntry("due_on", "2025-07-16").containsEntry("status", "draft");
            String invoiceId = (String) invoice.get("id");
            assertThat(call(client, as("agent", HttpRequest.POST("/api/sales-documents/" + invoiceId + "/issue", ""))))
                    .containsEntry("status", "issued").containsEntry("outstanding", "252.00");
            Map<String, Object> payment = call(client, as("agent", HttpRequest.POST("/api/payments", Map.of(
                    "counterparty_id", baumarkt, "paid_on", "2025-06-20", "method", "bank", "amount", "100",
                    "currency", "EUR"))));
            assertThat(payment).containsEntry("number", "MSK-PM-000001").containsEntry("unallocated", "0.00");
            assertThat(call(client, as("viewer", HttpRequest.GET("/api/sales-documents/" + invoiceId))))
                    .containsEntry("outstanding", "152.00").containsKey("lines");
            assertThat((List<Map<String, Object>>) call(client, as("viewer", HttpRequest.GET(
                    "/api/counterparties/" + baumarkt + "/balance"))).get("balances")).containsExactly(Map.of(
                    "currency", "EUR", "invoiced", "252.00", "paid", "100.00", "balance", "152.00"));
            assertThat(list(client, as("viewer", HttpRequest.GET("/api/debtors?date=2025-08-01"))))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("overdue", "152.00"));
            assertThat(list(client, as("viewer", HttpRequest.GET("/api/invoices/overdue?date=2025-08-01"))))
                    .singleElement().satisfies(row -> assertThat(row).containsEntry("id", invoiceId)
                            .containsEntry("days_overdue", 16));
            assertThat((List<Object>) call(client, as("viewer", HttpRequest.GET("/api/sales-documents?kind=invoice")))
                    .get("items")).hasSize(1);

            // 422 with the line's field
            Map<String, Object> invalid = error(client, as("agent", HttpRequest.POST("/api/sales-documents", Map.of(
                    "kind", "quote", "counterparty_id", baumarkt, "doc_date", "2025-06-15", "lines", List.of(
                            Map.of("product_id", drill, "quantity", "1"),
                            Map.of("product_id", drill, "quantity", "1", "discount", "40"))))),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(invalid).containsEntry("error", "validation");
            assertThat((List<Map<String, Object>>) invalid.get("fields")).singleElement().satisfies(field ->
                    assertThat(field).containsEntry("field", "lines[1].discount").containsEntry("code", "over-limit"));
            // 409 with code, hint and details: 8 drills = 1008.00 over the limit of 1000 with 152.00 outstanding
            Map<String, Object> big = call(client, as("agent", HttpRequest.POST("/api/sales-documents", Map.of(
                    "kind", "order", "counterparty_id", baumarkt, "doc_date", "2025-06-20", "lines",
                    List.of(Map.of("product_id", drill, "quantity", "8"))))));
            Map<String, Object> refused = error(client, as("agent", HttpRequest.POST("/api/sales-documents/"
                    + big.get("id") + "/confirm", "")), HttpStatus.CONFLICT);
            assertThat(refused).containsEntry("error", "credit-limit");
            assertThat((String) refused.get("hint")).isNotBlank();
            assertThat((List<Map<String, Object>>) refused.get("details")).singleElement().satisfies(detail ->
                    assertThat(detail).containsEntry("exposure", "152.00").containsEntry("gross", "1008.00"));
            assertThat(error(client, as("agent", HttpRequest.PATCH("/api/sales-documents/" + orderId,
                    Map.of("note", "late"))), HttpStatus.CONFLICT)).containsEntry("error", "not-draft");
            // 403 for roles
            error(client, as("viewer", HttpRequest.POST("/api/sales-documents", Map.of("kind", "quote"))),
                    HttpStatus.FORBIDDEN);
            error(client, as("agent", HttpRequest.POST("/api/payments/" + payment.get("id") + "/reverse", "")),
                    HttpStatus.FORBIDDEN);
            error(client, as("agent", HttpRequest.POST("/api/closed-periods", Map.of("closed_until", "2025-06-30",
                    "closed_by", "agent"))), HttpStatus.FORBIDDEN);
            assertThat(call(client, as("manager", HttpRequest.POST("/api/payments/" + payment.get("id")
                    + "/reverse", "")))).containsEntry("status", "reversed");
            // 404
            assertThat(error(client, as("agent", HttpRequest.GET("/api/sales-documents/nope")), HttpStatus.NOT_FOUND))
                    .containsEntry("error", "not-found");
        }
    }
}
