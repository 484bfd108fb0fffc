package dev.filial.node.capture;

import dev.filial.node.store.Column;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an incoming transaction's changes on the write path's statements, without capture.
 * HQ's stream is authoritative, so an insert of a row that exists sets its columns, an insert of a
 * tombstoned row brings it back, and an update or delete of a row this node lacks is skipped.
 */
final class Applier {

    private final RowSql sql;

    Applier(RowSql sql) {
        this.sql = sql;
    }

    ApplyOutcome apply(Connection connection, Transaction transaction, LocalEdits pending) throws SQLException {
        int applied = 0;
        int skipped = 0;
        List<String> kept = new ArrayList<>();
        for (RowChange change : transaction.changes()) {
            Table table = Schema.table(change.table()).orElseThrow(() -> new UnknownTableException(change.table()));
            String id = change.rowId();
            if (pending.deleted(table.name(), id)) {
                kept.add(table.name() + "/" + id);
                continue;
            }
            Set<String> held = pending.columns(table.name(), id);
            Map<String, Value> values = conformed(table, change.newValues(), held, id, kept);
            boolean done;
            switch (change.operation()) {
                case INSERT:
                    done = upsert(connection, table, id, values);
                    sql.clearTombstone(connection, table.name(), id);
                    break;
                case UPDATE:
                    done = values.isEmpty() || sql.update(connection, table, id, values) > 0;
                    break;
                case DELETE:
                    if (!held.isEmpty()) {
                        kept.add(table.name() + "/" + id);
                        continue;
                    }
                    done = sql.delete(connection, table, id) > 0;
                    sql.tombstone(connection, table.name(), id, transaction.hlc().toString(), transaction.origin().toString());
                    break;
                default:
                    throw new IllegalStateException("unknown operation " + change.operation());
            }
            if (done) {
                applied++;
            } else {
                skipped++;
            }
        }
        return new ApplyOutcome(applied, kept, skipped);
    }

    private boolean upsert(Connection connection, Table table, String id, Map<String, Value> values) throws SQLException {
        if (sql.find(connection, table, id).isPresent()) {
            return values.isEmpty() || sql.update(connection, table, id, values) > 0;
        }
        Map<String, Value> full = new LinkedHashMap<>(table.columns().size() * 2);
        for (Column column : table.columns()) {
            full.put(column.name(), values.getOrDefault(column.name(), Value.NULL));
        }
        sql.insert(connection, table, id, Conformance.conform(table, full, true));
        return true;
    }

    private static Map<String, Value> conformed(Table table, Map<String, Value> incoming, Set<String> held, String id,
                                                List<String> kept) {
        Map<String, Value> values = new LinkedHashMap<>(incoming.size() * 2);
        incoming.forEach((name, value) -> {
            if (held.contains(name)) {
                kept.add(table.name() + "/" + id + "/" + name);
            } else {
                values.put(name, value);
            }
        });
        return Conformance.conform(table, values, false);
    }
}
