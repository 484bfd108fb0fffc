package dev.filial.hq;

import static dev.filial.hq.Network.count;
import static dev.filial.hq.Network.name;
import static dev.filial.hq.Network.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.Node;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
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

    private Network network;
    private Hub hub;
    private Node branch;
    private Node agent;
    private String counterparty;

    @BeforeEach
    void network() throws Exception {
        network = Network.start(directory, null);
        hub = network.hub();
        network.euro();
        counterparty = network.customer("Volga Trade", "MSK", null);
        network.customer("Elsewhere Ltd", "SPB", null);
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        agent = network.join("AG1", "Agent Petrov", "agent", Engine.DERBY);
    }

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
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
    void hqsBatchesAreReleasedByANodeThatOnlyPulls() {
        hub.write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("USD"), "name", Value.of("Dollar"),
                "minor_units", Value.of(2))));
        sync(agent);
        sync(agent);

        assertThat(count(agent, "currency")).isEqualTo(2);
        assertThat(hub.node().outbox().channel(NodeCode.parse("AG1")).backlog()).as("unacknowledged at HQ").isZero();
        assertThat(count(agent, "outbound_batch")).as("the agent pushed nothing").isZero();
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

    private SyncReport sync(Node node) {
        return network.sync(node);
    }

    private Map<String, Value> hubRow(String id) {
        return network.hubCounterparty(id);
    }
}
