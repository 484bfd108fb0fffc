package dev.filial.node.store;

import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings values into the exact form a table stores, or refuses them: the kind must match the
 * column, text must fit, decimals take the column's scale without rounding, timestamps are kept
 * to the microsecond. A value written and read back is then equal on both engines.
 */
public final class Conformance {

    private Conformance() {
    }

    /**
     * The conformed values; with {@code complete} every required column must be present and non-null.
     * When every value is in its stored form already (the usual case for values read from a batch or the
     * database), that is {@code values} itself, unchanged: callers must not modify the result.
     *
     * @throws ValidationException listing every refused column
     */
    public static Map<String, Value> conform(Table table, Map<String, Value> values, boolean complete) {
        List<FieldError> errors = null;
        Map<String, Value> result = null;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            String name = entry.getKey();
            Column column = table.columnOrNull(name);
            Value conformed = null;
            if (column == null) {
                errors = errors == null ? new ArrayList<>() : errors;
                errors.add(new FieldError(name, "unknown", "is not a column of " + table.name()));
            } else {
                try {
                    conformed = conform(column, entry.getValue());
                } catch (Refusal e) {
                    errors = errors == null ? new ArrayList<>() : errors;
                    errors.add(new FieldError(name, e.code, e.getMessage()));
                }
            }
            if (result == null && conformed != entry.getValue() && errors == null) {
                result = new LinkedHashMap<>(values.size() * 2);
                for (Map.Entry<String, Value> before : values.entrySet()) {
                    if (before.getKey().equals(name)) {
                        break;
                    }
                    result.put(before.getKey(), before.getValue());
                }
            }
            if (result != null && conformed != null) {
                result.put(name, conformed);
            }
        }
        if (complete) {
            for (Column column : table.columns()) {
                if (column.required() && !values.containsKey(column.name())) {
                    errors = errors == null ? new ArrayList<>() : errors;
                    errors.add(new FieldError(column.name(), "required", "is required"));
                }
            }
        }
        if (errors != null) {
            throw new ValidationException(table.name(), errors);
        }
        return result == null ? values : result;
    }

    /**
     * A whole row for an insert: every column of {@code table} in declaration order, from {@code values}
     * or null, conformed. Same checks as {@code conform(table, values, true)}, without building maps.
     *
     * @throws ValidationException listing every refused column
     */
    public static Value[] row(Table table, Map<String, Value> values) {
        List<Column> columns = table.columns();
        Value[] row = new Value[columns.size()];
        List<FieldError> errors = null;
        int found = 0;
        for (int i = 0; i < row.length; i++) {
            Column column = columns.get(i);
            Value value = values.get(column.name());
            if (value != null || values.containsKey(column.name())) {
                found++;
            }
            try {
                row[i] = conform(column, value);
            } catch (Refusal e) {
                errors = errors == null ? new ArrayList<>() : errors;
                errors.add(new FieldError(column.name(), e.code, e.getMessage()));
            }
        }
        if (found < values.size()) {
            errors = errors == null ? new ArrayList<>() : errors;
            for (String name : values.keySet()) {
                if (!table.has(name)) {
                    errors.add(new FieldError(name, "unknown", "is not a column of " + table.name()));
                }
            }
        }
        if (errors != null) {
            throw new ValidationException(table.name(), errors);
        }
        return row;
    }

    /** A value refused by {@link #conform(Column, Value)}: a field message and its {@link FieldError} code. */
    public static final class Refusal extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String code;

        Refusal(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One value conformed to {@code column}; throws a {@link Refusal} with a field message. */
    public static Value conform(Column column, Value value) {
        if (value == null || value instanceof Value.Null) {
            if (column.required()) {
                throw new Refusal("required", "is required");
            }
            return Value.NULL;
        }
        if (!column.type().accepts(value)) {
            throw new Refusal("type", "must be of type " + column.type().name().toLowerCase());
        }
        if (value instanceof Value.Text text && text.value().length() > column.size()) {
            throw new Refusal("too-long", "is longer than " + column.size() + " characters");
        }
        if (value instanceof Value.Decimal decimal) {
            BigDecimal number = decimal.value();
            try {
                BigDecimal scaled = number.setScale(column.size());
                if (scaled.precision() - scaled.scale() > 31 - column.size()) {
                    throw new Refusal("type", "must have at most " + (31 - column.size()) + " digits before the point");
                }
                return scaled.equals(number) ? value : Value.of(scaled);
            } catch (ArithmeticException e) {
                throw new Refusal("scale", "has more than " + column.size() + " digits after the point");
            }
        }
        if (value instanceof Value.Timestamp timestamp) {
            var stored = Timestamps.stored(timestamp.value());
            return stored.equals(timestamp.value()) ? value : Value.of(stored);
        }
        return value;
    }
}
