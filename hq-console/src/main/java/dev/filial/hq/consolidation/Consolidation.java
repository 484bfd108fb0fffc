package dev.filial.hq.consolidation;

import dev.filial.hq.routing.Audience;
import dev.filial.hq.routing.HubLog;
import dev.filial.hq.routing.Router;
import dev.filial.node.capture.LocalEdits;
import dev.filial.node.inbox.BatchConsumer;
import dev.filial.node.inbox.TransactionRuns;
import dev.filial.node.store.Column;
import dev.filial.node.store.CrashPoint;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consolidation of one batch from a node, inside the inbox's write transaction, in runs of about
 * {@link #RUN_CHANGES} changes: verify (done by the inbox), deduplicate (transactions already in
 * {@code applied_tx}), stage (load the rows and stamps the run touches), decide ({@link Judge}), apply
 * the accepted changes through the write path, and log: the hub log (routed), the stamps, the
 * conflict log and {@code applied_tx}. A rejected transaction is logged and answered, never blocks.
 */
final class Consolidation implements BatchConsumer.Application {

    /**
     * Changes per run: a run prepares its statements and stages its rows once, so bigger runs cost less
     * per change (2,000 took about 8 % less CPU than 500 in SyncThroughputBenchmark) while memory stays a
     * few megabytes.
     */
    static final int RUN_CHANGES = 2_000;

    private final Consolidator hub;
    private final Connection connection;
    private final NodeCode peer;
    private final Router router;
    private final TransactionRuns runs;
    private final Map<String, String> taxIdsInBatch = new HashMap<>();
    private long applied;

    Consolidation(Consolidator hub, Connection connection, NodeCode peer, long sequence, Router router) {
        this.hub = hub;
        this.connection = connection;
        this.peer = peer;
        this.router = router;
        this.runs = new TransactionRuns(hub.database().dialect(), connection, peer, sequence, RUN_CHANGES,
                this::consolidateRun);
    }

    @Override
    public void add(Transaction transaction) {
        runs.add(transaction);
    }

    @Override
    public void finish() throws SQLException {
        runs.flush();
    }

    @Override
    public long applied() {
        return applied;
    }

    @Override
    public List<String> kept() {
        return List.of();
    }

    private void consolidateRun(List<Transaction> fresh) throws SQLException {
        fresh.forEach(transaction -> hub.clock().observe(transaction.hlc()));
        WorkingRows rows = new WorkingRows(connection, hub.database().dialect());
        ColumnClocks clocks = new ColumnClocks();
        stage(connection, fresh, rows, clocks);
        Judge judge = new Judge(rows, clocks, hub.policies(), router, hub.code(), hub.records(), this::duplicates);
        List<Transaction> accepted = new ArrayList<>();
        List<HubLog.Routed> entries = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        List<Judgement.Move> moves = new ArrayList<>();
        for (Transaction transaction : fresh) {
            Judgement judgement = judge.judge(transaction, peer);
            Transaction kept = judgement.acceptedTransaction();
            if (kept != null) {
                accepted.add(kept);
                entries.add(new HubLog.Routed(kept, judgement.audiences));
            }
            if (!judgement.toOrigin.isEmpty()) {
                Audience origin = Audience.of(List.of(peer)); // the sender: a rejected one may claim another origin
                entries.add(new HubLog.Routed(Judge.fromHub(hub.code(), hub.clock().now(), judgement.toOrigin),
                        Collections.nCopies(judgement.toOrigin.size(), origin)));
            }
            conflicts.addAll(judgement.conflicts);
            moves.addAll(judgement.moves);
        }
        applied += hub.writer().apply(connection, accepted, LocalEdits.NONE).applied();
        CrashPoint.reach("consolidation.mid-run");
        entries.addAll(new ScopeMoves(router, hub.database().dialect(), hub.code(), hub.clock())
                .entries(connection, hub.database().dialect(), moves));
        hub.log().append(connection, entries);
        clocks.flush(connection);
        hub.conflicts().add(connection, conflicts);
    }

    /**
     * Loads, many at a time, the rows and stamps that {@code transactions} touch, and the rows they refer
     * to (validation and routing look those up: a contact's counterparty, a price's price type), so that
     * judging the run needs no query of its own for them.
     */
    static void stage(Connection connection, List<Transaction> transactions, WorkingRows rows, ColumnClocks clocks)
            throws SQLException {
        Map<Table, Set<String>> touched = new LinkedHashMap<>();
        Map<Table, Set<String>> referred = new LinkedHashMap<>();
        for (Transaction transaction : transactions) {
            for (RowChange change : transaction.changes()) {
                Optional<Table> table = Schema.table(change.table());
                if (table.isPresent()) {
                    touched.computeIfAbsent(table.get(), t -> new LinkedHashSet<>()).add(change.rowId());
                    references(table.get(), change.newValues(), referred);
                }
            }
        }
        for (Map.Entry<Table, Set<String>> table : touched.entrySet()) {
            rows.load(table.getKey(), table.getValue());
            clocks.load(connection, table.getKey().name(), table.getValue());
        }
        // the references of the rows as HQ has them (an update that leaves counterparty_id as it is)
        for (Map.Entry<Table, Set<String>> table : touched.entrySet()) {
            if (!table.getKey().references().isEmpty()) {
                for (String id : table.getValue()) {
                    rows.find(table.getKey(), id).ifPresent(row -> references(table.getKey(), row, referred));
                }
            }
        }
        referred.forEach(rows::load);
    }

    /** Adds the rows that {@code values}, of a row of {@code table}, refer to, by table. */
    private static void references(Table table, Map<String, Value> values, Map<Table, Set<String>> referred) {
        for (Column column : table.references()) {
            if (values.get(column.name()) instanceof Value.Text id) {
                referred.computeIfAbsent(Schema.referred(column), t -> new LinkedHashSet<>()).add(id.value());
            }
        }
    }

    /** Flags an accepted counterparty whose tax id another counterparty has: both are kept, the operator merges. */
    private void duplicates(Judgement judgement) {
        for (RowChange change : judgement.accepted) {
            if (!change.table().equals(Schema.COUNTERPARTY.name())
                    || !(change.newValues().get("tax_id") instanceof Value.Text taxId)) {
                continue;
            }
            Optional<String> other = otherWithTaxId(taxId.value(), change.rowId());
            String earlier = taxIdsInBatch.putIfAbsent(taxId.value(), change.rowId());
            if (other.isEmpty() && earlier != null && !earlier.equals(change.rowId())) {
                other = Optional.of(earlier);
            }
            other.ifPresent(id -> judgement.conflicts.add(hub.records().duplicate(change.table(), change.rowId(),
                    "tax_id", taxId, id, judgement.incoming)));
        }
    }

    private Optional<String> otherWithTaxId(String taxId, String id) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM counterparty WHERE tax_id = ? AND id <> ?")) {
            select.setString(1, taxId);
            select.setString(2, id);
            try (ResultSet found = select.executeQuery()) {
                return found.next() ? Optional.of(found.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ConsolidationException("looking for duplicate tax ids: " + e.getMessage(), e);
        }
    }
}
