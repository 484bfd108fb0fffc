package dev.filial.node.bench;

import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.store.Column;
import dev.filial.node.store.Database;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Repeatable rows and writes for {@link NodeBenchmark}, and the plain JDBC baselines: a batch insert
 * and a write path without capture (read the row by id, update only the columns that differ).
 */
final class BenchData {

    /** Millisecond of the first generated id; id {@code i} of a fill is one millisecond later than id {@code i - 1}. */
    private static final long BASE_MILLIS = 1_767_225_600_000L;
    private static final String[] KINDS = {"customer", "supplier", "partner"};
    private static final String[] SEGMENTS = {"retail", "wholesale", "horeca", "state", "online", "export"};
    private static final String[] MANAGERS = {"ivanova", "petrov", "sidorov", "kuznetsova", "smirnov", "volkova"};
    private static final String[] UNITS = {"pcs", "kg", "l", "m", "box"};
    private static final String[] WORDS = {"North", "Trade", "Group", "Alfa", "Service", "Logistic", "Market", "Union",
            "Vector", "Prime", "Delta", "Ural", "Volga", "Baltic", "Siberia", "Retail"};
    /** Counterparty columns a CRM user edits, with weights (a name or a manager more often than a tax id). */
    private static final String[] EDITED = {"name", "name", "manager", "manager", "note", "note", "note", "segment",
            "category", "credit_limit", "credit_limit", "payment_days", "discount", "active", "tax_id"};

    /** One logical row write: an insert of a full row or an update of some columns. */
    record Op(boolean insert, String id, Map<String, Value> values) {
    }

    /** Writes {@code ops} on {@code counterparty} as one captured local transaction. */
    static void capture(ChangeWriter writer, List<Op> ops) {
        writer.write(changes -> {
            for (Op op : ops) {
                if (op.insert()) {
                    changes.insert(Schema.COUNTERPARTY, op.id(), op.values());
                } else {
                    changes.update(Schema.COUNTERPARTY, op.id(), op.values());
                }
            }
            return null;
        });
    }

    private BenchData() {
    }

    /** Id number {@code index} of the fill tagged {@code salt}: UUIDv7, increasing with the index. */
    static String id(int salt, long index) {
        return Uuid7.next(BASE_MILLIS + index, new Random(salt * 1_000_003L + index));
    }

    static String text(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    static Map<String, Value> counterparty(Random random) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("kind", Value.of(KINDS[random.nextInt(KINDS.length)]));
        row.put("name", Value.of(text(random, 3) + " " + random.nextInt(1_000_000)));
        row.put("tax_id", Value.of(String.format("%010d", random.nextInt(Integer.MAX_VALUE))));
        row.put("category", Value.of("cat-" + random.nextInt(20)));
        row.put("segment", Value.of(SEGMENTS[random.nextInt(SEGMENTS.length)]));
        row.put("owning_branch", Value.of("MSK"));
        row.put("manager", Value.of(MANAGERS[random.nextInt(MANAGERS.length)]));
        row.put("credit_limit", Value.of(BigDecimal.valueOf(random.nextInt(10_000_000), 2)));
        row.put("payment_days", Value.of(random.nextInt(90)));
        row.put("price_type_id", Value.NULL);
        row.put("discount", Value.of(BigDecimal.valueOf(random.nextInt(2_000), 2)));
        row.put("note", random.nextInt(3) == 0 ? Value.of(text(random, 8)) : Value.NULL);
        row.put("active", Value.of(random.nextInt(10) != 0));
        return row;
    }

    /** A product row: the 8 columns of {@link Schema#PRODUCT}. */
    static Map<String, Value> product(Random random, long index) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("sku", Value.of("SKU-" + index));
        row.put("name", Value.of(text(random, 4)));
        row.put("group_id", Value.of(id(7, random.nextInt(500))));
        row.put("unit", Value.of(UNITS[random.nextInt(UNITS.length)]));
        row.put("barcode", Value.of(String.format("46%011d", random.nextInt(Integer.MAX_VALUE))));
        row.put("vat_rate", Value.of(BigDecimal.valueOf(random.nextInt(3) == 0 ? 1000 : 2000, 2)));
        row.put("kind", Value.of(random.nextInt(10) == 0 ? "service" : "goods"));
        row.put("active", Value.of(random.nextInt(20) != 0));
        return row;
    }

    /** 1 to 4 edited counterparty columns with new values (text values carry a fresh number, so they differ). */
    static Map<String, Value> counterpartyEdit(Random random) {
        Map<String, Value> edit = new LinkedHashMap<>();
        int columns = 1 + random.nextInt(4);
        while (edit.size() < columns) {
            String column = EDITED[random.nextInt(EDITED.length)];
            int n = random.nextInt(1_000_000);
            edit.put(column, switch (column) {
                case "name" -> Value.of(text(random, 3) + " " + n);
                case "manager" -> Value.of(MANAGERS[random.nextInt(MANAGERS.length)] + "-" + n % 100);
                case "note" -> Value.of(text(random, 6) + " " + n);
                case "segment" -> Value.of(SEGMENTS[random.nextInt(SEGMENTS.length)] + "-" + n % 50);
                case "category" -> Value.of("cat-" + n % 1000);
                case "credit_limit" -> Value.of(BigDecimal.valueOf(n * 10L, 2));
                case "payment_days" -> Value.of(n % 365);
                case "discount" -> Value.of(BigDecimal.valueOf(n % 3000, 2));
                case "active" -> Value.of(random.nextBoolean());
                default -> Value.of(String.format("%010d", n));
            });
        }
        return edit;
    }

    /**
     * {@code count} counterparty writes: {@code insertPercent} % inserts of new rows, the rest updates
     * of rows drawn uniformly from {@code live} (which the inserts join).
     */
    static List<Op> counterpartyOps(Random random, List<String> live, int count, int insertPercent) {
        List<Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(100) < insertPercent) {
                String id = Uuid7.next(System.currentTimeMillis(), random);
                live.add(id);
                ops.add(new Op(true, id, counterparty(random)));
            } else {
                ops.add(new Op(false, live.get(random.nextInt(live.size())), counterpartyEdit(random)));
            }
        }
        return ops;
    }

    /**
     * Inserts {@code count} rows with plain JDBC batches, one database transaction per {@code perTransaction}
     * rows; row {@code i} is {@code id(salt, i)} with values from {@code rows}.
     */
    static void fill(Database database, Table table, int salt, long count, long perTransaction,
                     RowSource rows) {
        Random random = new Random(salt);
        for (long done = 0; done < count; ) {
            long from = done;
            long to = Math.min(count, done + perTransaction);
            database.write(connection -> {
                insertBatch(connection, database.dialect(), table, from, to, i -> id(salt, i), i -> rows.row(random, i));
                return null;
            });
            done = to;
        }
    }

    /** A row of generated values for index {@code i}. */
    interface RowSource {
        Map<String, Value> row(Random random, long index);
    }

    /** Supplies the id or values of row {@code i}. */
    interface Indexed<T> {
        T at(long index);
    }

    /** Plain JDBC: {@code INSERT ... VALUES} with addBatch/executeBatch every 1,000 rows, in the caller's transaction. */
    static void insertBatch(Connection connection, Dialect dialect, Table table, long from, long to,
                            Indexed<String> ids, Indexed<Map<String, Value>> values) throws SQLException {
        List<Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (id");
        columns.forEach(c -> sql.append(", ").append(c.name()));
        sql.append(") VALUES (?").append(", ?".repeat(columns.size())).append(')');
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            for (long i = from; i < to; i++) {
                insert.setString(1, ids.at(i));
                Map<String, Value> row = values.at(i);
                for (int c = 0; c < columns.size(); c++) {
                    Column column = columns.get(c);
                    dialect.bind(insert, c + 2, column.type(), row.getOrDefault(column.name(), Value.NULL));
                }
                insert.addBatch();
                if ((i - from) % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    static long count(Database database, Table table) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table.name());
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * The write path minus capture, in plain JDBC: an insert writes the full row; an update reads the row by
     * id, compares, and updates only the columns that differ ({@link #write}), or, as a baseline of apply,
     * sets the given columns unread ({@link #apply}). No change log, no validation. Statements are prepared
     * once per column set, as the write path does.
     */
    static final class PlainWriter {

        private final Dialect dialect;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        PlainWriter(Dialect dialect) {
            this.dialect = dialect;
        }

        void write(Connection connection, Table table, Op op) throws SQLException {
            if (op.insert()) {
                insert(connection, table, op);
                return;
            }
            List<Column> columns = table.columns();
            StringBuilder select = new StringBuilder("SELECT ");
            for (int c = 0; c < columns.size(); c++) {
                select.append(c == 0 ? "" : ", ").append(columns.get(c).name());
            }
            PreparedStatement find = prepare(connection, select.append(" FROM ").append(table.name())
                    .append(" WHERE id = ?").toString());
            find.setString(1, op.id());
            Map<String, Value> current = new HashMap<>();
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no " + table + " " + op.id());
                }
                for (int c = 0; c < columns.size(); c++) {
                    current.put(columns.get(c).name(), dialect.read(rows, c + 1, columns.get(c).type()));
                }
            }
            Map<String, Value> changed = new LinkedHashMap<>();
            op.values().forEach((column, value) -> {
                if (!value.equals(current.get(column))) {
                    changed.put(column, value);
                }
            });
            if (!changed.isEmpty()) {
                update(connection, table, op.id(), changed);
            }
        }

        /** As an incoming change is applied: an insert writes the whole row, an update sets its columns unread. */
        void apply(Connection connection, Table table, Op op) throws SQLException {
            if (op.insert()) {
                insert(connection, table, op);
            } else {
                update(connection, table, op.id(), op.values());
            }
        }

        private void insert(Connection connection, Table table, Op op) throws SQLException {
            List<Column> columns = table.columns();
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (id");
            columns.forEach(c -> sql.append(", ").append(c.name()));
            sql.append(") VALUES (?").append(", ?".repeat(columns.size())).append(')');
            PreparedStatement insert = prepare(connection, sql.toString());
            insert.setString(1, op.id());
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                dialect.bind(insert, c + 2, column.type(), op.values().getOrDefault(column.name(), Value.NULL));
            }
            insert.executeUpdate();
        }

        private void update(Connection connection, Table table, String id, Map<String, Value> values)
                throws SQLException {
            // columns in the table's order, as the write path names them: one statement per set of columns
            List<Column> named = table.columns().stream().filter(c -> values.containsKey(c.name())).toList();
            StringBuilder sql = new StringBuilder("UPDATE ").append(table.name()).append(" SET ");
            named.forEach(column -> sql.append(sql.charAt(sql.length() - 1) == ' ' ? "" : ", ")
                    .append(column.name()).append(" = ?"));
            PreparedStatement update = prepare(connection, sql.append(" WHERE id = ?").toString());
            int index = 1;
            for (Column column : named) {
                dialect.bind(update, index++, column.type(), values.get(column.name()));
            }
            update.setString(index, id);
            update.executeUpdate();
        }

        private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        void close() {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            statements.clear();
        }
    }
}
