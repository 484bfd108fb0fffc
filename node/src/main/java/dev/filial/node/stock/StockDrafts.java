package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.document.DocumentJson;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads stock document drafts from JSON and checks them: field errors (as {@link ValidationException},
 * {@code lines[2].quantity} for a line's field) for what the user typed, {@link RuleException}s for
 * documents that cannot be reversed or received.
 */
final class StockDrafts {

    /** The most lines one document may have. */
    static final int MAX_LINES = 5_000;

    private static final Set<String> HEADER = Set.of("kind", "doc_date", "warehouse_id", "target_warehouse_id",
            "counterparty_id", "order_id", "note");
    private static final Set<String> LINE = Set.of("product_id", "quantity", "counted", "place_id");

    /** Reads a draft's JSON: the header fields and the line fields a user sets. */
    static final DocumentJson JSON = new DocumentJson(Schema.STOCK_DOCUMENT, HEADER, Schema.STOCK_LINE, LINE,
            "is not a field of a stock line");

    private final StockScope scope;
    private final RowReader reader;

    StockDrafts(StockScope scope, Dialect dialect) {
        this.scope = scope;
        this.reader = new RowReader(dialect);
    }

    /** Checks a whole draft (header as it will be stored, all its lines) before it is written. */
    void check(Changes changes, Map<String, Value> header, List<Map<String, Value>> lines) {
        List<FieldError> errors = new ArrayList<>();
        String kindCode = Posting.text(header, "kind");
        StockKind kind = kindCode == null ? null : StockKind.parse(kindCode).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", kindCode == null ? "required" : "invalid",
                    "must be one of " + StockKind.codes()));
        }
        if (!(header.get("doc_date") instanceof Value.Date)) {
            errors.add(new FieldError("doc_date", "required", "must be a date"));
        }
        String warehouse = Posting.text(header, "warehouse_id");
        Map<String, Value> warehouseRow = warehouse == null ? null
                : changes.find(Schema.WAREHOUSE, warehouse).orElse(null);
        if (warehouseRow == null) {
            errors.add(new FieldError("warehouse_id", warehouse == null ? "required" : "not-found",
                    warehouse == null ? "a stock document needs a warehouse" : "no warehouse with id " + warehouse));
        } else if (!scope.holds(warehouseRow)) {
            errors.add(new FieldError("warehouse_id", "not-here", "warehouse " + Posting.text(warehouseRow, "code")
                    + " belongs to " + Posting.text(warehouseRow, "owning_branch") + ", which posts its stock"));
        } else if (Value.of(false).equals(warehouseRow.get("active"))) {
            errors.add(new FieldError("warehouse_id", "inactive", "warehouse " + Posting.text(warehouseRow, "code")
                    + " is inactive"));
        }
        String target = Posting.text(header, "target_warehouse_id");
        if (kind == StockKind.TRANSFER) {
            if (target == null || changes.find(Schema.WAREHOUSE, target).isEmpty()) {
                errors.add(new FieldError("target_warehouse_id", target == null ? "required" : "not-found",
                        "a transfer needs the warehouse it goes to"));
            } else if (target.equals(warehouse)) {
                errors.add(new FieldError("target_warehouse_id", "invalid", "must differ from warehouse_id"));
            }
        } else if (target != null) {
            errors.add(new FieldError("target_warehouse_id", "invalid", "only a transfer has a target warehouse"));
        }
        String order = Posting.text(header, "order_id");
        if (kind == StockKind.SHIPMENT && order == null) {
            errors.add(new FieldError("order_id", "required", "a shipment is made against a customer order"));
        } else if (order != null && (kind != StockKind.SHIPMENT || !isOrder(changes, order))) {
            errors.add(new FieldError("order_id", "invalid", kind != StockKind.SHIPMENT
                    ? "only a shipment names an order" : "no customer order with id " + order));
        }
        String counterparty = Posting.text(header, "counterparty_id");
        if (counterparty != null && changes.find(Schema.COUNTERPARTY, counterparty).isEmpty()) {
            errors.add(new FieldError("counterparty_id", "not-found", "no counterparty with id " + counterparty));
        }
        checkLines(changes, kind, warehouse, lines, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.STOCK_DOCUMENT.name(), errors);
        }
    }

    private void checkLines(Changes changes, StockKind kind, String warehouse, List<Map<String, Value>> lines,
                            List<FieldError> errors) {
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            errors.add(new FieldError("lines", lines.isEmpty() ? "required" : "too-many",
                    lines.isEmpty() ? "a stock document needs at least one line"
                            : "at most " + MAX_LINES + " lines; split the document"));
            return;
        }
        Set<String> products = new HashSet<>();
        lines.forEach(line -> products.add(Posting.text(line, "product_id")));
        products.remove(null);
        Map<String, Map<String, Value>> known;
        try {
            known = reader.byId(changes.connection(), Schema.PRODUCT, products);
        } catch (SQLException e) {
            throw new StockException("reading the products of a stock document", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Value> line = lines.get(i);
            String at = "lines[" + i + "].";
            String product = Posting.text(line, "product_id");
            if (product == null || !known.containsKey(product)) {
                errors.add(new FieldError(at + "product_id", product == null ? "required" : "not-found",
                        product == null ? "each line needs a product" : "no product with id " + product));
            } else if (Value.of(false).equals(known.get(product).get("active"))) {
                errors.add(new FieldError(at + "product_id", "inactive", "product "
                        + Posting.text(known.get(product), "sku") + " is inactive"));
            }
            if (kind == StockKind.INVENTORY) {
                BigDecimal counted = line.get("counted") instanceof Value.Decimal d ? d.value() : null;
                if (counted == null || counted.signum() < 0 || counted.compareTo(StockBalances.MAX_QUANTITY) >= 0) {
                    errors.add(new FieldError(at + "counted", counted == null ? "required" : "invalid",
                            "an inventory line needs the counted quantity, 0 or more and below "
                                    + StockBalances.MAX_QUANTITY.toPlainString()));
                }
            } else {
                BigDecimal quantity = line.get("quantity") instanceof Value.Decimal d ? d.value() : null;
                if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(StockBalances.MAX_QUANTITY) >= 0) {
                    errors.add(new FieldError(at + "quantity", quantity == null ? "required" : "invalid",
                            "must be above 0 and below " + StockBalances.MAX_QUANTITY.toPlainString()));
                }
            }
            String place = Posting.text(line, "place_id");
            if (place != null && !changes.find(Schema.STORAGE_PLACE, place)
                    .map(row -> row.get("warehouse_id")).orElse(Value.NULL).equals(Value.of(warehouse))) {
                errors.add(new FieldError(at + "place_id", "not-found", "no storage place " + place
                        + " in the document's warehouse"));
            }
        }
    }

    /**
     * @param reversalAllowed whether {@code original} may itself be a reversal (HQ undoing a document that was
     *                        reversed twice); a user corrects a reversal with a new document instead
     * @throws RuleException when {@code original} cannot be reversed
     */
    void checkReversible(Changes changes, Posting.Loaded original, boolean reversalAllowed) {
        String status = Posting.text(original.header(), "status");
        if (!"posted".equals(status)) {
            throw new RuleException("not-posted", "stock document " + original.number() + " is " + status
                    + "; only a posted document is reversed", "draft".equals(status)
                    ? "change or delete the draft instead" : "it has been reversed already");
        }
        if (!reversalAllowed && Posting.text(original.header(), "reverses_id") != null) {
            throw new RuleException("is-reversal", original.number() + " is itself a reversal",
                    "post the correction as a new document");
        }
        if (original.kind() == StockKind.TRANSFER && received(changes, original.id())) {
            throw new RuleException("already-received", "transfer " + original.number() + " has been received",
                    "reverse its receipt at the receiving branch first");
        }
    }

    /** @throws RuleException when {@code transfer} cannot be received here */
    void checkReceivable(Changes changes, Posting.Loaded transfer) {
        if (transfer.kind() != StockKind.TRANSFER || !"posted".equals(Posting.text(transfer.header(), "status"))) {
            throw new RuleException("not-a-transfer", transfer.number() + " is not a posted transfer",
                    "receive a transfer the sending branch has posted");
        }
        String target = Posting.text(transfer.header(), "target_warehouse_id");
        if (!scope.holds(changes, target)) {
            throw new RuleException("not-here", "transfer " + transfer.number() + " goes to a warehouse of another "
                    + "branch", "the branch that owns the target warehouse receives it");
        }
        if (received(changes, transfer.id())) {
            throw new RuleException("already-received", "transfer " + transfer.number() + " has been received",
                    "nothing to do; reverse the receipt first to receive it again");
        }
    }

    /** Whether a posted receipt names the transfer, or the transfer itself moved stock into its target. */
    private static boolean received(Changes changes, String transfer) {
        try (PreparedStatement select = changes.connection().prepareStatement("SELECT COUNT(*) FROM stock_document"
                + " WHERE transfer_id = ? AND status = 'posted'");
             PreparedStatement entries = changes.connection().prepareStatement("SELECT COUNT(*) FROM stock_entry e"
                     + " JOIN stock_document d ON d.id = e.document_id"
                     + " WHERE e.document_id = ? AND e.warehouse_id = d.target_warehouse_id")) {
            select.setString(1, transfer);
            entries.setString(1, transfer);
            return count(select) > 0 || count(entries) > 0;
        } catch (SQLException e) {
            throw new StockException("checking whether transfer " + transfer + " was received", e);
        }
    }

    private static boolean isOrder(Changes changes, String id) {
        return changes.find(Schema.SALES_DOCUMENT, id).map(row -> Value.of("order").equals(row.get("kind")))
                .orElse(false);
    }

    private static long count(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
