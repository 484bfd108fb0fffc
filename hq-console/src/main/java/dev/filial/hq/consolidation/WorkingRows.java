package dev.filial.hq.consolidation;

import dev.filial.hq.routing.Router;
import dev.filial.hq.routing.DeletedRows;
import dev.filial.node.capture.RowKey;
import dev.filial.node.capture.RowReader;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.IdLookup;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HQ's rows as a run of transactions leaves them, decided change by change before any is written:
 * rows are loaded from the database on first use, many at a time where the run's ids are known, and
 * then follow each accepted change. Also knows which rows have a tombstone, and the last values of
 * the rows the run deleted.
 */
final class WorkingRows implements Router.Rows {

    private final Connection connection;
    private final Dialect dialect;
    private final RowReader reader;
    private final Map<RowKey, Map<String, Value>> rows = new HashMap<>();
    private final Set<RowKey> loaded = new HashSet<>();
    private final Set<RowKey> tombstoned = new HashSet<>();
    private final Map<RowKey, Map<String, Value>> removed = new HashMap<>();

    WorkingRows(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
        this.reader = new RowReader(dialect);
    }

    /** Loads the rows of {@code ids} of {@code table} not known yet, and which of them are tombstoned. */
    void load(Table table, Collection<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (loaded.add(new RowKey(table.name(), id))) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            reader.byId(connection, table, missing).forEach((id, row) -> rows.put(new RowKey(table.name(), id), row));
            for (String id : IdLookup.found(dialect, connection, "tombstone", "table_name", table.name(), "row_id", missing)) {
                tombstoned.add(new RowKey(table.name(), id));
            }
        } catch (SQLException e) {
            throw new ConsolidationException("reading " + table.name() + " rows: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Map<String, Value>> find(Table table, String id) {
        load(table, List.of(id));
        return Optional.ofNullable(rows.get(new RowKey(table.name(), id)));
    }

    boolean tombstoned(Table table, String id) {
        load(table, List.of(id));
        return tombstoned.contains(new RowKey(table.name(), id));
    }

    /**
     * The values row {@code id} had when it was last deleted: by this run ({@link #remove}), or before
     * it ({@link DeletedRows}); empty when it never was.
     */
    Optional<Map<String, Value>> lastDeleted(Table table, String id) {
        Map<String, Value> inRun = removed.get(new RowKey(table.name(), id));
        if (inRun != null) {
            return Optional.of(new LinkedHashMap<>(inRun));
        }
        try {
            return DeletedRows.last(connection, table.name(), id);
        } catch (SQLException e) {
            throw new ConsolidationException("reading the last values of " + table.name() + " " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /** The row as the accepted changes so far left it (a copy). */
    Optional<Map<String, Value>> copy(Table table, String id) {
        return find(table, id).map(LinkedHashMap::new);
    }

    void put(Table table, String id, Map<String, Value> row) {
        RowKey key = new RowKey(table.name(), id);
        loaded.add(key);
        rows.put(key, new LinkedHashMap<>(row));
        tombstoned.remove(key);
    }

    void remove(Table table, String id) {
        RowKey key = new RowKey(table.name(), id);
        loaded.add(key);
        Map<String, Value> last = rows.remove(key);
        if (last != null) {
            removed.put(key, last);
        }
        tombstoned.add(key);
    }

    /**
     * These rows, plus the last values of the rows removed by the run so far: what routing needs to
     * know where a deleted row went, when its parent was deleted before it in the same run.
     */
    Router.Rows withRemoved() {
        return (table, id) -> {
            Optional<Map<String, Value>> row = find(table, id);
            return row.isPresent() ? row : Optional.ofNullable(removed.get(new RowKey(table.name(), id)));
        };
    }
}
