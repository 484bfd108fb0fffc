package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.Node;
import dev.filial.node.capture.TransactionBody;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accounts for every write once the network has drained, when HQ has acknowledged all of them.
 * <ul>
 *   <li>Nothing lost: each node transaction is in HQ's {@code applied_tx}, and each of its changes is in
 *       the hub log under its transaction id, or HQ's conflict log says why not (a column decided for HQ's
 *       value, an update of a row HQ deleted, a rejected transaction), or, for a delete, HQ no longer has
 *       the row. The editor writes unique texts, so "HQ already had that value" can only be true of the
 *       few-valued columns {@code owning_branch} and {@code agent} and of references to other rows (a
 *       contact moved to the counterparty HQ had moved it to already); for them a value the hub log shows
 *       the row held at some point is accepted. A node's reversal of a stock document HQ had reversed already
 *       (by its business rules, or an operator) sets a status HQ's own edit set first: accepted when HQ's
 *       hub log entry set that status on that document.</li>
 *   <li>Nothing applied twice: no transaction id twice in the hub log; HQ's {@code applied_tx} holds exactly
 *       the nodes' transactions; each node's {@code applied_tx} holds exactly the hub log entries routed to it
 *       since its channel started.</li>
 * </ul>
 */
final class WriteAccounting {

    private static final Set<String> FEW_VALUED = Set.of("owning_branch", "agent");

    private final TrialNetwork network;
    private final List<Transaction> written;
    private final Map<String, Transaction> hubLog = new HashMap<>();
    private final Map<String, List<Conflict>> conflicts = new HashMap<>();

    WriteAccounting(TrialNetwork network, List<Transaction> written) {
        this.network = network;
        this.written = written;
        Node hq = network.hub().node();
        hq.database().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT tx_id, body FROM hub_log ORDER BY seq");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    hubLog.put(rows.getString(1), TransactionBody.decode(rows.getBytes(2)));
                }
            }
            return null;
        });
        for (Conflict conflict : network.hub().conflicts().list(null, Integer.MAX_VALUE)) {
            conflicts.computeIfAbsent(conflict.txId(), id -> new ArrayList<>()).add(conflict);
        }
    }

    void nothingAppliedTwice() {
        Node hq = network.hub().node();
        assertThat(ConvergenceCheck.pairs(hq, "SELECT tx_id, COUNT(*) FROM hub_log GROUP BY tx_id HAVING COUNT(*) > 1"))
                .as("transaction ids in the hub log more than once").isEmpty();
        Map<String, String> taken = ConvergenceCheck.pairs(hq, "SELECT tx_id, peer FROM applied_tx");
        Map<String, String> expected = new HashMap<>();
        written.forEach(transaction -> expected.put(transaction.id(), transaction.origin().toString()));
        assertThat(taken).as("HQ's applied_tx against the nodes' transactions").isEqualTo(expected);
        for (int i = 0; i < network.nodes().size(); i++) {
            Node node = network.node(i);
            String code = network.code(i).toString();
            long start = Long.parseLong(ConvergenceCheck.pairs(hq,
                    "SELECT name, value FROM node_setting WHERE name = 'outbox.start." + code + "'")
                    .getOrDefault("outbox.start." + code, "0"));
            Set<String> routed = new TreeSet<>(ConvergenceCheck.pairs(hq,
                    "SELECT tx_id, routes FROM hub_log WHERE seq > " + start).entrySet().stream()
                    .filter(entry -> routedTo(entry.getValue(), code)).map(Map.Entry::getKey).toList());
            Set<String> applied = new TreeSet<>(ConvergenceCheck.pairs(node, "SELECT tx_id, peer FROM applied_tx")
                    .keySet());
            assertThat(applied).as("%s's applied_tx against the hub log entries routed to it", code)
                    .isEqualTo(routed);
        }
    }

    void nothingLost() {
        List<String> lost = new ArrayList<>();
        for (Transaction transaction : written) {
            List<Conflict> decided = conflicts.getOrDefault(transaction.id(), List.of());
            if (decided.stream().anyMatch(conflict -> conflict.kind().equals("rejected"))) {
                assertThat(hubLog).as("rejected transaction %s in the hub log", transaction.id())
                        .doesNotContainKey(transaction.id());
                continue;
            }
            Transaction accepted = hubLog.get(transaction.id());
            for (RowChange change : transaction.changes()) {
                String missing = account(change, accepted, decided);
                if (missing != null) {
                    lost.add(transaction.origin() + " " + transaction.id() + ": " + missing);
                }
            }
        }
        assertThat(lost).as("writes of the nodes that HQ acknowledged but neither kept nor decided against")
                .isEmpty();
    }

    /** Null when {@code change} is accounted for, else what is missing. */
    private String account(RowChange change, Transaction accepted, List<Conflict> decided) {
        RowChange kept = accepted == null ? null : accepted.changes().stream()
                .filter(c -> c.table().equals(change.table()) && c.rowId().equals(change.rowId())
                        && c.operation() == change.operation()).findFirst().orElse(null);
        boolean rowDecided = decided.stream().anyMatch(conflict -> conflict.rowId().equals(change.rowId())
                && conflict.kind().equals("update-delete"));
        switch (change.operation()) {
            case INSERT:
                return kept != null ? null : "insert of " + change.table() + " " + change.rowId();
            case DELETE:
                if (kept != null || rowDecided || goneAtHq(change)) {
                    return null;
                }
                return "delete of " + change.table() + " " + change.rowId();
            default:
                if (rowDecided) {
                    return null;
                }
                Set<String> missing = new HashSet<>();
                change.newValues().forEach((column, value) -> {
                    boolean won = kept != null && value.equals(kept.newValues().get(column));
                    boolean lostByDecision = decided.stream().anyMatch(conflict -> conflict.kind().equals("column")
                            && conflict.rowId().equals(change.rowId()) && column.equals(conflict.column())
                            && conflict.decision().equals("current"));
                    boolean hadIt = (FEW_VALUED.contains(column) || isReference(change.table(), column))
                            && everHeld(change, column, value);
                    boolean hqDidIt = change.table().equals("stock_document") && column.equals("status")
                            && hqWrote(change, column, value);
                    if (!won && !lostByDecision && !hadIt && !hqDidIt) {
                        missing.add(column);
                    }
                });
                return missing.isEmpty() ? null : "update of " + change.table() + " " + change.rowId() + " " + missing
                        + " " + change.newValues();
        }
    }

    /** Whether HQ does not have the row: deleted by someone else first, or never taken (its insert rejected). */
    private boolean goneAtHq(RowChange change) {
        Hub hub = network.hub();
        return ConvergenceCheck.count(hub.node(), "SELECT COUNT(*) FROM " + change.table() + " WHERE id = '"
                + change.rowId() + "'") == 0;
    }

    /** Whether {@code column} of {@code table} names another row: its values are the few rows that exist. */
    private static boolean isReference(String table, String column) {
        return Schema.table(table).flatMap(t -> t.column(column)).map(c -> c.refersTo() != null).orElse(false);
    }

    private boolean everHeld(RowChange change, String column, Value value) {
        return hubLog.values().stream().flatMap(entry -> entry.changes().stream())
                .anyMatch(c -> c.table().equals(change.table()) && c.rowId().equals(change.rowId())
                        && c.operation() != Operation.DELETE && value.equals(c.newValues().get(column)));
    }

    /**
     * Whether HQ itself set {@code column} of the row to {@code value} (a stock document it reversed, by its
     * business rules or an operator): a node's same change arriving later changes nothing at HQ.
     */
    private boolean hqWrote(RowChange change, String column, Value value) {
        String hq = network.hub().code().toString();
        return hubLog.values().stream().filter(entry -> entry.origin().toString().equals(hq))
                .flatMap(entry -> entry.changes().stream())
                .anyMatch(c -> c.table().equals(change.table()) && c.rowId().equals(change.rowId())
                        && c.operation() == Operation.UPDATE && value.equals(c.newValues().get(column)));
    }

    private static boolean routedTo(String routes, String code) {
        for (String route : routes.split("\\|", -1)) {
            if (route.equals("*") || List.of(route.split(",")).contains(code)) {
                return true;
            }
        }
        return false;
    }
}
