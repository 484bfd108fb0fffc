package dev.filial.node.capture;

import dev.filial.node.store.Column;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only SQL that writes replicated tables. Statements are prepared once per connection and
 * column set; instances are used by one writer at a time.
 */
final class RowSql {

    private final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    RowSql(Dialect dialect) {
        this.dialect = dialect;
    }

    private PreparedStatement prepare(Connection on, String sql) throws SQLException {
        if (on != connection) {
            closeAll();
            connection = on;
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = on.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    Optional<Map<String, Value>> find(Connection on, Table table, String id) throws SQLException {
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).name());
        }
        sql.append(" FROM ").append(table.name()).append(" WHERE id = ?");
        PreparedStatement statement = prepare(on, sql.toString());
        statement.setString(1, id);
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            Map<String, Value> row = new LinkedHashMap<>(columns.size() * 2);
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                row.put(column.name(), dialect.read(rows, i + 1, column.type()));
            }
            return Optional.of(row);
        }
    }

    void insert(Connection on, Table table, String id, Map<String, Value> values) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (id");
        StringBuilder marks = new StringBuilder("?");
        for (String name : values.keySet()) {
            sql.append(", ").append(name);
            marks.append(", ?");
        }
        sql.append(") VALUES (").append(marks).append(')');
        PreparedStatement statement = prepare(on, sql.toString());
        statement.setString(1, id);
        bindAll(statement, 2, table, values);
        statement.executeUpdate();
    }

    int update(Connection on, Table table, String id, Map<String, Value> values) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table.name()).append(" SET ");
        boolean first = true;
        for (String name : values.keySet()) {
            sql.append(first ? "" : ", ").append(name).append(" = ?");
            first = false;
        }
        sql.append(" WHERE id = ?");
        PreparedStatement statement = prepare(on, sql.toString());
        int next = bindAll(statement, 1, table, values);
        statement.setString(next, id);
        return statement.executeUpdate();
    }

    int delete(Connection on, Table table, String id) throws SQLException {
        PreparedStatement statement = prepare(on, "DELETE FROM " + table.name() + " WHERE id = ?");
        statement.setString(1, id);
        return statement.executeUpdate();
    }

    void tombstone(Connection on, String table, String id, String hlc, String origin) throws SQLException {
        clearTombstone(on, table, id);
        PreparedStatement insert = prepare(on, "INSERT INTO tombstone (table_name, row_id, hlc, origin) VALUES (?, ?, ?, ?)");
        insert.setString(1, table);
        insert.setString(2, id);
        insert.setString(3, hlc);
        insert.setString(4, origin);
        insert.executeUpdate();
    }

    void clearTombstone(Connection on, String table, String id) throws SQLException {
        PreparedStatement clear = prepare(on, "DELETE FROM tombstone WHERE table_name = ? AND row_id = ?");
        clear.setString(1, table);
        clear.setString(2, id);
        clear.executeUpdate();
    }

    void logChange(Connection on, String txId, String hlc, byte[] body) throws SQLException {
        PreparedStatement statement = prepare(on, "INSERT INTO change_log (tx_id, hlc, body) VALUES (?, ?, ?)");
        statement.setString(1, txId);
        statement.setString(2, hlc);
        statement.setBytes(3, body);
        statement.executeUpdate();
    }

    private int bindAll(PreparedStatement statement, int first, Table table, Map<String, Value> values)
            throws SQLException {
        int index = first;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            Column column = table.column(entry.getKey()).orElseThrow();
            dialect.bind(statement, index++, column.type(), entry.getValue());
        }
        return index;
    }

    void closeAll() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is going away
            }
        }
        statements.clear();
    }
}
