package dev.filial.node.sales;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.ColumnType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of an order is shipped and what is left: the posted shipments against it (reversed ones and
 * reversals left out) against its lines of stock goods, and the lines a shipment asks for, each within what
 * is left.
 */
final class ShipmentPlan {

    private final Dialect dialect;

    ShipmentPlan(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Quantities per product of stock goods only (services are neither reserved nor shipped). */
    static Map<String, BigDecimal> stockQuantities(Changes changes, SalesDocument order) {
        Map<String, BigDecimal> quantities = new LinkedHashMap<>(order.quantities());
        quantities.keySet().removeIf(product -> changes.find(Schema.PRODUCT, product)
                .map(row -> Value.of("service").equals(row.get("kind"))).orElse(false));
        return quantities;
    }

    /** Posted shipments of the order (reversed ones and reversals left out), per product. */
    Map<String, BigDecimal> shipped(Changes changes, String orderId) {
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        try (PreparedStatement select = changes.connection().prepareStatement("SELECT l.product_id, l.quantity"
                + " FROM stock_line l JOIN stock_document d ON d.id = l.document_id WHERE d.order_id = ?"
                + " AND d.kind = 'shipment' AND d.status = 'posted' AND d.reverses_id IS NULL")) {
            select.setString(1, orderId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    shipped.merge(rows.getString(1), SalesDocument.decimal(dialect.read(rows, 2,
                            ColumnType.DECIMAL)), BigDecimal::add);
                }
            }
        } catch (SQLException e) {
            throw new SalesException("reading the shipments of order " + orderId, e);
        }
        return shipped;
    }

    Map<String, BigDecimal> unshipped(Changes changes, SalesDocument order) {
        Map<String, BigDecimal> left = stockQuantities(changes, order);
        shipped(changes, order.id()).forEach((product, quantity) -> left.computeIfPresent(product,
                (p, ordered) -> ordered.subtract(quantity)));
        left.values().removeIf(quantity -> quantity.signum() <= 0);
        return left;
    }

    /** What to ship: all that is unshipped, or the lines asked for, each within what is unshipped. */
    static Map<String, BigDecimal> shipping(Map<String, Object> json, Map<String, BigDecimal> unshipped) {
        Object raw = json == null ? null : json.get("lines");
        if (raw == null) {
            return unshipped;
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> ship = new LinkedHashMap<>();
        if (!(raw instanceof List<?> list)) {
            throw ValidationException.of(Schema.SALES_DOCUMENT.name(), "lines", "type", "must be a list of lines");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "lines[" + i + "].";
            Map<?, ?> line = list.get(i) instanceof Map<?, ?> map ? map : Map.of();
            String product = line.get("product_id") == null ? null : String.valueOf(line.get("product_id"));
            BigDecimal quantity;
            try {
                quantity = new BigDecimal(String.valueOf(line.get("quantity")));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(at + "quantity", "type", "must be a number"));
                continue;
            }
            BigDecimal left = product == null ? null : unshipped.get(product);
            if (left == null) {
                errors.add(new FieldError(at + "product_id", "not-ordered", "nothing of product " + product
                        + " is left to ship on this order"));
            } else if (quantity.signum() <= 0 || ship.getOrDefault(product, BigDecimal.ZERO).add(quantity)
                    .compareTo(left) > 0) {
                errors.add(new FieldError(at + "quantity", "over-order", "must be above 0 and at most "
                        + left.toPlainString() + ", what is left to ship"));
            } else {
                ship.merge(product, quantity, BigDecimal::add);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.SALES_DOCUMENT.name(), errors);
        }
        return ship;
    }
}
