package dev.filial.node.capture;

import dev.filial.node.store.Column;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.IdLookup;
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
 * Writes incoming transactions on the write path's statements, without capture. HQ's stream is
 * authoritative, so an insert of a row that exists sets its columns, an insert of a tombstoned row
 * brings it back, and an update or delete of a row this node lacks is skipped.
 *
 * <p>Row writes are queued as JDBC batches in their original order; tombstones are settled once at
 * the end, by each row's last change. An insert is one upsert statement where the engine has a fast
 * one; otherwise the ids of all inserts are looked up first and each becomes an insert or an update.
 */
final class Applier {

    private final RowSql sql;

    Applier(RowSql sql) {
        this.sql = sql;
    }

    ApplyOutcome apply(Connection connection, List<Transaction> transactions, LocalEdits pending) throws SQLException {
        List<String> kept = new ArrayList<>();
        Map<RowKey, Grave> graves = new LinkedHashMap<>();
        int queued = 0;
        int unchanged = 0;
        try {
            RowPresence presence = sql.upsertsInOneStatement() ? null
                    : RowPresence.lookUp(sql.dialect(), connection, transactions);
            long before = sql.affected();
            for (Transaction transaction : transactions) {
                for (RowChange change : transaction.changes()) {
                    Table table = Schema.table(change.table()).orElseThrow(() -> new UnknownTableException(change.table()));
                    String id = change.rowId();
                    if (pending.deleted(table.name(), id)) {
                        kept.add(table.name() + "/" + id);
                        continue;
                    }
                    Set<String> held = pending.columns(table.name(), id);
                    switch (change.operation()) {
                        case INSERT:
                            graves.put(new RowKey(table.name(), id), Grave.cleared(table.name(), id));
                            Value[] row = Conformance.row(table, change.newValues());
                            List<String> free = free(table, id, change.newValues().keySet(), held, kept);
                            if (presence == null) {
                                sql.queueUpsert(connection, table, id, row, free);
                            } else if (!presence.insert(table.name(), id)) {
                                sql.queueInsert(connection, table, id, row);
                            } else if (!free.isEmpty()) {
                                sql.queueUpdate(connection, table, id, columns(table, row, free));
                            } // else every column is held: skipped, as the upsert's DO NOTHING counts it
                            break;
                        case UPDATE:
                            Map<String, Value> values = freeValues(table, id, change.newValues(), held, kept);
                            if (values.isEmpty()) {
                                unchanged++;
                                continue;
                            }
                            sql.queueUpdate(connection, table, id, values);
                            break;
                        case DELETE:
                            if (!held.isEmpty()) {
                                kept.add(table.name() + "/" + id);
                                continue;
                            }
                            sql.queueDelete(connection, table, id);
                            if (presence != null) {
                                presence.delete(table.name(), id);
                            }
                            graves.put(new RowKey(table.name(), id), new Grave(table.name(), id,
                                    transaction.hlc().toString(), transaction.origin().toString()));
                            break;
                        default:
                            throw new IllegalStateException("unknown operation " + change.operation());
                    }
                    queued++;
                }
            }
            sql.flush();
            int written = (int) (sql.affected() - before);
            settle(connection, graves);
            return new ApplyOutcome(written + unchanged, kept, queued - written);
        } catch (SQLException | RuntimeException e) {
            sql.discard();
            throw e;
        }
    }

    /**
     * Clears the tombstones of rows whose last change inserted them (looking up which have one first,
     * since most have none), and sets those of rows whose last change deleted them.
     */
    private void settle(Connection connection, Map<RowKey, Grave> graves) throws SQLException {
        Map<String, List<String>> inserted = new LinkedHashMap<>();
        for (Grave grave : graves.values()) {
            if (grave.hlc() == null) {
                inserted.computeIfAbsent(grave.table(), t -> new ArrayList<>()).add(grave.id());
            }
        }
        for (Map.Entry<String, List<String>> table : inserted.entrySet()) {
            for (String id : IdLookup.found(sql.dialect(), connection, "tombstone", "table_name", table.getKey(),
                    "row_id", table.getValue())) {
                sql.queueTombstoneClear(connection, table.getKey(), id);
            }
        }
        for (Grave grave : graves.values()) {
            if (grave.hlc() != null) {
                sql.queueTombstoneClear(connection, grave.table(), grave.id());
            }
        }
        for (Grave grave : graves.values()) {
            if (grave.hlc() != null) {
                sql.queueTombstone(connection, grave.table(), grave.id(), grave.hlc(), grave.origin());
            }
        }
        sql.flush();
    }

    /** The values of {@code names} from a whole row as {@link Conformance#row} returns it. */
    private static Map<String, Value> columns(Table table, Value[] row, List<String> names) {
        Map<String, Value> values = new LinkedHashMap<>(names.size() * 2);
        List<Column> columns = table.columns();
        for (int i = 0; i < row.length; i++) {
            if (names.contains(columns.get(i).name())) {
                values.put(columns.get(i).name(), row[i]);
            }
        }
        return values;
    }

    /**
     * The columns among {@code names} that no unacknowledged local change holds, in the table's column order (so
     * that one set of columns is one upsert text, whatever order the sender wrote them in), then any name that is
     * not a column; the held ones go to {@code kept}.
     */
    private static List<String> free(Table table, String id, Set<String> names, Set<String> held, List<String> kept) {
        List<String> free = new ArrayList<>(names.size());
        int known = 0;
        for (Column column : table.columns()) {
            String name = column.name();
            if (!names.contains(name)) {
                continue;
            }
            known++;
            if (held.contains(name)) {
                kept.add(table.name() + "/" + id + "/" + name);
            } else {
                free.add(name);
            }
        }
        if (known < names.size()) {
            // not columns of the table: left in, so that conforming the change refuses them as before
            names.stream().filter(name -> table.column(name).isEmpty()).forEach(free::add);
        }
        return free;
    }

    private static Map<String, Value> freeValues(Table table, String id, Map<String, Value> incoming, Set<String> held,
                                                 List<String> kept) {
        Map<String, Value> values = new LinkedHashMap<>(incoming.size() * 2);
        for (String name : free(table, id, incoming.keySet(), held, kept)) {
            values.put(name, incoming.get(name));
        }
        return Conformance.conform(table, values, false);
    }

    /** The tombstone a row ends the batch with: {@code hlc} null when it has none. */
    private record Grave(String table, String id, String hlc, String origin) {

        static Grave cleared(String table, String id) {
            return new Grave(table, id, null, null);
        }
    }
}
