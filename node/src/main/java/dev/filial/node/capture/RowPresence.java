package dev.filial.node.capture;

import dev.filial.node.store.Dialect;
import dev.filial.node.store.IdLookup;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rows that incoming inserts name exist, looked up before the inserts are queued (for engines
 * without a fast one-statement upsert) and kept current as the batch inserts and deletes rows.
 */
final class RowPresence {

    private final Set<RowKey> present = new HashSet<>();

    /** The rows named by the inserts of {@code transactions} that exist now. */
    static RowPresence lookUp(Dialect dialect, Connection connection, List<Transaction> transactions)
            throws SQLException {
        Map<Table, List<String>> inserted = new LinkedHashMap<>();
        for (Transaction transaction : transactions) {
            for (RowChange change : transaction.changes()) {
                if (change.operation() == Operation.INSERT) {
                    Table table = Schema.table(change.table()).orElseThrow(() -> new UnknownTableException(change.table()));
                    inserted.computeIfAbsent(table, t -> new ArrayList<>()).add(change.rowId());
                }
            }
        }
        RowPresence presence = new RowPresence();
        for (Map.Entry<Table, List<String>> entry : inserted.entrySet()) {
            String table = entry.getKey().name();
            for (String id : IdLookup.found(dialect, connection, table, Table.ID, entry.getValue())) {
                presence.present.add(new RowKey(table, id));
            }
        }
        return presence;
    }

    /** Records that the row exists from now on; returns whether it existed before. */
    boolean insert(String table, String id) {
        return !present.add(new RowKey(table, id));
    }

    void delete(String table, String id) {
        present.remove(new RowKey(table, id));
    }
}
