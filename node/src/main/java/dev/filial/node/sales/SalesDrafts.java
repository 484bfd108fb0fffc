package dev.filial.node.sales;

import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads sales document drafts from JSON: the header fields a user may set and the lines ({@code product_id},
 * {@code quantity}, optional {@code discount}); everything else (number, status, amounts) is the node's.
 * Type errors are field errors such as {@code lines[1].quantity}.
 */
final class SalesDrafts {

    /** The most lines one document may have. */
    static final int MAX_LINES = 5_000;

    static final Set<String> HEADER = Set.of("kind", "doc_date", "counterparty_id", "deal_id", "currency",
            "price_type_id", "warehouse_id", "due_on", "manager", "note");
    private static final Set<String> LINE = Set.of("product_id", "quantity", "discount");

    /** A draft as read: header values given, and its lines (null on an update that keeps them). */
    record Input(Map<String, Value> header, List<Map<String, Value>> lines) {
    }

    private SalesDrafts() {
    }

    static Input read(Map<String, Object> json, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> header = new LinkedHashMap<>();
        json.forEach((name, raw) -> {
            if (name.equals("lines") || name.equals("id")) {
                return;
            }
            if (!HEADER.contains(name) || !creating && name.equals("kind")) {
                errors.add(new FieldError(name, "read-only", Schema.SALES_DOCUMENT.has(name)
                        ? "is set by the node, not by the user" : "is not a field of a sales document"));
            } else {
                header.put(name, raw);
            }
        });
        Map<String, Value> values = new LinkedHashMap<>(parse(Schema.SALES_DOCUMENT, header, "", errors));
        if (values.get("currency") instanceof Value.Text currency) {
            values.put("currency", Value.of(currency.value().trim().toUpperCase(Locale.ROOT)));
        }
        List<Map<String, Value>> lines = null;
        Object rawLines = json.get("lines");
        if (rawLines != null || creating) {
            lines = new ArrayList<>();
            if (!(rawLines instanceof List<?> list)) {
                errors.add(new FieldError("lines", "required", "must be a list of lines"));
            } else if (list.isEmpty() || list.size() > MAX_LINES) {
                errors.add(new FieldError("lines", list.isEmpty() ? "required" : "too-many", list.isEmpty()
                        ? "a sales document needs at least one line" : "at most " + MAX_LINES + " lines"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String at = "lines[" + i + "].";
                    if (!(list.get(i) instanceof Map<?, ?> line)) {
                        errors.add(new FieldError("lines[" + i + "]", "type", "must be an object"));
                        continue;
                    }
                    Map<String, Object> fields = new LinkedHashMap<>();
                    line.forEach((name, raw) -> {
                        if (LINE.contains(String.valueOf(name))) {
                            fields.put(String.valueOf(name), raw);
                        } else {
                            errors.add(new FieldError(at + name, "unknown", "is not a field a user sets on a "
                                    + "sales line (prices and amounts are computed)"));
                        }
                    });
                    lines.add(parse(Schema.SALES_LINE, fields, at, errors));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.SALES_DOCUMENT.name(), errors);
        }
        return new Input(values, lines);
    }

    private static Map<String, Value> parse(Table table, Map<String, Object> json, String at, List<FieldError> errors) {
        try {
            return Conformance.conform(table, JsonValues.fromJson(table, json), false);
        } catch (ValidationException e) {
            e.errors().forEach(error -> errors.add(new FieldError(at + error.field(), error.code(), error.message())));
            return Map.of();
        }
    }
}
