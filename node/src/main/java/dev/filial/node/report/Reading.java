package dev.filial.node.report;

import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Dialect;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's reads on one connection: typed values through the engine's {@link Dialect} (decimals are text
 * on SQLite, so they are read and summed here as {@link BigDecimal}, never with SQL SUM), and lookups of
 * names by id.
 */
final class Reading {

    private final Connection connection;
    private final Dialect dialect;

    Reading(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** A query with its parameters (dates bound as dates, everything else as text). */
    PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            Object parameter = parameters.get(i);
            if (parameter instanceof LocalDate date) {
                dialect.bind(statement, i + 1, ColumnType.DATE, Value.of(date));
            } else {
                statement.setString(i + 1, (String) parameter);
            }
        }
        statement.setFetchSize(1_000);
        return statement;
    }

    BigDecimal decimal(ResultSet rows, int index) throws SQLException {
        Value value = dialect.read(rows, index, ColumnType.DECIMAL);
        return value instanceof Value.Decimal decimal ? decimal.value() : null;
    }

    LocalDate date(ResultSet rows, int index) throws SQLException {
        Value value = dialect.read(rows, index, ColumnType.DATE);
        return value instanceof Value.Date date ? date.value() : null;
    }

    Instant instant(ResultSet rows, int index) throws SQLException {
        Value value = dialect.read(rows, index, ColumnType.TIMESTAMP);
        return value instanceof Value.Timestamp timestamp ? timestamp.value() : null;
    }

    /** Every row of {@code table} as id to the values of {@code columns} (text columns only). */
    Map<String, List<String>> texts(String table, String... columns) throws SQLException {
        Map<String, List<String>> found = new HashMap<>();
        try (PreparedStatement select = prepare("SELECT id, " + String.join(", ", columns) + " FROM " + table,
                List.of()); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                List<String> values = new ArrayList<>(columns.length);
                for (int i = 0; i < columns.length; i++) {
                    values.add(rows.getString(i + 2));
                }
                found.put(rows.getString(1), values);
            }
        }
        return found;
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return dialect;
    }
}
