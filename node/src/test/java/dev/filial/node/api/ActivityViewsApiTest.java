package dev.filial.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.Role;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code ?view=overdue} and {@code ?view=reminders} on activities, which depend on the time of asking. */
class ActivityViewsApiTest {

    private static final String PASSWORD = "manager-secret-1";

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void overdueAndDueRemindersAreListedByView(Engine engine) throws Exception {
        Path home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.users().put("anna", "Anna", Role.MANAGER, PASSWORD.toCharArray());
            home = node.home().root();
        }
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("filial.node.home", home.toString(), "micronaut.server.port", -1));
             HttpClient http = HttpClient.create(server.getURL())) {
            BlockingHttpClient client = http.toBlocking();
            Instant now = Instant.now();
            String yesterday = now.minus(1, ChronoUnit.DAYS).toString();
            String tomorrow = now.plus(1, ChronoUnit.DAYS).toString();
            create(client, Map.of("kind", "call", "subject", "late call", "due_at", yesterday));
            create(client, Map.of("kind", "call", "subject", "done call", "due_at", yesterday, "status", "done",
                    "result", "reached"));
            create(client, Map.of("kind", "task", "subject", "dropped task", "due_at", yesterday, "status",
                    "cancelled"));
            create(client, Map.of("kind", "meeting", "subject", "tomorrow's meeting", "due_at", tomorrow,
                    "remind_at", now.minus(1, ChronoUnit.HOURS).toString()));
            create(client, Map.of("kind", "meeting", "subject", "later meeting", "due_at", tomorrow,
                    "remind_at", now.plus(2, ChronoUnit.HOURS).toString()));

            assertThat(subjects(client, "/api/activities?view=overdue")).containsExactly("late call");
            assertThat(subjects(client, "/api/activities?view=reminders")).containsExactly("tomorrow's meeting");
            assertThat(subjects(client, "/api/activities?view=overdue&kind=meeting")).isEmpty();

            for (String path : List.of("/api/activities?view=someday", "/api/counterparties?view=overdue")) {
                HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                        () -> client.retrieve(HttpRequest.GET(path).basicAuth("anna", PASSWORD), Map.class));
                assertThat(e.getStatus().getCode()).as(path).isEqualTo(422);
            }
        }
    }

    private static void create(BlockingHttpClient client, Map<String, Object> activity) {
        client.retrieve(HttpRequest.POST("/api/activities", activity).basicAuth("anna", PASSWORD), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> subjects(BlockingHttpClient client, String path) {
        Map<String, Object> page = client.retrieve(HttpRequest.GET(path).basicAuth("anna", PASSWORD), Map.class);
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> item.get("subject")).toList();
    }
}
