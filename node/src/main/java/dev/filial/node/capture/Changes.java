package dev.filial.node.capture;

import dev.filial.node.store.Conformance;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of one local transaction, handed to the work passed to {@link ChangeWriter#write}.
 * Every insert, update and delete is executed at once on the transaction's connection and recorded
 * as a {@link RowChange}; the writer turns the records into one captured transaction at the end.
 */
public final class Changes {

    private final Connection connection;
    private final RowSql sql;
    private final List<RowChange> recorded = new ArrayList<>();

    Changes(Connection connection, RowSql sql) {
        this.connection = connection;
        this.sql = sql;
    }

    /** The connection of this transaction, for reads that must see its own writes. */
    public Connection connection() {
        return connection;
    }

    /**
     * A prepared statement for a query of this transaction, kept open and reused by later transactions on
     * the same connection (preparing costs SQLite as much as running a small query): bind it and execute it,
     * never close it. For reads only; writes of replicated tables go through the methods of this class.
     */
    public PreparedStatement prepared(String sql) {
        try {
            return sql(sql);
        } catch (SQLException e) {
            throw new CaptureException("preparing " + sql, e);
        }
    }

    private PreparedStatement sql(String text) throws SQLException {
        return sql.prepare(connection, text);
    }

    /** The row as it is now in this transaction, without {@code id}. */
    public Optional<Map<String, Value>> find(Table table, String id) {
        try {
            return sql.find(connection, table, id);
        } catch (SQLException e) {
            throw new CaptureException("reading " + table + " " + id, e);
        }
    }

    /** Inserts a new row under a fresh UUIDv7 and returns its id. */
    public String insert(Table table, Map<String, Value> values) {
        String id = Uuid7.next();
        insert(table, id, values);
        return id;
    }

    /** Inserts a new row under {@code id}. Omitted optional columns are null. */
    public void insert(Table table, String id, Map<String, Value> values) {
        Value[] row = Conformance.row(table, values);
        try {
            sql.insert(connection, table, id, row);
        } catch (SQLException e) {
            throw new CaptureException("inserting into " + table + " " + id, e);
        }
        recorded.add(RowChange.insert(table.name(), id, named(table, row)));
    }

    /**
     * Inserts new rows, each under a fresh UUIDv7, sent to the engine as one JDBC batch (a posting's ledger
     * entries); returns their ids in order.
     */
    public List<String> insertAll(Table table, List<Map<String, Value>> rows) {
        List<String> ids = new ArrayList<>(rows.size());
        try {
            for (Map<String, Value> values : rows) {
                String id = Uuid7.next();
                Value[] row = Conformance.row(table, values);
                sql.queueInsert(connection, table, id, row);
                recorded.add(RowChange.insert(table.name(), id, named(table, row)));
                ids.add(id);
            }
            sql.flush();
        } catch (SQLException e) {
            sql.discard();
            throw new CaptureException("inserting " + rows.size() + " rows into " + table, e);
        }
        return ids;
    }

    private static Map<String, Value> named(Table table, Value[] row) {
        Map<String, Value> full = new LinkedHashMap<>(row.length * 2);
        for (int i = 0; i < row.length; i++) {
            full.put(table.columns().get(i).name(), row[i]);
        }
        return full;
    }

    /**
     * Sets the given columns of row {@code id}; only columns whose value differs are written and
     * recorded, with their old values.
     *
     * @return whether anything changed
     * @throws ValidationException with code {@code not-found} if there is no such row
     */
    public boolean update(Table table, String id, Map<String, Value> values) {
        Map<String, Value> wanted = Conformance.conform(table, values, false);
        Map<String, Value> current = find(table, id).orElseThrow(() -> notFound(table, id));
        Map<String, Value> changed = new LinkedHashMap<>();
        Map<String, Value> old = new LinkedHashMap<>();
        wanted.forEach((column, value) -> {
            Value before = current.get(column);
            if (!value.equals(before)) {
                changed.put(column, value);
                old.put(column, before);
            }
        });
        if (changed.isEmpty()) {
            return false;
        }
        try {
            sql.update(connection, table, id, changed);
        } catch (SQLException e) {
            throw new CaptureException("updating " + table + " " + id, e);
        }
        recorded.add(RowChange.update(table.name(), id, changed, old));
        return true;
    }

    /**
     * Deletes row {@code id}, recording its last values; a tombstone is kept for it.
     *
     * @throws ValidationException with code {@code not-found} if there is no such row
     */
    public void delete(Table table, String id) {
        Map<String, Value> current = find(table, id).orElseThrow(() -> notFound(table, id));
        try {
            sql.delete(connection, table, id);
        } catch (SQLException e) {
            throw new CaptureException("deleting " + table + " " + id, e);
        }
        recorded.add(RowChange.delete(table.name(), id, current));
    }

    /** How many row changes this transaction has made so far (a caller can tell whether a step wrote anything). */
    public int made() {
        return recorded.size();
    }

    List<RowChange> recorded() {
        return recorded;
    }

    private static ValidationException notFound(Table table, String id) {
        return ValidationException.of(table.name(), "id", "not-found", "no " + table.name() + " with id " + id);
    }
}
