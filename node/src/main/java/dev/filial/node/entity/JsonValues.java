package dev.filial.node.entity;

import dev.filial.node.store.Column;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column values to and from JSON: text, integers and booleans as themselves; decimals as strings
 * (exact, e.g. {@code "1250.50"}; numbers are accepted on input); dates as {@code yyyy-mm-dd};
 * timestamps as ISO-8601 instants.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** Converts a JSON object of column values; unknown columns and wrong types are field errors. */
    public static Map<String, Value> fromJson(Table table, Map<String, Object> json) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Value> values = new LinkedHashMap<>();
        json.forEach((name, raw) -> {
            if (name.equals("id")) {
                return;
            }
            Column column = table.column(name).orElse(null);
            if (column == null) {
                errors.add(new FieldError(name, "unknown", "is not a field of " + table.name()));
                return;
            }
            try {
                values.put(name, fromJson(column, raw));
            } catch (RuntimeException e) {
                errors.add(new FieldError(name, "type", "must be " + expected(column) + ", got '" + raw + "'"));
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationException(table.name(), errors);
        }
        return values;
    }

    /** One value from JSON (or from query-string text). */
    public static Value fromJson(Column column, Object raw) {
        if (raw == null) {
            return Value.NULL;
        }
        switch (column.type()) {
            case TEXT:
                if (!(raw instanceof String)) {
                    throw new IllegalArgumentException("not text");
                }
                return Value.of((String) raw);
            case INT:
                if (raw instanceof Number number && new BigDecimal(number.toString()).scale() <= 0) {
                    return Value.of(number.longValue());
                }
                return Value.of(Long.parseLong(raw.toString()));
            case DECIMAL:
                return Value.of(new BigDecimal(raw.toString()));
            case DATE:
                return Value.of(LocalDate.parse(raw.toString()));
            case TIMESTAMP:
                return Value.of(Instant.parse(raw.toString()));
            case BOOL:
                if (raw instanceof Boolean flag) {
                    return Value.of(flag);
                }
                if ("true".equals(raw) || "false".equals(raw)) {
                    return Value.of(Boolean.parseBoolean(raw.toString()));
                }
                throw new IllegalArgumentException("not a boolean");
            default:
                throw new IllegalArgumentException("unknown type");
        }
    }

    /** A value as JSON. */
    public static Object toJson(Value value) {
        if (value instanceof Value.Text text) {
            return text.value();
        }
        if (value instanceof Value.Int integer) {
            return integer.value();
        }
        if (value instanceof Value.Decimal decimal) {
            return decimal.value().toPlainString();
        }
        if (value instanceof Value.Date date) {
            return date.value().toString();
        }
        if (value instanceof Value.Timestamp timestamp) {
            return timestamp.value().toString();
        }
        if (value instanceof Value.Bool bool) {
            return bool.value();
        }
        return null;
    }

    /** A row (with its id) as a JSON object. */
    public static Map<String, Object> toJson(String id, Map<String, Value> row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        row.forEach((name, value) -> json.put(name, toJson(value)));
        return json;
    }

    private static String expected(Column column) {
        switch (column.type()) {
            case INT:
                return "an integer";
            case DECIMAL:
                return "a decimal number";
            case DATE:
                return "a date yyyy-mm-dd";
            case TIMESTAMP:
                return "an ISO-8601 instant like 2026-11-23T10:00:00Z";
            case BOOL:
                return "true or false";
            default:
                return "text";
        }
    }
}
