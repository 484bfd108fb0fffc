package dev.filial.node.entity;

import dev.filial.node.store.Column;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.Database;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link ListQuery} into one counted, sorted, paged SELECT on a table; read-only. */
final class Lister {

    private final Database database;

    Lister(Database database) {
        this.database = database;
    }

    /** The WHERE and ORDER BY clauses of a list, with the parameters of the WHERE clause. */
    private record Plan(String where, String order, List<Column> parameterColumns, List<Value> parameters) {
    }

    private Plan plan(Table table, ListQuery query) {
        Dialect dialect = database.dialect();
        List<FieldError> errors = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        List<Column> parameterColumns = new ArrayList<>();
        List<Value> parameters = new ArrayList<>();
        for (ListQuery.Filter filter : query.filters()) {
            Column column = column(table, filter.column(), errors);
            if (column == null) {
                continue;
            }
            where.append(where.length() == 0 ? " WHERE " : " AND ");
            try {
                condition(dialect, column, filter, where, parameterColumns, parameters);
            } catch (RuntimeException e) {
                errors.add(new FieldError(filter.column(), "type", "filter value '" + filter.value() + "' does not fit: "
                        + e.getMessage()));
            }
        }
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (ListQuery.Sort sort : query.sort()) {
            Column column = column(table, sort.column(), errors);
            if (column != null) {
                order.append(dialect.sortKey(column.name(), column.type())).append(sort.descending() ? " DESC" : "")
                        .append(", ");
            }
        }
        order.append("id");
        if (!errors.isEmpty()) {
            throw new ValidationException(table.name(), errors);
        }
        return new Plan(where.toString(), order.toString(), parameterColumns, parameters);
    }

    private static String select(Table table, Plan plan) {
        StringBuilder select = new StringBuilder("SELECT id");
        table.columns().forEach(column -> select.append(", ").append(column.name()));
        return select.append(" FROM ").append(table.name()).append(plan.where()).append(plan.order()).toString();
    }

    /**
     * Every row matching {@code query}'s filters, in its sort order and without paging, handed to {@code visitor}
     * one at a time on one reader connection (for exports of a whole list; nothing is collected here).
     */
    void each(Table table, ListQuery query, EntityService.RowVisitor visitor) {
        Dialect dialect = database.dialect();
        Plan plan = plan(table, query);
        List<Column> columns = table.columns();
        database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select(table, plan))) {
                bind(dialect, statement, plan.parameterColumns(), plan.parameters());
                statement.setFetchSize(1_000);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Map<String, Value> row = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.put(columns.get(i).name(), dialect.read(rows, i + 2, columns.get(i).type()));
                        }
                        visitor.row(rows.getString(1), row);
                    }
                }
            }
            return null;
        });
    }

    Page list(Table table, ListQuery query) {
        Dialect dialect = database.dialect();
        Plan plan = plan(table, query);
        List<Column> columns = table.columns();
        List<Column> parameterColumns = plan.parameterColumns();
        List<Value> parameters = plan.parameters();
        String rowsSql = dialect.page(select(table, plan), query.size(), (long) query.page() * query.size());
        String countSql = "SELECT COUNT(*) FROM " + table.name() + plan.where();
        return database.read(connection -> {
            long total;
            try (PreparedStatement count = connection.prepareStatement(countSql)) {
                bind(dialect, count, parameterColumns, parameters);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(rowsSql)) {
                bind(dialect, statement, parameterColumns, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Map<String, Value> row = new LinkedHashMap<>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.put(columns.get(i).name(), dialect.read(rows, i + 2, columns.get(i).type()));
                        }
                        items.add(JsonValues.toJson(rows.getString(1), row));
                    }
                }
            }
            return new Page(items, total, query.page(), query.size());
        });
    }

    private static Column column(Table table, String name, List<FieldError> errors) {
        if (name.equals(Table.ID)) {
            return Column.text(Table.ID, 64);
        }
        Column column = table.column(name).orElse(null);
        if (column == null) {
            errors.add(new FieldError(name, "unknown", "is not a field of " + table.name()));
        }
        return column;
    }

    private static void condition(Dialect dialect, Column column, ListQuery.Filter filter, StringBuilder where,
                                  List<Column> columns, List<Value> parameters) {
        String name = column.name();
        switch (filter.operator()) {
            case NULL:
                where.append(name).append(Boolean.parseBoolean(filter.value()) ? " IS NULL" : " IS NOT NULL");
                return;
            case LIKE:
                if (column.type() != ColumnType.TEXT) {
                    throw new IllegalArgumentException("'like' works on text fields only");
                }
                where.append(dialect.likeIgnoringCase(name));
                columns.add(Column.text(name, Integer.MAX_VALUE));
                parameters.add(Value.of(filter.value().replace('*', '%')));
                return;
            default:
                break;
        }
        String operator = switch (filter.operator()) {
            case EQ -> " = ";
            case NE -> " <> ";
            case LT -> " < ";
            case LTE -> " <= ";
            case GT -> " > ";
            default -> " >= ";
        };
        Value value = Conformance.conform(new Column(name, column.type(), false,
                column.type() == ColumnType.TEXT ? Integer.MAX_VALUE : column.size()), JsonValues.fromJson(column, filter.value()));
        boolean numeric = column.type() == ColumnType.DECIMAL && filter.operator() != ListQuery.Operator.EQ
                && filter.operator() != ListQuery.Operator.NE;
        where.append(numeric ? dialect.comparable(name, column.type()) : name).append(operator)
                .append(numeric ? dialect.comparable("?", column.type()) : "?");
        columns.add(column);
        parameters.add(value);
    }

    private static void bind(Dialect dialect, PreparedStatement statement, List<Column> columns, List<Value> values)
            throws java.sql.SQLException {
        for (int i = 0; i < values.size(); i++) {
            dialect.bind(statement, i + 1, columns.get(i).type(), values.get(i));
        }
    }
}
