package dev.filial.node.sales;

import dev.filial.node.capture.Changes;
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

    /**
     * Checks a draft's header: kind, an active customer, a currency code, the rows it names; with {@code alone}
     * the errors found are thrown at once.
     */
    static void checkHeader(Changes changes, Map<String, Value> header, List<FieldError> errors, boolean alone) {
        String kind = SalesDocument.text(header, "kind");
        if (kind == null || !SalesDocuments.KINDS.contains(kind)) {
            errors.add(new FieldError("kind", kind == null ? "required" : "invalid",
                    "must be quote, order or invoice"));
        }
        String counterparty = SalesDocument.text(header, "counterparty_id");
        Map<String, Value> customer = counterparty == null ? null
                : changes.find(Schema.COUNTERPARTY, counterparty).orElse(null);
        if (customer == null) {
            errors.add(new FieldError("counterparty_id", counterparty == null ? "required" : "not-found",
                    counterparty == null ? "a sales document needs a customer" : "no counterparty with id "
                            + counterparty));
        } else if (Value.of(false).equals(customer.get("active"))) {
            errors.add(new FieldError("counterparty_id", "inactive", "counterparty "
                    + SalesDocument.text(customer, "name") + " is inactive"));
        }
        String currency = SalesDocument.text(header, "currency");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            errors.add(new FieldError("currency", currency == null ? "required" : "invalid",
                    "must be a three-letter currency code such as EUR"));
        }
        reference(changes, header, "price_type_id", Schema.PRICE_TYPE, errors);
        reference(changes, header, "warehouse_id", Schema.WAREHOUSE, errors);
        reference(changes, header, "deal_id", Schema.DEAL, errors);
        if (!(header.get("due_on") instanceof Value.Null) && header.get("due_on") != null
                && !"invoice".equals(kind)) {
            errors.add(new FieldError("due_on", "invalid", "only an invoice has a due date"));
        }
        if (alone && !errors.isEmpty()) {
            throw new ValidationException(Schema.SALES_DOCUMENT.name(), errors);
        }
    }

    private static void reference(Changes changes, Map<String, Value> header, String column,
                                  Table table, List<FieldError> errors) {
        String id = SalesDocument.text(header, column);
        if (id != null && changes.find(table, id).isEmpty()) {
            errors.add(new FieldError(column, "not-found", "no " + table.name() + " with id " + id));
        }
    }
}
