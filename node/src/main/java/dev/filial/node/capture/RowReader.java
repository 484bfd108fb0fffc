package dev.filial.node.capture;

import dev.filial.node.store.Column;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.IdLookup;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads whole rows of replicated tables on the caller's connection, many at a time: by id, or by the
 * value of a reference column (the dependants of a row). Used where a writer must see its own
 * transaction's rows, such as the hub deciding on incoming changes.
 */
public final class RowReader {

    private final Dialect dialect;

    public RowReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The rows of {@code table} with the given ids, by id (ids not found are absent); values without {@code id}. */
    public Map<String, Map<String, Value>> byId(Connection connection, Table table, Collection<String> ids)
            throws SQLException {
        return where(connection, table, "id", ids);
    }

    /** Every row of {@code table}, in id order, handed to {@code each} one at a time (values without {@code id}). */
    public void each(Connection connection, Table table, BiConsumer<String, Map<String, Value>> each)
            throws SQLException {
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT id");
        columns.forEach(c -> sql.append(", ").append(c.name()));
        sql.append(" FROM ").append(table.name()).append(" ORDER BY id");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            select.setFetchSize(500);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows.getString(1), row(rows, columns));
                }
            }
        }
    }

    /** The rows of {@code table} whose {@code column} is one of {@code values}, by id. */
    public Map<String, Map<String, Value>> where(Connection connection, Table table, String column,
                                                 Collection<String> values) throws SQLException {
        Map<String, Map<String, Value>> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        List<String> keys = new ArrayList<>(values);
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT id");
        columns.forEach(c -> sql.append(", ").append(c.name()));
        sql.append(" FROM ").append(table.name())
                .append(column.equals("id") ? dialect.primaryKeyHint(connection, table.name()) : "")
                .append(" WHERE ").append(column).append(" IN (")
                .append(IdLookup.placeholders()).append(")");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            IdLookup.inChunks(select, 1, keys, rows -> found.put(rows.getString(1), row(rows, columns)));
        }
        return found;
    }

    private Map<String, Value> row(ResultSet rows, List<Column> columns) throws SQLException {
        Map<String, Value> row = new LinkedHashMap<>(columns.size() * 2);
        for (int c = 0; c < columns.size(); c++) {
            row.put(columns.get(c).name(), dialect.read(rows, c + 2, columns.get(c).type()));
        }
        return row;
    }
}
