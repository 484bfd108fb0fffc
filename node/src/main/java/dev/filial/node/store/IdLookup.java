package dev.filial.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds which of many keys a table holds, {@value #PER_STATEMENT} keys per query instead of one query each. */
public final class IdLookup {

    /** Keys per query; the last query repeats its last key to fill its parameters. */
    public static final int PER_STATEMENT = 100;

    /** Reads one result row. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private IdLookup() {
    }

    /** The parameter list of one IN clause: {@value #PER_STATEMENT} question marks. */
    public static String placeholders() {
        return "?, ".repeat(PER_STATEMENT - 1) + "?";
    }

    /**
     * Runs {@code select}, whose parameters from {@code first} on are one {@link #placeholders()} list, once
     * per {@value #PER_STATEMENT} of {@code keys} (the last run repeats its last key), handing every result
     * row to {@code each}.
     */
    public static void inChunks(PreparedStatement select, int first, List<String> keys, RowHandler each)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += PER_STATEMENT) {
            for (int i = 0; i < PER_STATEMENT; i++) {
                select.setString(first + i, keys.get(Math.min(from + i, keys.size() - 1)));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    each.accept(rows);
                }
            }
        }
    }

    /**
     * The members of {@code keys} found in {@code column}, the primary key of {@code table}.
     *
     * @param table  a table name from the code, never from input
     * @param column a column name from the code, never from input
     */
    public static Set<String> found(Dialect dialect, Connection connection, String table, String column,
                                    List<String> keys) throws SQLException {
        return found(dialect, connection, table, null, null, column, keys);
    }

    /**
     * The members of {@code keys} found in {@code column} of the rows of {@code table} whose
     * {@code scopeColumn} is {@code scope}, where the primary key is ({@code scopeColumn}, {@code column}).
     */
    public static Set<String> found(Dialect dialect, Connection connection, String table, String scopeColumn,
                                    String scope, String column, List<String> keys) throws SQLException {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        String scoped = scopeColumn == null ? "" : scopeColumn + " = ? AND ";
        int first = scopeColumn == null ? 1 : 2;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM " + table
                + dialect.primaryKeyHint(connection, table) + " WHERE "
                + scoped + column + " IN (" + placeholders() + ")")) {
            if (scopeColumn != null) {
                select.setString(1, scope);
            }
            inChunks(select, first, keys, rows -> found.add(rows.getString(1)));
        }
        return found;
    }
}
