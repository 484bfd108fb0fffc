package dev.filial.node.store;

import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * SQLite stores decimals, dates and timestamps as text so that nothing is rounded: decimals in plain
 * notation with the column's scale, dates as {@code yyyy-mm-dd}, timestamps as ISO-8601 UTC instants
 * with a fixed width of fractional digits so that text order is time order.
 */
final class SqliteDialect implements Dialect {

    @Override
    public void bind(PreparedStatement statement, int index, ColumnType type, Value value) throws SQLException {
        if (value instanceof Value.Null) {
            statement.setNull(index, type == ColumnType.INT || type == ColumnType.BOOL ? Types.INTEGER : Types.VARCHAR);
        } else if (value instanceof Value.Text text) {
            statement.setString(index, text.value());
        } else if (value instanceof Value.Int integer) {
            statement.setLong(index, integer.value());
        } else if (value instanceof Value.Decimal decimal) {
            statement.setString(index, decimal.value().toPlainString());
        } else if (value instanceof Value.Date date) {
            statement.setString(index, date.value().toString());
        } else if (value instanceof Value.Timestamp timestamp) {
            statement.setString(index, Timestamps.format(timestamp.value()));
        } else if (value instanceof Value.Bool bool) {
            statement.setInt(index, bool.value() ? 1 : 0);
        } else {
            throw new IllegalArgumentException("unknown value " + value);
        }
    }

    @Override
    public Value read(ResultSet rows, int index, ColumnType type) throws SQLException {
        switch (type) {
            case INT: {
                long number = rows.getLong(index);
                return rows.wasNull() ? Value.NULL : Value.of(number);
            }
            case BOOL: {
                int flag = rows.getInt(index);
                return rows.wasNull() ? Value.NULL : Value.of(flag != 0);
            }
            default:
                break;
        }
        String text = rows.getString(index);
        if (text == null) {
            return Value.NULL;
        }
        switch (type) {
            case TEXT:
                return Value.of(text);
            case DECIMAL:
                return Value.of(new BigDecimal(text));
            case DATE:
                return Value.of(LocalDate.parse(text));
            case TIMESTAMP:
                return Value.of(Instant.parse(text));
            default:
                throw new IllegalArgumentException("unknown column type " + type);
        }
    }

    @Override
    public String page(String orderedQuery, int limit, long offset) {
        return orderedQuery + " LIMIT " + limit + " OFFSET " + offset;
    }

    @Override
    public String sortKey(String column, ColumnType type) {
        return type == ColumnType.DECIMAL ? "CAST(" + column + " AS REAL)" : column;
    }

    @Override
    public String likeIgnoringCase(String column) {
        return "LOWER(" + column + ") LIKE LOWER(?)";
    }

    @Override
    public boolean upsertsInOneStatement() {
        return true;
    }

    /**
     * One above both the highest sequence in the log and {@code change_log.floor} (migration V9): a plain
     * rowid would start again at 1 once the log is emptied, and AUTOINCREMENT writes a page of its own at
     * every commit.
     */
    @Override
    public String changeLogInsert() {
        return "INSERT INTO change_log (seq, tx_id, hlc, body) VALUES (1 + MAX("
                + "COALESCE((SELECT MAX(seq) FROM change_log), 0), "
                + "COALESCE((SELECT CAST(value AS INTEGER) FROM node_setting WHERE name = '"
                + CHANGE_LOG_FLOOR + "'), 0)"
                + "), ?, ?, ?)";
    }

    @Override
    public BigDecimal readStockQuantity(ResultSet rows, int index) throws SQLException {
        return BigDecimal.valueOf(rows.getLong(index), 3);
    }
}
