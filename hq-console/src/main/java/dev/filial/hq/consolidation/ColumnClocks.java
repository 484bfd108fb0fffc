package dev.filial.hq.consolidation;

import dev.filial.node.capture.RowKey;
import dev.filial.node.store.IdLookup;
import dev.filial.protocol.clock.Hlc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Stamp} of every column value at HQ ({@code hub_column_clock}), loaded for the rows of a
 * run of transactions and written back once per run. An inserted row gets one stamp under
 * {@link #ROW} for all its columns; later writes add stamps per column.
 */
final class ColumnClocks {

    /** The column name under which an inserted row's stamp is kept. */
    static final String ROW = "*";

    private final Map<RowKey, Map<String, Stamp>> stamps = new HashMap<>();
    private final Map<RowKey, Map<String, Stamp>> written = new LinkedHashMap<>();
    /** The columns of each loaded row that have a stored stamp: written back as updates, or deleted. */
    private final Map<RowKey, Set<String>> stored = new HashMap<>();

    /** Loads the stamps of {@code ids} of {@code table} not loaded yet. */
    void load(Connection connection, String table, Collection<String> ids) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            RowKey key = new RowKey(table, id);
            if (!stored.containsKey(key) && !stamps.containsKey(key)) {
                stamps.put(key, new HashMap<>());
                stored.put(key, new HashSet<>());
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT row_id, column_name, hlc, origin "
                + "FROM hub_column_clock WHERE table_name = ? AND row_id IN ("
                + IdLookup.placeholders() + ")")) {
            select.setString(1, table);
            IdLookup.inChunks(select, 2, missing, rows -> {
                RowKey key = new RowKey(table, rows.getString(1));
                String column = rows.getString(2);
                stamps.get(key).put(column, new Stamp(Hlc.parse(rows.getString(3)), rows.getString(4)));
                stored.get(key).add(column);
            });
        }
    }

    /** The stamp of {@code column} of a loaded row: its own, else its row's, else {@link Stamp#UNKNOWN}. */
    Stamp of(RowKey row, String column) {
        Map<String, Stamp> columns = stamps.getOrDefault(row, Map.of());
        Stamp stamp = columns.get(column);
        if (stamp == null) {
            stamp = columns.get(ROW);
        }
        return stamp == null ? Stamp.UNKNOWN : stamp;
    }

    /** Records that {@code stamp} wrote {@code column} ({@link #ROW}: the whole row, replacing column stamps). */
    void wrote(RowKey row, String column, Stamp stamp) {
        Map<String, Stamp> columns = stamps.computeIfAbsent(row, key -> new HashMap<>());
        Map<String, Stamp> changed = written.computeIfAbsent(row, key -> new LinkedHashMap<>());
        if (column.equals(ROW)) {
            for (String old : List.copyOf(columns.keySet())) {
                changed.put(old, null);
            }
            columns.clear();
        }
        columns.put(column, stamp);
        changed.put(column, stamp);
    }

    /**
     * Writes every stamp recorded since the last flush: an update where a stamp is stored, an insert where
     * none is, a delete where a whole-row write replaced a column's stamp. For a row whose stored stamps
     * were never loaded, each written column is deleted first and inserted again.
     */
    void flush(Connection connection) throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM hub_column_clock WHERE table_name = ? AND row_id = ? AND column_name = ?");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE hub_column_clock SET hlc = ?, origin = ? "
                             + "WHERE table_name = ? AND row_id = ? AND column_name = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_column_clock "
                     + "(table_name, row_id, column_name, hlc, origin) VALUES (?, ?, ?, ?, ?)")) {
            boolean deletes = false;
            boolean updates = false;
            boolean inserts = false;
            for (Map.Entry<RowKey, Map<String, Stamp>> row : written.entrySet()) {
                RowKey key = row.getKey();
                Set<String> known = stored.get(key);
                for (Map.Entry<String, Stamp> column : row.getValue().entrySet()) {
                    Stamp stamp = column.getValue();
                    boolean there = known != null && known.contains(column.getKey());
                    if (known == null || there && stamp == null) {
                        bind(delete, key, column.getKey());
                        delete.addBatch();
                        deletes = true;
                    }
                    if (stamp != null && there) {
                        update.setString(1, stamp.hlc().toString());
                        update.setString(2, stamp.origin());
                        update.setString(3, key.table());
                        update.setString(4, key.id());
                        update.setString(5, column.getKey());
                        update.addBatch();
                        updates = true;
                    } else if (stamp != null) {
                        bind(insert, key, column.getKey());
                        insert.setString(4, stamp.hlc().toString());
                        insert.setString(5, stamp.origin());
                        insert.addBatch();
                        inserts = true;
                    }
                    if (known != null && stamp == null) {
                        known.remove(column.getKey());
                    } else if (known != null) {
                        known.add(column.getKey());
                    }
                }
            }
            if (deletes) {
                delete.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
        written.clear();
    }

    private static void bind(PreparedStatement statement, RowKey key, String column) throws SQLException {
        statement.setString(1, key.table());
        statement.setString(2, key.id());
        statement.setString(3, column);
    }
}
