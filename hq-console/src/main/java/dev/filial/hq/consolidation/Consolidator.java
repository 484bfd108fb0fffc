package dev.filial.hq.consolidation;

import dev.filial.hq.registry.NodeRegistry;
import dev.filial.hq.routing.Audience;
import dev.filial.hq.routing.HubLog;
import dev.filial.hq.routing.Router;
import dev.filial.hq.routing.RoutingRules;
import dev.filial.node.capture.CapturedTransaction;
import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.RowKey;
import dev.filial.node.inbox.BatchConsumer;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.HybridClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HQ's side of the inbox: each accepted batch from a node is consolidated ({@link Consolidation}).
 * Also moves HQ's own edits, captured by the write path like any node's, from the change log into the
 * hub log with their routes ({@link #drainLocal}).
 */
public final class Consolidator implements BatchConsumer {

    private final Database database;
    private final ChangeWriter writer;
    private final ChangeLog changeLog;
    private final HubLog log;
    private final ConflictLog conflicts;
    private final NodeRegistry registry;
    private final RoutingRules routing;
    private final ConflictPolicies policies;
    private final ConflictRecords records;

    public Consolidator(Database database, ChangeWriter writer, ChangeLog changeLog, HubLog log, ConflictLog conflicts,
                        NodeRegistry registry, RoutingRules routing, ConflictPolicies policies, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.changeLog = changeLog;
        this.log = log;
        this.conflicts = conflicts;
        this.registry = registry;
        this.routing = routing;
        this.policies = policies;
        this.records = new ConflictRecords(clock);
    }

    @Override
    public Application open(Connection connection, NodeCode peer, long sequence) throws SQLException {
        return new Consolidation(this, connection, peer, sequence, router(connection));
    }

    /** The router for the nodes enrolled now. */
    public Router router(Connection connection) throws SQLException {
        return new Router(routing, registry.list(connection));
    }

    /**
     * Moves HQ's own captured transactions into the hub log, routed by the rows as they are now, with
     * their stamps; runs in its own write transaction. Returns how many were moved.
     */
    public int drainLocal() {
        return database.write(connection -> {
            List<CapturedTransaction> captured = changeLog.after(connection, 0, Integer.MAX_VALUE);
            if (captured.isEmpty()) {
                return 0;
            }
            Router router = router(connection);
            WorkingRows rows = new WorkingRows(connection, database.dialect());
            ColumnClocks clocks = new ColumnClocks();
            List<Transaction> transactions = new ArrayList<>(captured.size());
            captured.forEach(entry -> transactions.add(entry.transaction()));
            Consolidation.stage(connection, transactions, rows, clocks);
            List<HubLog.Routed> entries = new ArrayList<>();
            List<Judgement.Move> moves = new ArrayList<>();
            Map<RowKey, Optional<Map<String, Value>>> before = beforeDrain(transactions, rows);
            Router.Rows then = (table, id) -> {
                RowKey key = new RowKey(table.name(), id);
                return before.containsKey(key) ? before.get(key) : rows.find(table, id);
            };
            for (Transaction transaction : transactions) {
                Stamp stamp = new Stamp(transaction.hlc(), transaction.origin().toString());
                List<Audience> audiences = new ArrayList<>();
                for (RowChange change : transaction.changes()) {
                    Table table = Schema.table(change.table()).orElseThrow();
                    audiences.add(route(router, rows, then, table, change, moves));
                    RowKey key = new RowKey(table.name(), change.rowId());
                    if (change.operation() == Operation.UPDATE) {
                        change.newValues().keySet().forEach(column -> clocks.wrote(key, column, stamp));
                    } else {
                        clocks.wrote(key, ColumnClocks.ROW, stamp);
                    }
                }
                entries.add(new HubLog.Routed(transaction, audiences));
            }
            entries.addAll(new ScopeMoves(router, database.dialect(), code(), clock())
                    .entries(connection, database.dialect(), moves));
            log.append(connection, entries);
            clocks.flush(connection);
            changeLog.release(connection, captured.get(captured.size() - 1).seq());
            return captured.size();
        });
    }

    /**
     * Every row the drained transactions touch, as it was before them (empty: they inserted it): the row
     * as it is now, or as its delete left it, with the old values of its changes put back, last first.
     */
    private static Map<RowKey, Optional<Map<String, Value>>> beforeDrain(List<Transaction> transactions,
                                                                       WorkingRows rows) {
        Map<RowKey, Optional<Map<String, Value>>> before = new HashMap<>();
        for (int t = transactions.size() - 1; t >= 0; t--) {
            List<RowChange> changes = transactions.get(t).changes();
            for (int c = changes.size() - 1; c >= 0; c--) {
                RowChange change = changes.get(c);
                Table table = Schema.table(change.table()).orElseThrow();
                RowKey key = new RowKey(table.name(), change.rowId());
                Optional<Map<String, Value>> row = before.containsKey(key) ? before.get(key)
                        : rows.find(table, change.rowId());
                switch (change.operation()) {
                    case INSERT -> row = Optional.empty();
                    case DELETE -> row = Optional.of(new LinkedHashMap<>(change.oldValues()));
                    default -> row = row.map(values -> {
                        Map<String, Value> earlier = new LinkedHashMap<>(values);
                        earlier.putAll(change.oldValues());
                        return earlier;
                    });
                }
                before.put(key, row);
            }
        }
        return before;
    }

    /**
     * The audience of one of HQ's own changes, the row as it is now standing for "after". A delete goes to
     * the nodes its parent names now and those it named before the drain ({@code then}): the nodes a drained
     * move took the parent from are only told at the end of the drain, and a parent deleted in the drain
     * names no node now. A deleted counterparty's remaining dependants lose every node (a move).
     */
    private static Audience route(Router router, WorkingRows rows, Router.Rows then, Table table, RowChange change,
                                  List<Judgement.Move> moves) {
        Optional<Map<String, Value>> now = rows.find(table, change.rowId());
        switch (change.operation()) {
            case INSERT:
                return router.audience(table, now.orElse(change.newValues()), rows);
            case DELETE: {
                if (!Router.followers(table).isEmpty()) {
                    moves.add(new Judgement.Move(table, change.rowId(), change.oldValues()));
                }
                Audience current = router.audience(table, change.oldValues(), rows);
                Audience earlier = router.audience(table, change.oldValues(), then);
                if (current.all() || earlier.all()) {
                    return Audience.ALL;
                }
                Set<NodeCode> nodes = current.nodes(router.everyone());
                nodes.addAll(earlier.nodes(router.everyone()));
                return Audience.of(nodes);
            }
            default:
                Map<String, Value> after = now.orElse(change.newValues());
                Map<String, Value> before = new LinkedHashMap<>(after);
                before.putAll(change.oldValues());
                Audience was = router.audience(table, before, rows);
                Audience held = router.audience(table, before, then);
                Audience is = router.audience(table, after, rows);
                if (!was.equals(is) || !held.equals(is)) {
                    moves.add(new Judgement.Move(table, change.rowId(), before));
                }
                if (was.all() || held.all()) {
                    return is;
                }
                Set<NodeCode> holders = was.nodes(router.everyone());
                holders.addAll(held.nodes(router.everyone()));
                return Audience.of(holders).and(is, router.everyone());
        }
    }

    Database database() {
        return database;
    }

    ChangeWriter writer() {
        return writer;
    }

    HybridClock clock() {
        return writer.clock();
    }

    NodeCode code() {
        return writer.origin();
    }

    HubLog log() {
        return log;
    }

    ConflictLog conflicts() {
        return conflicts;
    }

    ConflictPolicies policies() {
        return policies;
    }

    ConflictRecords records() {
        return records;
    }
}
