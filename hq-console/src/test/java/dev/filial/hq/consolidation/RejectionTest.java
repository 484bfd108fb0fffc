package dev.filial.hq.consolidation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.node.Node;
import dev.filial.node.capture.TransactionBody;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions that fail validation at HQ ({@code Judge.validate}): each is logged {@code rejected}
 * with the reason, reverted at the node that sent it, and never blocks the channel: a valid transaction
 * after it in the same batch and one in the next batch are applied and routed.
 *
 * <p>A node's own write path refuses values that break a column rule and can only capture its own
 * transactions, so those cases stand for a node with laxer rules (an older version, a bug): the test
 * changes the node's row directly and appends the transaction to its change log, from where the real
 * outbox and HTTP exchange carry it.
 */
class RejectionTest {

    @TempDir
    Path directory;

    private Network network;
    private Hub hub;
    private Node branch;
    private Node agent;
    private String volga;

    @BeforeEach
    void start() throws Exception {
        network = Network.start(directory, null);
        hub = network.hub();
        network.euro();
        volga = network.customer("Volga Trade", "MSK", "AG1");
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        agent = network.join("AG1", "Agent Petrov", "agent", Engine.SQLITE);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void aContactOfACounterpartyHqNeverHadIsRejectedRevertedAndDoesNotBlockTheChannel() {
        String unknown = Uuid7.next();
        String ghost = branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(unknown), "name", Value.of("Ghost Contact"))));
        String anna = contact("Anna Sokolova");

        network.sync(branch);

        assertThat(branch.writer().find(Schema.CONTACT_PERSON, ghost)).as("reverted at the origin").isEmpty();
        assertThat(hub.node().writer().find(Schema.CONTACT_PERSON, ghost)).isEmpty();
        assertThat(hub.node().writer().find(Schema.CONTACT_PERSON, anna)).as("same batch, after it").isPresent();
        assertRejected(Schema.CONTACT_PERSON.name(), ghost, "counterparty_id names counterparty " + unknown
                + ", which HQ does not have");

        String boris = contact("Boris Ivanov");
        network.sync(branch);
        network.sync(agent);

        assertChannelClear();
        for (Node node : List.of(hub.node(), branch, agent)) {
            assertThat(Network.count(node, "contact_person")).as(node.config().code().toString()).isEqualTo(2);
            assertThat(node.writer().find(Schema.CONTACT_PERSON, boris)).isPresent();
            assertThat(node.writer().find(Schema.CONTACT_PERSON, ghost)).isEmpty();
        }
        assertThat(hub.conflicts().list(null, 10)).hasSize(1);
    }

    @Test
    void aValueThatBreaksAColumnRuleIsRejectedAndTheRowPutBackAtTheOrigin() {
        String tooLong = "V".repeat(250);
        laxWrite(branch, "UPDATE counterparty SET name = ? WHERE id = ?", tooLong, volga);
        capture(branch, new Transaction(Uuid7.next(), NodeCode.parse("MSK"), branch.writer().clock().now(), List.of(
                RowChange.update("counterparty", volga, Map.of("name", Value.of(tooLong)),
                        Map.of("name", Value.of("Volga Trade"))))));
        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, volga,
                Map.of("note", Value.of("called"))));

        network.sync(branch);

        assertRejected("counterparty", volga, "longer than 200 characters");
        assertThat(Network.text(branch, Schema.COUNTERPARTY, volga, "name")).isEqualTo("Volga Trade");
        assertThat(Network.text(hub.node(), Schema.COUNTERPARTY, volga, "name")).isEqualTo("Volga Trade");
        assertThat(Network.text(hub.node(), Schema.COUNTERPARTY, volga, "note")).isEqualTo("called");

        branch.writer().write(changes -> changes.update(Schema.COUNTERPARTY, volga,
                Map.of("segment", Value.of("retail"))));
        network.sync(branch);
        network.sync(agent);

        assertChannelClear();
        for (Node node : List.of(hub.node(), branch, agent)) {
            String code = node.config().code().toString();
            assertThat(Network.text(node, Schema.COUNTERPARTY, volga, "name")).as(code).isEqualTo("Volga Trade");
            assertThat(Network.text(node, Schema.COUNTERPARTY, volga, "note")).as(code).isEqualTo("called");
            assertThat(Network.text(node, Schema.COUNTERPARTY, volga, "segment")).as(code).isEqualTo("retail");
        }
    }

    @Test
    void aTransactionClaimingAnotherOriginIsRejectedAndRevertedAtTheNodeThatSentIt() {
        String forged = Uuid7.next();
        laxWrite(branch, "INSERT INTO currency (id, code, name, minor_units) VALUES (?, 'XAU', 'Gold', 3)", forged);
        capture(branch, new Transaction(Uuid7.next(), NodeCode.parse("AG1"), branch.writer().clock().now(), List.of(
                RowChange.insert("currency", forged, Map.of("code", Value.of("XAU"), "name", Value.of("Gold"),
                        "minor_units", Value.of(3))))));
        String usd = branch.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("USD"),
                "name", Value.of("Dollar"), "minor_units", Value.of(2))));

        network.sync(branch);
        network.sync(agent);

        assertRejected("currency", forged, "claims origin AG1 but came from MSK");
        assertChannelClear();
        for (Node node : List.of(hub.node(), branch, agent)) {
            String code = node.config().code().toString();
            assertThat(node.writer().find(Schema.CURRENCY, forged)).as(code).isEmpty();
            assertThat(node.writer().find(Schema.CURRENCY, usd)).as(code).isPresent();
        }
    }

    private String contact(String name) {
        return branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                "counterparty_id", Value.of(volga), "name", Value.of(name))));
    }

    private void assertRejected(String table, String rowId, String reason) {
        assertThat(hub.conflicts().list("decided", 10)).filteredOn(c -> c.kind().equals("rejected")).singleElement()
                .satisfies(conflict -> {
                    assertThat(conflict.table()).isEqualTo(table);
                    assertThat(conflict.rowId()).isEqualTo(rowId);
                    assertThat(conflict.decision()).isEqualTo("rejected");
                    assertThat(conflict.policy()).isEqualTo("validation");
                    assertThat(conflict.incomingOrigin()).isNotNull();
                    assertThat(conflict.incomingValue()).contains(rowId);
                    assertThat(conflict.note()).contains(reason);
                });
    }

    /** Nothing waits anywhere: every batch the branch sent is acknowledged and nothing was quarantined. */
    private void assertChannelClear() {
        assertThat(branch.outbox().channel(branch.config().hub()).backlog()).isZero();
        assertThat(Network.count(branch, "change_log")).isZero();
        assertThat(Network.count(hub.node(), "quarantine")).isZero();
        assertThat(Network.count(branch, "quarantine")).isZero();
        assertThat(Network.count(agent, "quarantine")).isZero();
    }

    /** A write outside the node's write path and its rules, as a node with laxer rules would have made. */
    private static void laxWrite(Node node, String sql, String... arguments) {
        node.database().write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arguments.length; i++) {
                    statement.setString(i + 1, arguments[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    /** Appends {@code transaction} to the node's change log, as its write path would have captured it. */
    private static void capture(Node node, Transaction transaction) {
        node.database().write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO change_log (tx_id, hlc, body) VALUES (?, ?, ?)")) {
                insert.setString(1, transaction.id());
                insert.setString(2, transaction.hlc().toString());
                insert.setBytes(3, TransactionBody.encode(transaction));
                return insert.executeUpdate();
            }
        });
    }
}
