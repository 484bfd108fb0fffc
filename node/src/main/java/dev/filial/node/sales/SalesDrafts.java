package dev.filial.node.sales;

import dev.filial.node.capture.Changes;
import dev.filial.node.document.DocumentJson;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
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

    private static final DocumentJson JSON = new DocumentJson(Schema.SALES_DOCUMENT, HEADER, Schema.SALES_LINE, LINE,
            "is not a field a user sets on a sales line (prices and amounts are computed)");

    private SalesDrafts() {
    }

    /**
     * Reads a draft's JSON (see {@link DocumentJson}); a document has 1 to {@link #MAX_LINES} lines, and its
     * currency code is taken in capitals.
     */
    static DocumentJson.Input read(Map<String, Object> json, boolean creating) {
        DocumentJson.Input input = JSON.read(json, creating);
        List<Map<String, Value>> lines = input.lines();
        if (lines != null && (lines.isEmpty() || lines.size() > MAX_LINES)) {
            throw ValidationException.of(Schema.SALES_DOCUMENT.name(), "lines", lines.isEmpty() ? "required"
                    : "too-many", lines.isEmpty() ? "a sales document needs at least one line"
                    : "at most " + MAX_LINES + " lines");
        }
        if (input.header().get("currency") instanceof Value.Text currency) {
            input.header().put("currency", Value.of(currency.value().trim().toUpperCase(Locale.ROOT)));
        }
        return input;
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
