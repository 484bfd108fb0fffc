package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.routing.Router;
import dev.filial.node.Node;
import dev.filial.node.access.Users;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What must hold once the network has drained (BRIEF sections 1 and 11): every queue empty, and every
 * node holding exactly HQ's rows restricted to its scope. The scope is computed by an independent model
 * of the routing rules for the tables the schedules write (a counterparty belongs to its owning branch
 * and its agent, a contact person goes where its counterparty goes, an activity there and to its own
 * owning branch, a user to its home node or everywhere, reference data goes everywhere),
 * and HQ's {@link Router} must agree with that model on every row. Lost writes and double application
 * are checked by {@link WriteAccounting}.
 */
final class ConvergenceCheck {

    private static final int SHOWN = 12;

    private final TrialNetwork network;

    ConvergenceCheck(TrialNetwork network) {
        this.network = network;
    }

    /**
     * No captured change waits anywhere, no batch is unacknowledged or held, and the quarantines hold
     * exactly the damaged files refused ({@code quarantined}, by receiver as {@link FaultyTransport} counts).
     */
    void quiescent(Map<Integer, Integer> quarantined) {
        Hub hub = network.hub();
        assertThat(count(hub.node(), "SELECT COUNT(*) FROM change_log")).as("HQ's change log").isZero();
        assertThat(count(hub.node(), "SELECT COUNT(*) FROM inbound_held")).as("batches held at HQ").isZero();
        assertThat(hub.node().quarantine().list()).as("HQ's quarantine")
                .hasSize(quarantined.getOrDefault(FaultyTransport.HUB, 0));
        for (int i = 0; i < network.nodes().size(); i++) {
            Node node = network.node(i);
            NodeCode code = network.code(i);
            assertThat(count(node, "SELECT COUNT(*) FROM change_log")).as("unacknowledged changes at " + code).isZero();
            assertThat(count(node, "SELECT COUNT(*) FROM inbound_held")).as("batches held at " + code).isZero();
            assertThat(node.quarantine().list()).as("quarantine of " + code).hasSize(quarantined.getOrDefault(i, 0));
            assertThat(node.outbox().channel(node.config().hub()).backlog()).as(code + "'s batches not acknowledged")
                    .isZero();
            assertThat(hub.node().outbox().channel(code).backlog()).as("HQ's batches to %s not acknowledged", code)
                    .isZero();
            long sent = hub.node().outbox().channel(code).lastAssigned();
            long committed = node.database().read(connection -> new ChannelStore().inbound(connection,
                    node.config().hub()).lastCommitted());
            assertThat(committed).as(code + " committed HQ's last batch").isEqualTo(sent);
        }
    }

    /** Every node holds HQ's rows of its scope, exactly, and HQ's router agrees with the scope model. */
    void scopes() {
        Hub hub = network.hub();
        Contents central = Contents.of(hub.node());
        Router router = hub.node().database().read(connection -> hub.consolidator().router(connection));
        Router.Rows lookup = central::find;
        for (int i = 0; i < network.nodes().size(); i++) {
            NodeCode code = network.code(i);
            Map<String, Map<String, Map<String, Value>>> expected = new TreeMap<>();
            for (Map.Entry<String, Map<String, Map<String, Value>>> table : central.tables().entrySet()) {
                Table schema = Schema.table(table.getKey()).orElseThrow();
                Map<String, Map<String, Value>> rows = new TreeMap<>();
                table.getValue().forEach((id, row) -> {
                    boolean held = holds(code.toString(), schema, row, central);
                    assertThat(router.audience(schema, row, lookup).includes(code))
                            .as("HQ's router on %s %s %s for %s", schema.name(), id, row, code).isEqualTo(held);
                    if (held) {
                        rows.put(id, row);
                    }
                });
                expected.put(table.getKey(), rows);
            }
            List<String> differences = new Contents(expected).differences(Contents.of(network.node(i)), SHOWN);
            assertThat(differences).as("rows of %s against HQ's view of its scope", code).isEmpty();
        }
    }

    /** The scope model: whether node {@code code} should hold {@code row}. */
    static boolean holds(String code, Table table, Map<String, Value> row, Contents central) {
        if (table == Schema.COUNTERPARTY) {
            return Value.of(code).equals(row.get("owning_branch")) || Value.of(code).equals(row.get("agent"));
        }
        if (table == Schema.USER_ACCOUNT) {
            Value home = row.get("home_node");
            return Value.of(code).equals(home) || Value.of(Users.EVERY_NODE).equals(home);
        }
        if (table == Schema.CONTACT_PERSON || table == Schema.CONTACT_POINT || table == Schema.ACTIVITY) {
            boolean own = table == Schema.ACTIVITY && Value.of(code).equals(row.get("owning_branch"));
            return own || row.get("counterparty_id") instanceof Value.Text id
                    && central.find(Schema.COUNTERPARTY, id.value())
                    .map(counterparty -> holds(code, Schema.COUNTERPARTY, counterparty, central)).orElse(false);
        }
        if (table == Schema.DISCOUNT_RULE || table == Schema.AUDIT_ENTRY) {
            throw new IllegalStateException("the schedules do not write " + table.name() + "; extend the model first");
        }
        return true;
    }

    static long count(Node node, String sql) {
        return node.database().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Rows of a two-column query as a map, in query order. */
    static Map<String, String> pairs(Node node, String sql) {
        return node.database().read(connection -> {
            Map<String, String> found = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
            return found;
        });
    }
}
