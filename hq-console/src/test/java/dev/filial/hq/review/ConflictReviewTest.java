package dev.filial.hq.review;

import static dev.filial.hq.Network.count;
import static dev.filial.hq.Network.name;
import static dev.filial.hq.Network.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.hq.cli.HqCommand;
import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conflict review end to end: a manual-policy conflict and a duplicate counterparty are decided by an HQ
 * operator through the REST API and the CLI, and the decisions reach the branch over HTTP.
 */
class ConflictReviewTest {

    private static final String MANUAL_NAMES =
            "conflicts:\n  tables:\n    counterparty:\n      columns: {name: manual}\n";
    private static final String PASSWORD = "a-long-enough-password";

    @TempDir
    Path directory;

    private Network network;
    private Hub hub;
    private Node branch;
    private HttpClient client;
    private BlockingHttpClient http;
    private String counterparty;

    @BeforeEach
    void network() throws Exception {
        network = Network.start(directory, MANUAL_NAMES);
        hub = network.hub();
        hub.node().users().put("olga", "Olga Operator", Role.MANAGER, PASSWORD.toCharArray());
        hub.node().users().put("vera", "Vera Viewer", Role.VIEWER, PASSWORD.toCharArray());
        counterparty = hub.write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"),
                "name", Value.of("Volga Trade"), "tax_id", Value.of("7701234567"), "owning_branch", Value.of("MSK"),
                "active", Value.of(true))));
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        client = HttpClient.create(network.url());
        http = client.toBlocking();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aManualConflictIsDecidedWithAnEnteredValueThatReachesTheBranch() throws Exception {
        String id = manualConflict();
        Map<?, ?> open = call(HttpRequest.GET("/api/conflicts?status=open"), "olga");
        assertThat((List<?>) open.get("items")).hasSize(1);
        Map<?, ?> shown = call(HttpRequest.GET("/api/conflicts/" + id), "vera");
        assertThat(((Map<?, ?>) shown.get("incoming")).get("value")).isEqualTo("Volga Trade MSK");
        assertThat(((Map<?, ?>) shown.get("current")).get("value")).isEqualTo("Volga Trade HQ");
        assertThat(shown.get("now")).isEqualTo("Volga Trade MSK");

        Map<?, ?> decided = call(HttpRequest.POST("/api/conflicts/" + id + "/resolve",
                Map.of("value", "Volga Trade Ltd")), "olga");

        assertThat(decided.get("status")).isEqualTo("decided");
        assertThat(decided.get("decision")).isEqualTo("value");
        assertThat(decided.get("decidedBy")).isEqualTo("olga");
        assertThat(text(network.hubCounterparty(counterparty), "name")).isEqualTo("Volga Trade Ltd");
        network.sync(branch);
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade Ltd");
        assertThat(hub.conflicts().list("open", 10)).isEmpty();
    }

    @Test
    void choosingHqsVersionFromTheConsoleOverwritesTheProvisionalWinnerEverywhere() throws Exception {
        String id = manualConflict();
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade MSK");

        assertThat(HqCommand.run("conflicts", "resolve", id, "--choose", "current", "--home",
                directory.resolve("hq").toString())).isZero();
        network.sync(branch);

        assertThat(text(network.hubCounterparty(counterparty), "name")).isEqualTo("Volga Trade HQ");
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade HQ");
        assertThat(hub.conflicts().find(id).orElseThrow().decidedBy()).startsWith("console:");
    }

    @Test
    void aDuplicateCounterpartyIsMergedAndItsContactsFollow() {
        String duplicate = branch.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of(
                "kind", Value.of("organisation"), "name", Value.of("Volga Trade (Moscow)"),
                "tax_id", Value.of("7701234567"), "note", Value.of("met at the fair"), "owning_branch", Value.of("MSK"),
                "active", Value.of(true))));
        String contact = branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(duplicate), "name", Value.of("Anna Sokolova"))));
        network.sync(branch);
        String id = hub.conflicts().list("open", 10).get(0).id();

        Map<?, ?> merged = call(HttpRequest.POST("/api/conflicts/" + id + "/merge", Map.of()), "olga");
        network.sync(branch);

        assertThat(merged.get("decision")).isEqualTo("merged");
        assertThat((String) merged.get("note")).contains("1 rows re-pointed");
        for (Node node : new Node[] {hub.node(), branch}) {
            assertThat(node.writer().find(Schema.COUNTERPARTY, duplicate)).isEmpty();
            Map<String, Value> kept = node.writer().find(Schema.COUNTERPARTY, counterparty).orElseThrow();
            assertThat(text(kept, "note")).isEqualTo("met at the fair");
            assertThat(text(node.writer().find(Schema.CONTACT_PERSON, contact).orElseThrow(), "counterparty_id"))
                    .isEqualTo(counterparty);
        }
        assertThat(count(branch, "counterparty")).isEqualTo(1);
    }

    @Test
    void aDroppedUpdateOfARowHqDeletedIsChosenAndTheRowComesBackEverywhere() {
        hub.write(changes -> {
            changes.delete(Schema.COUNTERPARTY, counterparty);
            return null;
        });
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("note", Value.of("still a customer"))));
        network.sync(branch);
        assertThat(branch.writer().find(Schema.COUNTERPARTY, counterparty)).as("dropped at the branch").isEmpty();
        String id = hub.conflicts().list(null, 10).get(0).id();

        Map<?, ?> decided = call(HttpRequest.POST("/api/conflicts/" + id + "/resolve", Map.of("choose", "incoming")),
                "olga");
        network.sync(branch);

        assertThat(decided.get("decision")).isEqualTo("incoming");
        for (Node node : new Node[] {hub.node(), branch}) {
            Map<String, Value> row = node.writer().find(Schema.COUNTERPARTY, counterparty).orElseThrow();
            assertThat(text(row, "name")).isEqualTo("Volga Trade");
            assertThat(text(row, "note")).isEqualTo("still a customer");
        }
    }

    @Test
    void anEditThroughHqsApiIsRoutedAtOnce() {
        long logged = count(hub.node(), "hub_log");

        call(HttpRequest.POST("/api/currencies", Map.of("code", "USD", "name", "US dollar", "minor_units", 2)), "olga");

        assertThat(count(hub.node(), "hub_log")).as("in the hub log before any pull").isEqualTo(logged + 1);
        assertThat(count(hub.node(), "change_log")).isZero();
        network.sync(branch);
        assertThat(count(branch, "currency")).isEqualTo(1);
    }

    @Test
    void wrongRequestsAreRefusedWithTypedErrorsAndChangeNothing() throws Exception {
        String id = manualConflict();

        assertRefused(HttpRequest.GET("/api/conflicts/0190-none"), "olga", HttpStatus.NOT_FOUND, "not-found");
        assertRefused(HttpRequest.POST("/api/conflicts/" + id + "/merge", Map.of()), "olga",
                HttpStatus.UNPROCESSABLE_ENTITY, "wrong-action");
        assertRefused(HttpRequest.POST("/api/conflicts/" + id + "/resolve", Map.of("choose", "current", "value", "x")),
                "olga", HttpStatus.UNPROCESSABLE_ENTITY, "bad-request");
        assertRefused(HttpRequest.POST("/api/conflicts/" + id + "/resolve", Map.of("choose", "mine")),
                "olga", HttpStatus.UNPROCESSABLE_ENTITY, "bad-request");
        assertRefused(HttpRequest.POST("/api/conflicts/" + id + "/resolve", Map.of("value", 12)),
                "olga", HttpStatus.UNPROCESSABLE_ENTITY, "validation");
        assertRefused(HttpRequest.POST("/api/conflicts/" + id + "/resolve", Map.of("choose", "current")),
                "vera", HttpStatus.FORBIDDEN, "forbidden");
        assertThatThrownBy(() -> http.exchange(HttpRequest.GET("/api/conflicts"), Map.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));

        assertThat(hub.conflicts().find(id).orElseThrow().status()).isEqualTo("open");
        assertThat(text(network.hubCounterparty(counterparty), "name")).isEqualTo("Volga Trade MSK");
    }

    /** HQ renames, then the branch renames later: the branch's name is the provisional winner, the entry open. */
    private String manualConflict() throws InterruptedException {
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("name",
                Value.of("Volga Trade HQ"))));
        Thread.sleep(5);
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("name", Value.of("Volga Trade MSK"))));
        network.sync(branch);
        return hub.conflicts().list("open", 10).get(0).id();
    }

    private Map<?, ?> call(MutableHttpRequest<?> request, String login) {
        return http.retrieve(request.basicAuth(login, PASSWORD), Map.class);
    }

    private void assertRefused(MutableHttpRequest<?> request, String login, HttpStatus status, String error) {
        assertThatThrownBy(() -> call(request, login)).isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
            Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
            Object code = body.get("error");
            Object hint = body.get("hint");
            assertThat(code).isEqualTo(error);
            assertThat(hint).isNotNull();
        });
    }
}
