package dev.filial.hq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.consolidation.Conflict;
import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ and two nodes (a branch on SQLite, an agent on Derby) over real HTTP on loopback: enrollment from
 * packages, edits on both sides with a conflict, routing and reassignment, and revocation.
 */
class HubNetworkTest {

    @TempDir
    Path directory;

    private EmbeddedServer server;
    private Hub hub;
    private Node branch;
    private Node agent;
    private String counterparty;

    @BeforeEach
    void network() throws Exception {
        NodeHome hq = new NodeHome(directory.resolve("hq"));
        Hub.init(hq, NodeCode.parse("HQ"), Engine.SQLITE);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", hq.root().toString(),
                "micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"));
        hub = server.getApplicationContext().getBean(Hub.class);
        counterparty = hub.write(changes -> {
            changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"),
                    "minor_units", Value.of(2)));
            return changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"),
                    "name", Value.of("Volga Trade"), "owning_branch", Value.of("MSK"), "active", Value.of(true)));
        });
        hub.write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("person"),
                "name", Value.of("Elsewhere Ltd"), "owning_branch", Value.of("SPB"), "active", Value.of(true))));
        branch = join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        agent = join("AG1", "Agent Petrov", "agent", Engine.DERBY);
    }

    @AfterEach
    void stop() {
        for (Node node : new Node[] {branch, agent}) {
            if (node != null) {
                node.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nodesJoinWithTheirScopeOnly() {
        assertThat(count(branch, "counterparty")).isEqualTo(1);
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade");
        assertThat(count(branch, "currency")).isEqualTo(1);
        assertThat(count(agent, "counterparty")).isZero();
        assertThat(count(agent, "currency")).isEqualTo(1);
    }

    @Test
    void editsOnBothSidesConvergeAndTheConflictIsLogged() throws Exception {
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("name", Value.of("Volga Trade HQ"))));
        Thread.sleep(5);
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("name", Value.of("Volga Trade MSK"), "note", Value.of("called on Monday"))));
        hub.write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("USD"), "name", Value.of("Dollar"),
                "minor_units", Value.of(2))));

        SyncReport first = sync(branch);
        sync(agent);
        sync(branch);

        assertThat(first.refused()).isEmpty();
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade MSK");
        assertThat(text(hubRow(counterparty), "name")).isEqualTo("Volga Trade MSK");
        assertThat(text(hubRow(counterparty), "note")).isEqualTo("called on Monday");
        assertThat(count(branch, "currency")).isEqualTo(2);
        assertThat(count(agent, "currency")).isEqualTo(2);
        List<Conflict> conflicts = hub.conflicts().list(null, 10);
        assertThat(conflicts).singleElement().satisfies(conflict -> {
            assertThat(conflict.column()).isEqualTo("name");
            assertThat(conflict.policy()).isEqualTo("latest-wins");
            assertThat(conflict.decision()).isEqualTo("incoming");
            assertThat(conflict.incomingValue()).isEqualTo("\"Volga Trade MSK\"");
            assertThat(conflict.currentValue()).isEqualTo("\"Volga Trade HQ\"");
        });
    }

    @Test
    void aLosingEditIsOverwrittenAtItsOriginByHqsDecision() throws Exception {
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("name", Value.of("Volga Trade MSK"))));
        Thread.sleep(5);
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("name", Value.of("Volga Trade HQ"))));

        sync(branch);
        sync(branch);

        assertThat(text(hubRow(counterparty), "name")).isEqualTo("Volga Trade HQ");
        assertThat(name(branch, counterparty)).isEqualTo("Volga Trade HQ");
        assertThat(hub.conflicts().list(null, 10)).singleElement()
                .satisfies(conflict -> assertThat(conflict.decision()).isEqualTo("current"));
    }

    @Test
    void reassigningACounterpartyMovesItWithItsContactsBetweenAgents() {
        String contact = branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(counterparty), "name", Value.of("Anna Sokolova"))));
        sync(branch);
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.of("AG1"))));

        sync(agent);
        assertThat(name(agent, counterparty)).isEqualTo("Volga Trade");
        assertThat(count(agent, "contact_person")).isEqualTo(1);

        hub.write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL)));
        sync(agent);
        sync(branch);
        assertThat(count(agent, "counterparty")).isZero();
        assertThat(count(agent, "contact_person")).isZero();
        assertThat(count(branch, "contact_person")).isEqualTo(1);
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, contact)).isPresent();
    }

    @Test
    void aRevokedNodeIsRefusedAndNothingItSendsIsApplied() {
        agent.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("GBP"),
                "name", Value.of("Pound"), "minor_units", Value.of(2))));
        hub.revoke(NodeCode.parse("AG1"), "laptop stolen");

        assertThatThrownBy(() -> sync(agent)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("revoked-node").hasMessageContaining("laptop stolen");
        assertThat(count(hub.node(), "currency")).isEqualTo(1);
    }

    private Node join(String code, String name, String role, Engine engine) throws Exception {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(code), name, role, null, file);
        Node node = Node.join(new NodeHome(directory.resolve(code)), file, enrollment.passphrase().toCharArray(), engine);
        return node;
    }

    private SyncReport sync(Node node) {
        try (HttpExchange exchange = new HttpExchange(node, url())) {
            return exchange.sync();
        }
    }

    private URL url() {
        return server.getURL();
    }

    private Map<String, Value> hubRow(String id) {
        return hub.node().writer().find(Schema.COUNTERPARTY, id).orElseThrow();
    }

    private static String name(Node node, String id) {
        return text(node.writer().find(Schema.COUNTERPARTY, id).orElseThrow(), "name");
    }

    private static String text(Map<String, Value> row, String column) {
        return ((Value.Text) row.get(column)).value();
    }

    private static long count(Node node, String table) {
        return node.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
