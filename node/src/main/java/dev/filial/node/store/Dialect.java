package dev.filial.node.store;

import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What differs between the embedded engines: value binding, paging syntax and text matching. */
public interface Dialect {

    /**
     * The {@code node_setting} holding the highest change log sequence ever released: new entries are numbered
     * above it (migration V9 on SQLite; {@code ChangeLog.release} raises it).
     */
    String CHANGE_LOG_FLOOR = "change_log.floor";

    /** Binds {@code value} (null or of the column's kind) as parameter {@code index}. */
    void bind(PreparedStatement statement, int index, ColumnType type, Value value) throws SQLException;

    /** Reads column {@code index} of the current row as a {@link Value} of the column's kind. */
    Value read(ResultSet rows, int index, ColumnType type) throws SQLException;

    /** Appends paging to a query that ends with its ORDER BY clause. */
    String page(String orderedQuery, int limit, long offset);

    /** An expression that sorts {@code column} in its natural order (numbers as numbers). */
    String sortKey(String column, ColumnType type);

    /** A case-insensitive LIKE condition on {@code column} with one parameter. */
    String likeIgnoringCase(String column);

    /**
     * Whether an insert that updates the row when its id exists ({@code INSERT ... ON CONFLICT}) is the
     * fastest way to apply an incoming insert. Otherwise ids are looked up first, then inserted or updated
     * (Derby's MERGE measured at half the rate of that).
     */
    boolean upsertsInOneStatement();

    /**
     * The insert of a captured transaction into {@code change_log} (parameters: tx_id, hlc, body). Its
     * sequence number must be above every number the log ever held (the outbox packs what comes after the
     * last number it packed); Derby's identity column never hands one out twice.
     */
    default String changeLogInsert() {
        return "INSERT INTO change_log (tx_id, hlc, body) VALUES (?, ?, ?)";
    }

    /**
     * Text to put between a table name and its WHERE clause so that a lookup by primary key probes the
     * key's index, even under a plan the engine compiled while the table was nearly empty; empty where
     * the engine needs none.
     */
    default String primaryKeyHint(Connection connection, String table) throws SQLException {
        return "";
    }

    /**
     * Reads a quantity of the node-local {@code stock_balance} summary (migration V8): SQLite keeps it in
     * thousandths as an integer, so that its triggers add exactly; Derby as {@code DECIMAL(31,3)}.
     */
    BigDecimal readStockQuantity(ResultSet rows, int index) throws SQLException;

    /** An expression comparing {@code column} numerically or chronologically with one parameter. */
    default String comparable(String column, ColumnType type) {
        return sortKey(column, type);
    }
}
