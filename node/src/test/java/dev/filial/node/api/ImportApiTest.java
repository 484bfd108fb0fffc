package dev.filial.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code POST /api/import/{kind}} on a real embedded server: reports, dry runs and typed refusals. */
class ImportApiTest {

    private static final String PASSWORD = "manager-secret-1";
    private static final MediaType CSV = MediaType.of("text/csv");
    private static final String PRODUCTS = "sku;name;unit;vat_rate\n"
            + "DR-1;\"Дрель; ударная\";pcs;20\nHM-2;Hammer;pcs;120\n";

    @TempDir
    Path directory;

    private static MutableHttpRequest<byte[]> post(String path, String body, String login) {
        return HttpRequest.POST(path, body.getBytes(StandardCharsets.UTF_8)).contentType(CSV)
                .basicAuth(login, PASSWORD);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(BlockingHttpClient client, HttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.exchange(request, Map.class));
        assertThat((Object) e).as("expected " + status).isNotNull();
        assertThat((Object) e.getStatus()).isEqualTo(status);
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsKeys("error", "message", "hint");
        return body;
    }

    private static long products(Path home) {
        try (Node node = Node.open(new dev.filial.node.identity.NodeHome(home))) {
            return node.entities().list(Actor.SYSTEM, "products", new ListQuery(List.of(), List.of(), 0, 10)).total();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void importsACsvBodyAndAnswersWithTheReportOrATypedRefusal(Engine engine) throws Exception {
        Path home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.users().put("olga", "Olga", Role.MANAGER, PASSWORD.toCharArray());
            node.users().put("ivan", "Ivan", Role.AGENT, PASSWORD.toCharArray());
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();

            HttpResponse<Map> dry = client.exchange(post("/api/import/products?dryRun=true", PRODUCTS, "olga"),
                    Map.class);
            assertThat(dry.body()).containsEntry("dryRun", true).containsEntry("read", 2).containsEntry("created", 1)
                    .containsEntry("failed", 1);
            assertThat((List<Map<String, Object>>) dry.body().get("errors")).singleElement()
                    .satisfies(e -> assertThat(e).containsEntry("line", 3).containsEntry("field", "vat_rate")
                            .containsEntry("code", "invalid"));

            Map<String, Object> refused = error(client, post("/api/import/products",
                    "sku,name,unit,vat_rate\nA,\"open,pcs,20\nB,b,pcs,20\n", "olga"), HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(refused).containsEntry("error", "unclosed-quote")
                    .containsEntry("details", List.of(Map.of("line", 2)));
            assertThat(error(client, post("/api/import/products", "sku,name,unit,vat_rate,colour\n", "olga"),
                    HttpStatus.UNPROCESSABLE_ENTITY)).containsEntry("error", "unknown-column");
            assertThat(error(client, post("/api/import/products?delimiter=%7C", PRODUCTS, "olga"),
                    HttpStatus.UNPROCESSABLE_ENTITY)).containsEntry("error", "delimiter");
            assertThat(error(client, post("/api/import/sales", PRODUCTS, "olga"), HttpStatus.NOT_FOUND))
                    .containsEntry("error", "unknown-kind");
            assertThat(error(client, post("/api/import/products", PRODUCTS, "ivan"), HttpStatus.FORBIDDEN))
                    .containsEntry("error", "forbidden");
            error(client, HttpRequest.POST("/api/import/products", PRODUCTS).contentType(CSV), HttpStatus.UNAUTHORIZED);

            HttpResponse<Map> done = client.exchange(post("/api/import/products?delimiter=;", PRODUCTS, "olga"),
                    Map.class);
            assertThat((Object) done.status()).isEqualTo(HttpStatus.OK);
            assertThat(done.body()).containsEntry("dryRun", false).containsEntry("created", 1).containsEntry("failed",
                    1);
            Map<String, Object> row = ((List<Map<String, Object>>) done.body().get("rows")).get(0);
            assertThat(row).containsEntry("line", 2).containsEntry("outcome", "created");
            Map<String, Object> stored = client.exchange(HttpRequest.GET("/api/products/" + row.get("id"))
                    .basicAuth("olga", PASSWORD), Map.class).body();
            assertThat(stored).containsEntry("sku", "DR-1").containsEntry("name", "Дрель; ударная");
        }
        assertThat(products(home)).as("the dry run and the refused files wrote nothing").isEqualTo(1);
    }
}
