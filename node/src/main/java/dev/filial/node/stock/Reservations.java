package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reservations of stock for customer orders, kept like the ledger: rows are only ever added, a release is a
 * negative row, and what an order holds is the sum of its rows. Available stock is on hand minus reserved.
 */
public final class Reservations {

    private final RowReader reader;
    private final StockBalances balances;

    public Reservations(Dialect dialect) {
        this.reader = new RowReader(dialect);
        this.balances = new StockBalances(dialect);
    }

    /**
     * Reserves {@code quantities} (per product) in {@code warehouseId} for order {@code orderId}.
     *
     * @throws RuleException {@code insufficient-stock} when a product's available stock is smaller
     */
    public void reserve(Changes changes, String orderId, String warehouseId, Map<String, BigDecimal> quantities,
                        LocalDate date) {
        try {
            Map<String, Balance> now = balances.of(changes, warehouseId, quantities.keySet());
            List<Map<String, Object>> shortages = new ArrayList<>();
            quantities.forEach((product, quantity) -> {
                Balance balance = now.get(product);
                if (balance.available().compareTo(quantity) < 0) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("product_id", product);
                    line.put("available", balance.available().toPlainString());
                    line.put("requested", quantity.toPlainString());
                    shortages.add(line);
                }
            });
            if (!shortages.isEmpty()) {
                throw new RuleException("insufficient-stock", shortages.size() + " product(s) of the order have less "
                        + "stock available than ordered", "lower the quantities, choose another warehouse, or "
                        + "confirm the order once the goods are received", shortages);
            }
        } catch (SQLException e) {
            throw new StockException("reserving for order " + orderId, e);
        }
        quantities.forEach((product, quantity) -> insert(changes, orderId, warehouseId, product, quantity, date));
    }

    /** Releases all that order {@code orderId} still holds (it was cancelled or closed). */
    public void releaseAll(Changes changes, String orderId, LocalDate date) {
        held(changes, orderId).forEach((warehouse, products) -> products.forEach((product, quantity) ->
                insert(changes, orderId, warehouse, product, quantity.negate(), date)));
    }

    /** What order {@code orderId} holds, per warehouse then product (positive quantities only). */
    public Map<String, Map<String, BigDecimal>> held(Changes changes, String orderId) {
        Map<String, Map<String, BigDecimal>> held = new LinkedHashMap<>();
        try {
            for (Map<String, Value> row : reader.where(changes.connection(), Schema.STOCK_RESERVATION, "order_id",
                    List.of(orderId)).values()) {
                held.computeIfAbsent(Posting.text(row, "warehouse_id"), w -> new LinkedHashMap<>())
                        .merge(Posting.text(row, "product_id"), Posting.decimal(row.get("quantity")), BigDecimal::add);
            }
        } catch (SQLException e) {
            throw new StockException("reading the reservations of order " + orderId, e);
        }
        held.values().forEach(products -> products.values().removeIf(quantity -> quantity.signum() <= 0));
        held.values().removeIf(Map::isEmpty);
        return held;
    }

    /** Releases what a shipment of {@code shipped} (per product) from {@code warehouseId} uses of the order's hold. */
    Map<String, BigDecimal> releaseFor(Changes changes, String orderId, String warehouseId,
                                       Map<String, BigDecimal> shipped, LocalDate date) {
        if (orderId == null) {
            return Map.of();
        }
        Map<String, BigDecimal> holding = held(changes, orderId).getOrDefault(warehouseId, Map.of());
        Map<String, BigDecimal> released = new LinkedHashMap<>();
        shipped.forEach((product, quantity) -> {
            BigDecimal release = quantity.min(holding.getOrDefault(product, BigDecimal.ZERO));
            if (release.signum() > 0) {
                insert(changes, orderId, warehouseId, product, release.negate(), date);
                released.put(product, release);
            }
        });
        return released;
    }

    private static void insert(Changes changes, String orderId, String warehouseId, String productId,
                               BigDecimal quantity, LocalDate date) {
        Map<String, Value> row = new LinkedHashMap<>(8);
        row.put("order_id", Value.of(orderId));
        row.put("warehouse_id", Value.of(warehouseId));
        row.put("product_id", Value.of(productId));
        row.put("quantity", Value.of(quantity));
        row.put("entry_date", Value.of(date));
        changes.insert(Schema.STOCK_RESERVATION, row);
    }
}
