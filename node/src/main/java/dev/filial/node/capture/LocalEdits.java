package dev.filial.node.capture;

import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The local changes HQ has not acknowledged yet, by row and column. Incoming changes do not
 * overwrite them: HQ has not seen them, so it decides on them later and sends its decision.
 */
public final class LocalEdits {

    /** No pending local changes. */
    public static final LocalEdits NONE = new LocalEdits();

    private final Map<RowKey, Set<String>> columns = new HashMap<>();
    private final Set<RowKey> deletedRows = new HashSet<>();

    LocalEdits() {
    }

    void add(Transaction transaction) {
        for (RowChange change : transaction.changes()) {
            RowKey key = new RowKey(change.table(), change.rowId());
            if (change.operation() == Operation.DELETE) {
                deletedRows.add(key);
            } else {
                columns.computeIfAbsent(key, k -> new HashSet<>()).addAll(change.newValues().keySet());
            }
        }
    }

    /** Whether this node deleted the row and HQ has not acknowledged it. */
    public boolean deleted(String table, String rowId) {
        return !deletedRows.isEmpty() && deletedRows.contains(new RowKey(table, rowId));
    }

    /** The columns of the row with pending local changes (empty when none). */
    public Set<String> columns(String table, String rowId) {
        if (columns.isEmpty()) {
            return Set.of();
        }
        return columns.getOrDefault(new RowKey(table, rowId), Set.of());
    }

    public boolean isEmpty() {
        return columns.isEmpty() && deletedRows.isEmpty();
    }
}
