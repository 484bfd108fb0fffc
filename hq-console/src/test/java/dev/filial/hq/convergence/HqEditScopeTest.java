package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.convergence.Schedule.Member;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HQ's own transactions that move or delete a counterparty and touch its contacts in the same
 * transaction: the contacts' deletes reach the nodes that held them (found by the convergence property,
 * seed 2213781908400767081).
 */
class HqEditScopeTest {

    @Test
    void hqMovingACounterpartyAndDeletingItsContactInOneTransactionDeletesItWhereItWas() throws Exception {
        try (TrialNetwork network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "", false)) {
            FaultyTransport transport = new FaultyTransport(network);
            String counterparty = ConvergenceCheck.pairs(network.hub().node(),
                    "SELECT id, name FROM counterparty WHERE name = 'Seed 0'").keySet().iterator().next();
            String contact = ConvergenceCheck.pairs(network.hub().node(),
                    "SELECT id, name FROM contact_person WHERE name = 'Contact 0'").keySet().iterator().next();
            network.hub().write(changes -> {
                changes.update(Schema.COUNTERPARTY, counterparty, Map.of("agent", Value.NULL));
                changes.delete(Schema.CONTACT_PERSON, contact);
                return null;
            });
            transport.exchange(0);
            transport.exchange(1);
            assertThat(network.node(1).writer().find(Schema.COUNTERPARTY, counterparty)).as("counterparty at AG1")
                    .isEmpty();
            assertThat(network.node(1).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isEmpty();
        } finally {
            TrialNetwork.removeTemplates();
        }
    }
    @Test
    void hqDeletingACounterpartyWithItsContactsDeletesBothEverywhere() throws Exception {
        try (TrialNetwork network = TrialNetwork.start(List.of(new Member("MSK", Schedule.BRANCH, Engine.SQLITE),
                new Member("AG1", Schedule.AGENT, Engine.SQLITE)), "", false)) {
            FaultyTransport transport = new FaultyTransport(network);
            String counterparty = ConvergenceCheck.pairs(network.hub().node(),
                    "SELECT id, name FROM counterparty WHERE name = 'Seed 0'").keySet().iterator().next();
            String contact = ConvergenceCheck.pairs(network.hub().node(),
                    "SELECT id, name FROM contact_person WHERE name = 'Contact 0'").keySet().iterator().next();
            network.hub().write(changes -> {
                changes.delete(Schema.CONTACT_PERSON, contact);
                changes.delete(Schema.COUNTERPARTY, counterparty);
                return null;
            });
            transport.exchange(0);
            transport.exchange(1);
            assertThat(network.node(0).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at MSK").isEmpty();
            assertThat(network.node(1).writer().find(Schema.CONTACT_PERSON, contact)).as("contact at AG1").isEmpty();
        } finally {
            TrialNetwork.removeTemplates();
        }
    }
}
