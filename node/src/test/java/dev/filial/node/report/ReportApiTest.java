package dev.filial.node.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** {@code /api/reports/...} and {@code /api/{entity}?format=} on a real embedded server, on both engines. */
class ReportApiTest {

    private static final String PASSWORD = "viewer-secret-1";

    @TempDir
    Path directory;

    private static <T> MutableHttpRequest<T> viewer(MutableHttpRequest<T> request) {
        return request.basicAuth("viewer", PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(BlockingHttpClient client, String path, HttpStatus status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.exchange(viewer(HttpRequest.GET(path)), byte[].class));
        assertThat((Object) e).as("expected " + status + " for " + path).isNotNull();
        assertThat((Object) e.getStatus()).isEqualTo(status);
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsKeys("error", "message", "hint");
        return body;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void servesReportsAndListsAsJsonCsvTsvAndXlsxWithTypedErrors(Engine engine) throws Exception {
        Path home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.users().put("viewer", "Viewer", Role.VIEWER, PASSWORD.toCharArray());
            node.writer().write(ReportData::write);
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            assertThat(client.retrieve(viewer(HttpRequest.GET("/api/reports")), Map.class).get("reports")).isEqualTo(
                    List.of("activities", "debtors", "funnel", "sales", "stock-balances", "stock-movements"));

            Map<String, Object> json = client.retrieve(viewer(HttpRequest.GET(
                    "/api/reports/sales?from=2026-01-01&to=2026-01-31&format=json")), Map.class);
            assertThat(json).containsEntry("report", "sales").containsEntry("parameters",
                    Map.of("from", "2026-01-01", "to", "2026-01-31"));
            assertThat((List<Map<String, Object>>) json.get("columns"))
                    .extracting(c -> c.get("name") + ":" + c.get("type"))
                    .startsWith("currency:text", "invoices:integer", "quantity:decimal");
            assertThat((List<Map<String, Object>>) json.get("rows")).first().isEqualTo(Map.of("currency", "EUR",
                    "invoices", 1, "quantity", "12.000", "net", "250.00", "vat", "50.00", "gross", "300.00"));

            HttpResponse<byte[]> csv = client.exchange(viewer(HttpRequest.GET(
                    "/api/reports/sales?group=customer&format=csv")), byte[].class);
            assertThat(csv.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/csv");
            assertThat(csv.header(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"sales.csv\"");
            assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo(
                    "customer,tax_id,currency,invoices,quantity,net,vat,gross\r\n"
                    + "ALFA,111,EUR,2,16.000,270.00,54.00,324.00\r\n"
                    + "\"Бета, ООО\",222,RUB,1,1.000,9000.00,1800.00,10800.00\r\n");

            HttpResponse<byte[]> tsv = client.exchange(viewer(HttpRequest.GET(
                    "/api/reports/debtors?on=2026-02-10&branch=MSK&format=tsv")), byte[].class);
            assertThat(tsv.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/tab-separated-values");
            assertThat(tsv.header(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"debtors.tsv\"");
            assertThat(new String(tsv.body(), StandardCharsets.UTF_8)).isEqualTo(
                    "customer\ttax_id\tcurrency\tinvoices\toutstanding\toverdue\toldest_due\tdays_overdue\r\n"
                    + "ALFA\t111\tEUR\t1\t200.00\t200.00\t2026-01-20\t21\r\n"
                    + "Бета, ООО\t222\tRUB\t1\t10800.00\t10800.00\t2026-01-25\t16\r\n");

            HttpResponse<byte[]> xlsx = client.exchange(viewer(HttpRequest.GET(
                    "/api/reports/stock-balances?format=xlsx")), byte[].class);
            assertThat(xlsx.header(HttpHeaders.CONTENT_TYPE)).isEqualTo(ExportFormat.XLSX.mediaType());
            assertThat(xlsx.header(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"stock-balances.xlsx\"");
            Map<String, Element> cells = ExportFormatsTest.cells(ExportFormatsTest.readXlsx(xlsx.body())
                    .get("xl/worksheets/sheet1.xml"));
            assertThat(ExportFormatsTest.text(cells.get("A2"))).isEqualTo("MAIN");
            assertThat(ExportFormatsTest.value(cells.get("F2"))).isEqualTo("10.000");
            assertThat(ExportFormatsTest.text(cells.get("D3"))).isEqualTo("Gloves, \"soft\"");

            // an entity list: every matching row, sorted, as a file; JSON stays a page
            HttpResponse<byte[]> list = client.exchange(viewer(HttpRequest.GET(
                    "/api/counterparties?format=csv&sort=-name&size=1")), byte[].class);
            assertThat(list.header(HttpHeaders.CONTENT_DISPOSITION)).contains("filename=\"counterparties.csv\"");
            List<String> lines = new String(list.body(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).startsWith("id,kind,name,tax_id,");
            assertThat(lines.get(1)).contains(",\"Бета, ООО\",222,");
            assertThat(lines.get(2)).contains(",ALFA,111,");
            HttpResponse<byte[]> issues = client.exchange(viewer(HttpRequest.GET(
                    "/api/stock-entries?format=xlsx&quantity.lt=0")), byte[].class);
            assertThat(ExportFormatsTest.cells(ExportFormatsTest.readXlsx(issues.body())
                    .get("xl/worksheets/sheet1.xml")).keySet().stream().filter(ref -> ref.startsWith("A")))
                    .hasSize(4); // header, D2 -3, D4 -5, D5 -30
            Map<String, Object> page = client.retrieve(viewer(HttpRequest.GET("/api/counterparties?size=1")),
                    Map.class);
            assertThat(page.get("total")).isEqualTo(2);
            assertThat((List<Object>) page.get("items")).hasSize(1);

            assertThat(error(client, "/api/reports/profit", HttpStatus.NOT_FOUND).get("message").toString())
                    .contains("no report 'profit'");
            Map<String, Object> badDate = error(client, "/api/reports/sales?from=yesterday",
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat((List<Map<String, Object>>) badDate.get("fields")).extracting(f -> f.get("field"))
                    .containsExactly("from");
            assertThat((List<Map<String, Object>>) error(client, "/api/reports/sales?group=colour",
                    HttpStatus.UNPROCESSABLE_ENTITY).get("fields")).extracting(f -> f.get("field"))
                    .containsExactly("group");
            assertThat((List<Map<String, Object>>) error(client, "/api/reports/funnel?on=2026-01-01",
                    HttpStatus.UNPROCESSABLE_ENTITY).get("fields")).extracting(f -> f.get("field"))
                    .containsExactly("on");
            assertThat((List<Map<String, Object>>) error(client, "/api/reports/sales?format=pdf",
                    HttpStatus.UNPROCESSABLE_ENTITY).get("fields")).extracting(f -> f.get("message").toString())
                    .singleElement().asString().contains("json, csv, tsv, xlsx");
            error(client, "/api/counterparties?format=pdf", HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat((List<Map<String, Object>>) error(client, "/api/counterparties?format=csv&colour=red",
                    HttpStatus.UNPROCESSABLE_ENTITY).get("fields")).extracting(f -> f.get("field"))
                    .containsExactly("colour");
            error(client, "/api/nothing?format=csv", HttpStatus.NOT_FOUND);
            HttpClientResponseException anonymous = catchThrowableOfType(HttpClientResponseException.class,
                    () -> client.exchange(HttpRequest.GET("/api/reports/sales?format=csv"), byte[].class));
            assertThat((Object) anonymous.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(file -> file.getFileName().toString().startsWith("filial-export-"))).isEmpty();
        }
    }
}
