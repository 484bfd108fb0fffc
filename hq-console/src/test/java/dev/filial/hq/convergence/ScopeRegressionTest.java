package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.convergence.Schedule.Member;
import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules the convergence property found diverging, reduced by hand. The network is branch MSK and
 * agent AG1, both holding the seeded counterparty "Seed 0" (owned by MSK, assigned to AG1) with its
 * contact person "Contact 0"; exchanges are reliable.
 */
class ScopeRegressionTest {

    private TrialNetwork network;
    private FaultyTransport transport;
    private String counterparty;

    @BeforeEach
    void network() throws Exception {
        network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "", false);
        transport = new FaultyTransport(network);
        counterparty = idNamed(network.hub().node(), "counterparty", "Seed 0");
    }

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @AfterAll
    static void removeTemplates() {
        TrialNetwork.removeTemplates();
    }

    /** Seed 6765238725613904894, reduced to three steps at one branch. */
    @Test
    void aDependantWrittenWhileItsCounterpartyVisitedANodeWithinOneBatchLeavesThatNode() {
        Node branch = network.node(0);
        Node agent = network.node(1);
        String visiting = branch.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of(
                "kind", Value.of("organisation"), "name", Value.of("Visiting"), "owning_branch", Value.of("MSK"),
                "active", Value.of(true))));
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, visiting,
                Map.of("agent", Value.of("AG1"))));
        String call = branch.writer().write(changes -> changes.insert(Schema.ACTIVITY, Map.of("kind", Value.of("call"),
                "subject", Value.of("Call"), "counterparty_id", Value.of(visiting), "status", Value.of("planned"),
                "owning_branch", Value.of("MSK"))));
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, visiting, Map.of("agent", Value.NULL)));

        transport.exchange(0);
        transport.exchange(1);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(branch.writer().find(Schema.ACTIVITY, call)).as("at MSK").isPresent();
        assertThat(network.hub().node().writer().find(Schema.ACTIVITY, call)).as("at HQ").isPresent();
        assertThat(agent.writer().find(Schema.COUNTERPARTY, visiting)).as("counterparty at AG1").isEmpty();
        assertThat(agent.writer().find(Schema.ACTIVITY, call)).as("activity at AG1").isEmpty();
    }

    @Test
    void aContactAddedWhileAnotherNodeDeletesItsCounterpartyLeavesEveryNode() {
        Node branch = network.node(0);
        Node agent = network.node(1);
        String contact = branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(counterparty), "name", Value.of("Added at MSK"))));
        transport.exchange(0);
        agent.writer().write(changes -> {
            changes.delete(Schema.CONTACT_PERSON, idNamed(agent, "contact_person", "Contact 0"));
            changes.delete(Schema.COUNTERPARTY, counterparty);
            return null;
        });

        transport.exchange(1);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(network.hub().node().writer().find(Schema.CONTACT_PERSON, contact)).as("kept at HQ").isPresent();
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, contact)).as("at MSK").isEmpty();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("at AG1").isEmpty();
    }

    @Test
    void aContactAddedByAnAgentAfterHqMovedTheCounterpartyAwayLeavesTheAgent() {
        Node agent = network.node(1);
        network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL)));
        String contact = agent.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(counterparty), "name", Value.of("Added at AG1"))));

        transport.exchange(1);
        transport.exchange(0);

        assertThat(agent.writer().find(Schema.COUNTERPARTY, counterparty)).as("counterparty at AG1").isEmpty();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isEmpty();
        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isPresent();
    }

    @Test
    void anEditOfARowMovedAwayMeanwhileLeavesTheEditingNode() {
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL)));
        agent.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                Map.of("position", Value.of("Buyer"))));
        transport.serve(1);
        transport.deliverAll();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("kept at AG1 while its edit is pending")
                .isPresent();

        transport.exchange(1);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isEmpty();
        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact).orElseThrow().get("position"))
                .as("the agent's edit, kept").isEqualTo(Value.of("Buyer"));
    }

    @Test
    void aRejectedTransactionDoesNotPutBackARowThatMovedAwayFromItsOrigin() {
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        String gone = network.hub().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind",
                Value.of("person"), "name", Value.of("Gone"), "owning_branch", Value.of(TrialNetwork.UNENROLLED),
                "agent", Value.of("AG1"), "active", Value.of(true))));
        transport.exchange(1);
        network.hub().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, gone);
            changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL));
            return null;
        });
        String orphan = agent.writer().write(changes -> {
            changes.update(Schema.CONTACT_PERSON, contact, Map.of("position", Value.of("Buyer")));
            return changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id", Value.of(gone),
                    "name", Value.of("Added at AG1")));
        });
        transport.serve(1);
        transport.deliverAll();

        transport.exchange(1);
        transport.exchange(1);

        assertThat(network.hub().conflicts().list(null, 10)).anySatisfy(conflict ->
                assertThat(conflict.kind()).isEqualTo("rejected"));
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, orphan)).as("rejected contact at AG1").isEmpty();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("moved contact at AG1").isEmpty();
    }

    @Test
    void aNodeDeletingACounterpartyBeforeItsContactDeletesBothEverywhere() {
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        agent.writer().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, counterparty);
            changes.delete(Schema.CONTACT_PERSON, contact);
            return null;
        });

        transport.exchange(1);
        transport.exchange(0);

        Node branch = network.node(0);
        assertThat(branch.writer().find(Schema.COUNTERPARTY, counterparty)).as("counterparty at MSK").isEmpty();
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isEmpty();
    }

    @Test
    void aContactDeletedRightAfterItsCounterpartyMovedIsDeletedWhereItWas() throws Exception {
        network.close();
        network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("SPB", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "", false);
        transport = new FaultyTransport(network);
        Node agent = network.node(2);
        String moved = idNamed(agent, "counterparty", "Seed 2");
        String contact = idNamed(agent, "contact_person", "Contact 2");
        network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, moved,
                Map.of("owning_branch", Value.of("MSK"))));
        transport.exchange(0);
        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact)).as("delivered to MSK").isPresent();
        agent.writer().write(changes -> changes.update(Schema.COUNTERPARTY, moved,
                Map.of("owning_branch", Value.of("SPB"))));
        agent.writer().write(changes -> {
            changes.delete(Schema.CONTACT_PERSON, contact);
            return null;
        });

        transport.exchange(2);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(network.node(0).writer().find(Schema.COUNTERPARTY, moved)).as("counterparty at MSK").isEmpty();
        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isEmpty();
        assertThat(network.node(1).writer().find(Schema.COUNTERPARTY, moved)).as("counterparty at SPB").isPresent();
    }

    @Test
    void aBranchHandingACounterpartyAwayAndBackInOneBatchKeepsIt() {
        Node branch = network.node(0);
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("owning_branch", Value.of(TrialNetwork.UNENROLLED), "agent", Value.NULL)));
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("owning_branch", Value.of("MSK"))));

        transport.exchange(0);
        transport.exchange(1);
        transport.exchange(0);

        assertThat(branch.writer().find(Schema.COUNTERPARTY, counterparty)).as("counterparty at MSK").isPresent();
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, idNamed(network.hub().node(), "contact_person",
                "Contact 0"))).as("its contact at MSK").isPresent();
        assertThat(network.node(1).writer().find(Schema.COUNTERPARTY, counterparty)).as("gone from AG1").isEmpty();
    }

    @Test
    void aRefusedDeleteDoesNotSendTheRowBackToANodeItMovedAwayFrom() throws Exception {
        network.close();
        network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "conflicts:\n  updateVsDelete: update-wins\n",
                false);
        transport = new FaultyTransport(network);
        Node agent = network.node(1);
        network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL)));
        agent.writer().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, counterparty);
            return null;
        });

        transport.exchange(1);
        transport.exchange(1);

        assertThat(network.hub().conflicts().list(null, 10)).anySatisfy(conflict ->
                assertThat(conflict.kind()).isEqualTo("update-delete"));
        assertThat(network.hub().node().writer().find(Schema.COUNTERPARTY, counterparty)).as("kept at HQ").isPresent();
        assertThat(agent.writer().find(Schema.COUNTERPARTY, counterparty)).as("at AG1").isEmpty();
    }

    @Test
    void aContactMovedOffACounterpartyThatMovedInTheSameBatchLeavesTheOldBranch() throws Exception {
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        agent.writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("owning_branch", Value.of(TrialNetwork.UNENROLLED))));
        String other = agent.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind",
                Value.of("person"), "name", Value.of("Elsewhere"), "owning_branch", Value.of(TrialNetwork.UNENROLLED),
                "agent", Value.of("AG1"), "active", Value.of(true))));
        agent.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                Map.of("counterparty_id", Value.of(other))));

        transport.exchange(1);
        transport.exchange(0);

        Node branch = network.node(0);
        assertThat(branch.writer().find(Schema.COUNTERPARTY, counterparty)).as("counterparty at MSK").isEmpty();
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isEmpty();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isPresent();
    }

    @Test
    void anUpdateBringingBackARowThatMovedAwayLeavesTheEditingNode() throws Exception {
        network.close();
        network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "conflicts:\n  updateVsDelete: update-wins\n",
                false);
        transport = new FaultyTransport(network);
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL)));
        network.hub().write(changes -> {
            changes.delete(Schema.CONTACT_PERSON, contact);
            return null;
        });
        agent.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                Map.of("position", Value.of("Buyer"))));
        transport.serve(1);
        transport.deliverAll();

        transport.exchange(1);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(network.hub().node().writer().find(Schema.CONTACT_PERSON, contact)).as("back at HQ").isPresent();
        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact)).as("back at MSK").isPresent();
        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("at AG1").isEmpty();
    }

    @Test
    void aContactRepointedAfterItsCounterpartyWasDeletedInTheSameTransactionIsUpdatedEverywhere() {
        Node agent = network.node(1);
        String contact = idNamed(agent, "contact_person", "Contact 0");
        String other = network.hub().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind",
                Value.of("person"), "name", Value.of("Other"), "owning_branch", Value.of("MSK"),
                "agent", Value.of("AG1"), "active", Value.of(true))));
        transport.exchange(0);
        transport.exchange(1);
        agent.writer().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, counterparty);
            changes.update(Schema.CONTACT_PERSON, contact, Map.of("counterparty_id", Value.of(other)));
            return null;
        });

        transport.exchange(1);
        transport.exchange(0);

        assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact).orElseThrow().get("counterparty_id"))
                .as("the contact's counterparty at MSK").isEqualTo(Value.of(other));
    }

    @Test
    void aCounterpartyBroughtBackByAnUpdateComesBackWithTheContactsHqKept() throws Exception {
        network.close();
        network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "conflicts:\n  updateVsDelete: update-wins\n",
                false);
        transport = new FaultyTransport(network);
        Node branch = network.node(0);
        String contact = idNamed(branch, "contact_person", "Contact 0");
        network.hub().write(changes -> changes.update(Schema.CONTACT_PERSON, contact, Map.of("name",
                Value.of("Anna"))));
        network.node(1).writer().write(changes -> changes.update(Schema.COUNTERPARTY, counterparty,
                Map.of("name", Value.of("Renamed at AG1"))));
        branch.writer().write(changes -> {
            changes.delete(Schema.CONTACT_PERSON, contact);
            changes.delete(Schema.COUNTERPARTY, counterparty);
            return null;
        });

        transport.exchange(0);
        transport.exchange(1);
        transport.exchange(0);

        assertThat(network.hub().node().writer().find(Schema.COUNTERPARTY, counterparty)).as("back at HQ").isPresent();
        assertThat(network.hub().node().writer().find(Schema.CONTACT_PERSON, contact)).as("kept at HQ").isPresent();
        assertThat(branch.writer().find(Schema.COUNTERPARTY, counterparty)).as("back at MSK").isPresent();
        assertThat(branch.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isPresent();
        assertThat(network.node(1).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isPresent();
    }

    /**
     * Seed -5402823112055706423, reduced to four steps at one branch: within one batch a contact leaves
     * the agent's scope and comes back under another counterparty; the agent must get it as it is now.
     */
    @Test
    void aContactThatLeavesANodeAndComesBackWithinOneBatchReachesItAsItIsNow() {
        Node branch = network.node(0);
        Node agent = network.node(1);
        String contact = idNamed(branch, "contact_person", "Contact 0");
        String away = branch.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of(
                "kind", Value.of("organisation"), "name", Value.of("Branch only"), "owning_branch", Value.of("MSK"),
                "active", Value.of(true))));
        branch.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                Map.of("counterparty_id", Value.of(away))));
        String back = branch.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of(
                "kind", Value.of("person"), "name", Value.of("Agent's again"), "owning_branch", Value.of("MSK"),
                "active", Value.of(true), "agent", Value.of("AG1"))));
        branch.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                Map.of("counterparty_id", Value.of(back))));

        transport.exchange(0);
        transport.exchange(1);
        transport.exchange(0);
        transport.exchange(1);

        assertThat(agent.writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").hasValueSatisfying(row ->
                assertThat(row).containsEntry("counterparty_id", Value.of(back)));
        assertThat(agent.writer().find(Schema.COUNTERPARTY, away)).as("the branch's own counterparty").isEmpty();
    }

    private static String idNamed(Node node, String table, String name) {
        return ConvergenceCheck.pairs(node, "SELECT id, name FROM " + table + " WHERE name = '" + name + "'")
                .keySet().iterator().next();
    }
}
