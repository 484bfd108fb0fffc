package dev.filial.hq.registry;

import dev.filial.hq.routing.Audience;
import dev.filial.hq.routing.HubLog;
import dev.filial.hq.routing.Router;
import dev.filial.node.capture.RowKey;
import dev.filial.node.capture.RowReader;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.HybridClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A new node's initial data: every row routed to it, as inserts, parents before children, appended to
 * the hub log as HQ's transactions for that node alone. Its channel then starts just before them, so
 * the first batches packed for it are the snapshot.
 */
final class Snapshot {

    /** Changes per snapshot transaction. */
    static final int TRANSACTION_CHANGES = 1_000;

    private final Dialect dialect;
    private final HubLog log;
    private final HybridClock clock;
    private final NodeCode hub;

    Snapshot(Dialect dialect, HubLog log, HybridClock clock, NodeCode hub) {
        this.dialect = dialect;
        this.log = log;
        this.clock = clock;
        this.hub = hub;
    }

    /** Appends the snapshot for {@code node}; returns the number of rows in it. */
    long append(Connection connection, Router router, NodeCode node) throws SQLException {
        RowReader reader = new RowReader(dialect);
        Map<RowKey, Optional<Map<String, Value>>> parents = new HashMap<>();
        Router.Rows rows = (table, id) -> parents.computeIfAbsent(new RowKey(table.name(), id), key -> {
            try {
                return Optional.ofNullable(reader.byId(connection, table, List.of(id)).get(id));
            } catch (SQLException e) {
                throw new IllegalStateException("reading " + table + " " + id + ": " + e.getMessage(), e);
            }
        });
        Audience audience = Audience.of(List.of(node));
        List<RowChange> pending = new ArrayList<>();
        long[] count = {0};
        for (Table table : Schema.TABLES) {
            Failure failure = new Failure();
            reader.each(connection, table, (id, row) -> {
                if (failure.cause != null || !router.audience(table, row, rows).includes(node)) {
                    return;
                }
                pending.add(RowChange.insert(table.name(), id, row));
                count[0]++;
                if (pending.size() >= TRANSACTION_CHANGES) {
                    try {
                        flush(connection, pending, audience);
                    } catch (SQLException e) {
                        failure.cause = e;
                    }
                }
            });
            if (failure.cause != null) {
                throw failure.cause;
            }
        }
        flush(connection, pending, audience);
        return count[0];
    }

    private void flush(Connection connection, List<RowChange> pending, Audience audience) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Transaction transaction = new Transaction(Uuid7.next(), hub, clock.now(), List.copyOf(pending));
        log.append(connection, List.of(new HubLog.Routed(transaction, Collections.nCopies(pending.size(), audience))));
        pending.clear();
    }

    /** Carries a failure out of the row callback. */
    private static final class Failure {
        SQLException cause;
    }
}
