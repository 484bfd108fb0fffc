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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Loads the stamps of {@code ids} of {@code table} not loaded yet. */
    void load(Connection connection, String table, Collection<String> ids) throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (stamps.putIfAbsent(new RowKey(table, id), new HashMap<>()) == null) {
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
            IdLookup.inChunks(select, 2, missing, rows -> stamps.get(new RowKey(table, rows.getString(1)))
                    .put(rows.getString(2), new Stamp(Hlc.parse(rows.getString(3)), rows.getString(4))));
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

    /** Writes every stamp recorded since the last flush. */
    void flush(Connection connection) throws SQLException {
        if (written.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM hub_column_clock WHERE table_name = ? AND row_id = ? AND column_name = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO hub_column_clock (table_name, row_id, column_name, hlc, origin) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<RowKey, Map<String, Stamp>> row : written.entrySet()) {
                for (Map.Entry<String, Stamp> column : row.getValue().entrySet()) {
                    delete.setString(1, row.getKey().table());
                    delete.setString(2, row.getKey().id());
                    delete.setString(3, column.getKey());
                    delete.addBatch();
                    if (column.getValue() != null) {
                        insert.setString(1, row.getKey().table());
                        insert.setString(2, row.getKey().id());
                        insert.setString(3, column.getKey());
                        insert.setString(4, column.getValue().hlc().toString());
                        insert.setString(5, column.getValue().origin());
                        insert.addBatch();
                    }
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
        written.clear();
    }
}
