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
 *
 * <p>Local writes execute each statement at once. Incoming changes are queued as JDBC batches
 * ({@code queue...}): consecutive changes on the same statement go to the engine together, and any
 * other statement first executes what is queued, so the order of writes is kept.
 */
final class RowSql {

    /** Rows per JDBC batch before it is sent, which bounds the driver's buffer. */
    private static final int BATCH_ROWS = 1000;
    /**
     * Prepared statements kept open per connection. Each set of columns an update sets is a statement of its
     * own, so editing one to four of a table's ten columns uses 385; below that, statements are closed and
     * prepared again all the time, which Derby pays with a compilation each.
     */
    static final int MAX_STATEMENTS = 1024;

    private static final String TOMBSTONE_DELETE = "DELETE FROM tombstone WHERE table_name = ? AND row_id = ?";
    private static final String TOMBSTONE_INSERT =
            "INSERT INTO tombstone (table_name, row_id, hlc, origin) VALUES (?, ?, ?, ?)";

    private final Dialect dialect;
    private final int maxStatements;
    /**
     * Prepared statements by text, the least recently used closed beyond {@link #maxStatements} (updates
     * and upserts have one text per set of columns, so their number is not bounded by the schema).
     */
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= maxStatements || eldest.getValue() == queued) {
                return false;
            }
            close(eldest.getValue());
            return true;
        }
    };
    /** Insert texts by table name, and upsert texts by table and updated columns (bounded like statements). */
    private final Map<String, String> inserts = new HashMap<>();
    private final Map<UpsertKey, String> upserts = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UpsertKey, String> eldest) {
            return size() > maxStatements;
        }
    };
    private Connection connection;
    private PreparedStatement queued;
    private int queuedRows;
    private long affected;

    RowSql(Dialect dialect) {
        this(dialect, MAX_STATEMENTS);
    }

    /** With another bound on the statements kept open (tests reach it with fewer statements). */
    RowSql(Dialect dialect, int maxStatements) {
        this.dialect = dialect;
        this.maxStatements = maxStatements;
    }

    /** A statement to execute now: anything queued is executed first. */
    PreparedStatement prepare(Connection on, String sql) throws SQLException {
        flush();
        return statement(on, sql);
    }

    /** A statement to queue on: what is queued on another statement is executed first. */
    private PreparedStatement enqueue(Connection on, String sql) throws SQLException {
        PreparedStatement statement = statement(on, sql);
        if (statement != queued) {
            flush();
            queued = statement;
        }
        return statement;
    }

    private void added() throws SQLException {
        queued.addBatch();
        if (++queuedRows >= BATCH_ROWS) {
            flush();
        }
    }

    private PreparedStatement statement(Connection on, String sql) throws SQLException {
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

    /** Executes what is queued; the rows it wrote are added to {@link #affected()}. */
    void flush() throws SQLException {
        if (queued == null) {
            return;
        }
        PreparedStatement statement = queued;
        queued = null;
        queuedRows = 0;
        try {
            for (int count : statement.executeBatch()) {
                affected += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
            }
        } finally {
            statement.clearBatch();
        }
    }

    /** Drops what is queued without executing it (the transaction is being rolled back). */
    void discard() {
        if (queued != null) {
            try {
                queued.clearBatch();
            } catch (SQLException ignored) {
                // the statement is closed with its connection
            }
            queued = null;
            queuedRows = 0;
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** Whether {@link #queueUpsert} is available (and the fastest way to apply an insert). */
    boolean upsertsInOneStatement() {
        return dialect.upsertsInOneStatement();
    }

    /** Rows written by queued statements so far (an upsert counts one, an update or delete of a missing row none). */
    long affected() {
        return affected;
    }

    /**
     * Queues an insert of {@code row} (every column, as {@link dev.filial.node.store.Conformance#row})
     * that, if the row exists, sets only {@code updateColumns} of it. Only for engines whose dialect
     * {@linkplain Dialect#upsertsInOneStatement() upserts in one statement}.
     */
    void queueUpsert(Connection on, Table table, String id, Value[] row, List<String> updateColumns)
            throws SQLException {
        String sql = upserts.get(new UpsertKey(table.name(), updateColumns));
        if (sql == null) {
            sql = upsertSql(table, updateColumns);
            upserts.put(new UpsertKey(table.name(), List.copyOf(updateColumns)), sql);
        }
        bindRow(enqueue(on, sql), table, id, row);
        added();
    }

    /** Queues an insert of {@code row} (every column, as {@link dev.filial.node.store.Conformance#row}). */
    void queueInsert(Connection on, Table table, String id, Value[] row) throws SQLException {
        bindRow(enqueue(on, insertSql(table)), table, id, row);
        added();
    }

    void queueUpdate(Connection on, Table table, String id, Map<String, Value> values) throws SQLException {
        PreparedStatement statement = enqueue(on, updateSql(table, values));
        int next = bindAll(statement, 1, table, values);
        statement.setString(next, id);
        added();
    }

    void queueDelete(Connection on, Table table, String id) throws SQLException {
        PreparedStatement statement = enqueue(on, deleteSql(table));
        statement.setString(1, id);
        added();
    }

    void queueTombstone(Connection on, String table, String id, String hlc, String origin) throws SQLException {
        PreparedStatement statement = enqueue(on, TOMBSTONE_INSERT);
        statement.setString(1, table);
        statement.setString(2, id);
        statement.setString(3, hlc);
        statement.setString(4, origin);
        added();
    }

    void queueTombstoneClear(Connection on, String table, String id) throws SQLException {
        PreparedStatement statement = enqueue(on, TOMBSTONE_DELETE);
        statement.setString(1, table);
        statement.setString(2, id);
        added();
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

    /** Inserts {@code row} (every column, as {@link dev.filial.node.store.Conformance#row}) now. */
    void insert(Connection on, Table table, String id, Value[] row) throws SQLException {
        PreparedStatement statement = prepare(on, insertSql(table));
        bindRow(statement, table, id, row);
        statement.executeUpdate();
    }

    int update(Connection on, Table table, String id, Map<String, Value> values) throws SQLException {
        PreparedStatement statement = prepare(on, updateSql(table, values));
        int next = bindAll(statement, 1, table, values);
        statement.setString(next, id);
        return statement.executeUpdate();
    }

    int delete(Connection on, Table table, String id) throws SQLException {
        PreparedStatement statement = prepare(on, deleteSql(table));
        statement.setString(1, id);
        return statement.executeUpdate();
    }

    /** Records (or replaces) the tombstone of a deleted row. */
    void tombstone(Connection on, String table, String id, String hlc, String origin) throws SQLException {
        PreparedStatement clear = prepare(on, TOMBSTONE_DELETE);
        clear.setString(1, table);
        clear.setString(2, id);
        clear.executeUpdate();
        PreparedStatement insert = prepare(on, TOMBSTONE_INSERT);
        insert.setString(1, table);
        insert.setString(2, id);
        insert.setString(3, hlc);
        insert.setString(4, origin);
        insert.executeUpdate();
    }

    private void bindRow(PreparedStatement statement, Table table, String id, Value[] row) throws SQLException {
        statement.setString(1, id);
        List<Column> columns = table.columns();
        for (int i = 0; i < row.length; i++) {
            dialect.bind(statement, i + 2, columns.get(i).type(), row[i]);
        }
    }

    private String insertSql(Table table) {
        return inserts.computeIfAbsent(table.name(), k -> insertText(table));
    }

    /** {@code INSERT INTO t (id, c1, ...) VALUES (?, ?, ...)} with every column. */
    private static String insertText(Table table) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (id");
        StringBuilder marks = new StringBuilder("?");
        for (Column column : table.columns()) {
            sql.append(", ").append(column.name());
            marks.append(", ?");
        }
        return sql.append(") VALUES (").append(marks).append(')').toString();
    }

    private static String upsertSql(Table table, List<String> updateColumns) {
        StringBuilder sql = new StringBuilder(insertText(table)).append(" ON CONFLICT (id) DO ");
        if (updateColumns.isEmpty()) {
            return sql.append("NOTHING").toString();
        }
        sql.append("UPDATE SET ");
        String separator = "";
        for (String name : updateColumns) {
            sql.append(separator).append(name).append(" = excluded.").append(name);
            separator = ", ";
        }
        return sql.toString();
    }

    /**
     * {@code UPDATE} of the given columns, named in the table's column order whatever order the caller's map has,
     * so that one set of columns is one statement text (in caller order, four columns of ten make 5,040 texts
     * instead of 210, and the bounded statement cache would prepare most updates anew).
     */
    private static String updateSql(Table table, Map<String, Value> values) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table.name()).append(" SET ");
        String separator = "";
        int named = 0;
        for (Column column : table.columns()) {
            if (values.containsKey(column.name())) {
                sql.append(separator).append(column.name()).append(" = ?");
                separator = ", ";
                named++;
            }
        }
        if (named != values.size()) {
            throw new IllegalArgumentException("not all of " + values.keySet() + " are columns of " + table.name());
        }
        return sql.append(" WHERE id = ?").toString();
    }

    private static String deleteSql(Table table) {
        return "DELETE FROM " + table.name() + " WHERE id = ?";
    }

    void logChange(Connection on, String txId, String hlc, byte[] body) throws SQLException {
        PreparedStatement statement = prepare(on, dialect.changeLogInsert());
        statement.setString(1, txId);
        statement.setString(2, hlc);
        statement.setBytes(3, body);
        statement.executeUpdate();
    }

    private int bindAll(PreparedStatement statement, int first, Table table, Map<String, Value> values)
            throws SQLException {
        int index = first;
        for (Column column : table.columns()) {
            if (values.containsKey(column.name())) {
                dialect.bind(statement, index++, column.type(), values.get(column.name()));
            }
        }
        return index;
    }

    /** How many prepared statements are open (for tests of the bound). */
    int openStatements() {
        return statements.size();
    }

    void closeAll() {
        discard();
        statements.values().forEach(RowSql::close);
        statements.clear();
    }

    private static void close(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the statement is dropped either way; the connection may be going away
        }
    }

    private record UpsertKey(String table, List<String> columns) {
    }
}
