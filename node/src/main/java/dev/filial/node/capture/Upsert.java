package dev.filial.node.capture;

import dev.filial.node.store.Column;
import dev.filial.node.store.Table;
import dev.filial.node.store.UpsertSyntax;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An insert of a row with every column of its table that, when a row with that id exists, sets only
 * some columns of it (none: the row stays as it is).
 *
 * @param sql        the statement text
 * @param parameters what to bind to each parameter, in order: {@link Table#ID} for the row id, else a
 *                   column name
 */
record Upsert(String sql, List<String> parameters) {

    Upsert {
        parameters = List.copyOf(parameters);
    }

    static Upsert of(UpsertSyntax syntax, Table table, Collection<String> updateColumns) {
        return syntax == UpsertSyntax.MERGE ? merge(table, updateColumns) : onConflict(table, updateColumns);
    }

    private static Upsert onConflict(Table table, Collection<String> updateColumns) {
        List<String> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(' ');
        appendInsert(sql, table, parameters);
        sql.append(" ON CONFLICT (id) DO ");
        if (updateColumns.isEmpty()) {
            sql.append("NOTHING");
        } else {
            sql.append("UPDATE SET ");
            String separator = "";
            for (String name : updateColumns) {
                sql.append(separator).append(name).append(" = excluded.").append(name);
                separator = ", ";
            }
        }
        return new Upsert(sql.toString(), parameters);
    }

    /** Derby's MERGE needs a source table: a one-row dummy serves, and the values are parameters. */
    private static Upsert merge(Table table, Collection<String> updateColumns) {
        List<String> parameters = new ArrayList<>();
        parameters.add(Table.ID);
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(table.name())
                .append(" t USING SYSIBM.SYSDUMMY1 ON t.id = ?");
        if (!updateColumns.isEmpty()) {
            sql.append(" WHEN MATCHED THEN UPDATE SET ");
            String separator = "";
            for (String name : updateColumns) {
                sql.append(separator).append(name).append(" = ?");
                separator = ", ";
                parameters.add(name);
            }
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT ");
        appendInsert(sql, table, parameters);
        return new Upsert(sql.toString(), parameters);
    }

    /** {@code (id, c1, ...) VALUES (?, ?, ...)} */
    private static void appendInsert(StringBuilder sql, Table table, List<String> parameters) {
        StringBuilder marks = new StringBuilder("?");
        sql.append("(id");
        parameters.add(Table.ID);
        for (Column column : table.columns()) {
            sql.append(", ").append(column.name());
            marks.append(", ?");
            parameters.add(column.name());
        }
        sql.append(") VALUES (").append(marks).append(')');
    }
}
