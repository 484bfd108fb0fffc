package dev.filial.node.store;

import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/** Apache Derby has native DECIMAL, DATE, TIMESTAMP and BOOLEAN columns; instants are kept in UTC. */
final class DerbyDialect implements Dialect {

    /** Primary key constraint names by table, per database connection (each database generates its own). */
    private final Map<Connection, Map<String, String>> primaryKeys = new WeakHashMap<>();

    @Override
    public void bind(PreparedStatement statement, int index, ColumnType type, Value value) throws SQLException {
        if (value instanceof Value.Null) {
            statement.setNull(index, sqlType(type));
        } else if (value instanceof Value.Text text) {
            statement.setString(index, text.value());
        } else if (value instanceof Value.Int integer) {
            statement.setLong(index, integer.value());
        } else if (value instanceof Value.Decimal decimal) {
            statement.setBigDecimal(index, decimal.value());
        } else if (value instanceof Value.Date date) {
            statement.setDate(index, java.sql.Date.valueOf(date.value()));
        } else if (value instanceof Value.Timestamp timestamp) {
            statement.setTimestamp(index, Timestamp.valueOf(Timestamps.utcLocal(timestamp.value())));
        } else if (value instanceof Value.Bool bool) {
            statement.setBoolean(index, bool.value());
        } else {
            throw new IllegalArgumentException("unknown value " + value);
        }
    }

    @Override
    public Value read(ResultSet rows, int index, ColumnType type) throws SQLException {
        switch (type) {
            case TEXT:
                return Value.of(rows.getString(index));
            case INT: {
                long number = rows.getLong(index);
                return rows.wasNull() ? Value.NULL : Value.of(number);
            }
            case DECIMAL: {
                BigDecimal decimal = rows.getBigDecimal(index);
                return Value.of(decimal);
            }
            case DATE: {
                java.sql.Date date = rows.getDate(index);
                return date == null ? Value.NULL : Value.of(date.toLocalDate());
            }
            case TIMESTAMP: {
                Timestamp timestamp = rows.getTimestamp(index);
                return timestamp == null ? Value.NULL : Value.of(Timestamps.fromUtcLocal(timestamp.toLocalDateTime()));
            }
            case BOOL: {
                boolean flag = rows.getBoolean(index);
                return rows.wasNull() ? Value.NULL : Value.of(flag);
            }
            default:
                throw new IllegalArgumentException("unknown column type " + type);
        }
    }

    private static int sqlType(ColumnType type) {
        switch (type) {
            case INT:
                return Types.BIGINT;
            case DECIMAL:
                return Types.DECIMAL;
            case DATE:
                return Types.DATE;
            case TIMESTAMP:
                return Types.TIMESTAMP;
            case BOOL:
                return Types.BOOLEAN;
            default:
                return Types.VARCHAR;
        }
    }

    @Override
    public String page(String orderedQuery, int limit, long offset) {
        return orderedQuery + " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY";
    }

    @Override
    public String sortKey(String column, ColumnType type) {
        return column;
    }

    @Override
    public String likeIgnoringCase(String column) {
        return "LOWER(" + column + ") LIKE LOWER(CAST(? AS VARCHAR(400)))";
    }

    @Override
    public boolean upsertsInOneStatement() {
        return false;
    }

    /**
     * Derby keeps a compiled plan for a statement text while the table grows; a plan made when the table
     * was empty scans it for every {@code IN} list. Naming the key's constraint makes it probe the index.
     */
    @Override
    public String primaryKeyHint(Connection connection, String table) throws SQLException {
        String name;
        synchronized (primaryKeys) {
            name = primaryKeys.computeIfAbsent(connection, c -> new HashMap<>()).get(table);
        }
        if (name == null) {
            name = primaryKeyName(connection, table);
            synchronized (primaryKeys) {
                primaryKeys.get(connection).put(table, name);
            }
        }
        return " --DERBY-PROPERTIES constraint=\"" + name + "\"\n";
    }

    private static String primaryKeyName(Connection connection, String table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT c.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS c"
                + " JOIN SYS.SYSTABLES t ON c.TABLEID = t.TABLEID JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID"
                + " WHERE t.TABLENAME = ? AND s.SCHEMANAME = CURRENT SCHEMA AND c.TYPE = 'P'")) {
            select.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("table " + table + " has no primary key");
                }
                return rows.getString(1);
            }
        }
    }

    @Override
    public BigDecimal readStockQuantity(ResultSet rows, int index) throws SQLException {
        BigDecimal quantity = rows.getBigDecimal(index);
        return quantity == null ? BigDecimal.ZERO.setScale(3) : quantity.setScale(3);
    }
}
