package dev.filial.protocol.change;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one row of a replicated table: the new values of the columns it changed and the
 * old values of those same columns, which HQ compares with its own to detect conflicts. The HLC,
 * origin node and transaction id of a change are those of its {@link Transaction}.
 *
 * <p>Shape rules: an insert has new values and no old ones; an update has new values and old values
 * for exactly the same columns; a delete has no new values and may carry old ones.
 */
public record RowChange(String table, String rowId, Operation operation,
                        Map<String, Value> newValues, Map<String, Value> oldValues) {

    private static final int MAX_NAME = 63;
    private static final int MAX_ROW_ID = 64;

    public RowChange {
        Objects.requireNonNull(operation, "operation");
        requireName("table", table);
        if (rowId == null || rowId.isEmpty() || rowId.length() > MAX_ROW_ID) {
            throw new IllegalArgumentException("row id must have 1 to " + MAX_ROW_ID + " characters: " + rowId);
        }
        newValues = frozen(newValues);
        oldValues = frozen(oldValues);
        switch (operation) {
            case INSERT -> {
                require(!newValues.isEmpty(), "an insert needs new values");
                require(oldValues.isEmpty(), "an insert has no old values");
            }
            case UPDATE -> {
                require(!newValues.isEmpty(), "an update needs new values");
                require(oldValues.keySet().equals(newValues.keySet()),
                        "an update carries old values for exactly the columns it changes");
            }
            case DELETE -> require(newValues.isEmpty(), "a delete has no new values");
        }
    }

    public static RowChange insert(String table, String rowId, Map<String, Value> values) {
        return new RowChange(table, rowId, Operation.INSERT, values, Map.of());
    }

    public static RowChange update(String table, String rowId, Map<String, Value> newValues,
                                   Map<String, Value> oldValues) {
        return new RowChange(table, rowId, Operation.UPDATE, newValues, oldValues);
    }

    public static RowChange delete(String table, String rowId, Map<String, Value> oldValues) {
        return new RowChange(table, rowId, Operation.DELETE, Map.of(), oldValues);
    }

    /** True for names of tables and columns as the protocol allows them: lower case, digits, underscore. */
    public static boolean isValidName(String name) {
        // a loop rather than a regex: every column of every change passes here on decode
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        char first = name.charAt(0);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Value> frozen(Map<String, Value> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        Map<String, Value> copy = new LinkedHashMap<>(values.size() * 2);
        values.forEach((column, value) -> {
            requireName("column", column);
            copy.put(column, Objects.requireNonNull(value, () -> "value of column " + column + " (use Value.NULL)"));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void requireName(String what, String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException(what + " name must match [a-z][a-z0-9_]{0,62}: " + name);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
