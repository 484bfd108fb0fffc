package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger entries one posting writes, and their net effect per warehouse and product, checked against
 * the balances before anything is written.
 */
final class Movement {

    private record Entry(String warehouse, String product, BigDecimal quantity) {
    }

    private final String document;
    private final LocalDate date;
    private final List<Entry> entries = new ArrayList<>();
    /** Net change per warehouse, then per product. */
    private final Map<String, Map<String, BigDecimal>> net = new LinkedHashMap<>();

    Movement(String document, LocalDate date) {
        this.document = document;
        this.date = date;
    }

    void add(String warehouse, String product, BigDecimal quantity) {
        if (quantity.signum() == 0) {
            return;
        }
        entries.add(new Entry(warehouse, product, quantity));
        net.computeIfAbsent(warehouse, w -> new LinkedHashMap<>()).merge(product, quantity, BigDecimal::add);
    }

    /** What this movement takes out of {@code warehouse}, per product (positive quantities). */
    Map<String, BigDecimal> outOf(String warehouse) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        net.getOrDefault(warehouse, Map.of()).forEach((product, quantity) -> {
            if (quantity.signum() < 0) {
                out.put(product, quantity.negate());
            }
        });
        return out;
    }

    /**
     * Refuses the movement if it would take any warehouse's stock of a product below zero, or below what
     * orders have reserved there ({@code released}: reservations this posting releases, per product, in the
     * warehouse it ships from).
     */
    void check(Changes changes, StockBalances balances, Map<String, BigDecimal> released) throws SQLException {
        List<Map<String, Object>> shortages = new ArrayList<>();
        boolean negative = false;
        for (Map.Entry<String, Map<String, BigDecimal>> warehouse : net.entrySet()) {
            List<String> out = warehouse.getValue().entrySet().stream().filter(e -> e.getValue().signum() < 0)
                    .map(Map.Entry::getKey).toList();
            if (out.isEmpty()) {
                continue;
            }
            Map<String, Balance> now = balances.of(changes, warehouse.getKey(), out);
            for (String product : out) {
                Balance balance = now.get(product);
                BigDecimal after = balance.onHand().add(warehouse.getValue().get(product));
                BigDecimal reserved = balance.reserved().subtract(released.getOrDefault(product, BigDecimal.ZERO));
                if (after.signum() < 0 || after.compareTo(reserved) < 0) {
                    negative |= after.signum() < 0;
                    Map<String, Object> shortage = new LinkedHashMap<>();
                    shortage.put("warehouse_id", warehouse.getKey());
                    shortage.put("product_id", product);
                    shortage.put("on_hand", balance.onHand().toPlainString());
                    shortage.put("reserved", reserved.toPlainString());
                    shortage.put("requested", warehouse.getValue().get(product).negate().toPlainString());
                    shortages.add(shortage);
                }
            }
        }
        if (!shortages.isEmpty()) {
            name(changes, shortages);
            String first = shortages.get(0).get("sku") + " in " + shortages.get(0).get("warehouse");
            throw negative
                    ? new RuleException("negative-stock", "not enough stock: " + shortages.size()
                            + " line(s) would take stock below zero, the first " + first,
                            "receive the goods first, or lower the quantities; see details for each product",
                            shortages)
                    : new RuleException("reserved-stock", "the stock of " + shortages.size()
                            + " product(s) is reserved for orders, the first " + first,
                            "ship against the order that reserved it, or release the reservation first", shortages);
        }
    }

    /** Adds each shortage's product SKU and warehouse code, for people. */
    private static void name(Changes changes, List<Map<String, Object>> shortages) throws SQLException {
        try (PreparedStatement product = changes.connection().prepareStatement("SELECT sku FROM product WHERE id = ?");
             PreparedStatement warehouse = changes.connection().prepareStatement(
                     "SELECT code FROM warehouse WHERE id = ?")) {
            for (Map<String, Object> shortage : shortages) {
                shortage.put("sku", one(product, (String) shortage.get("product_id")));
                shortage.put("warehouse", one(warehouse, (String) shortage.get("warehouse_id")));
            }
        }
    }

    private static String one(PreparedStatement select, String id) throws SQLException {
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : id;
        }
    }

    /** Appends the entries to the ledger; returns them by id. */
    Map<String, Map<String, Value>> write(Changes changes) {
        List<Map<String, Value>> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Map<String, Value> row = new LinkedHashMap<>(8);
            row.put("document_id", Value.of(document));
            row.put("warehouse_id", Value.of(entry.warehouse()));
            row.put("product_id", Value.of(entry.product()));
            row.put("quantity", Value.of(entry.quantity()));
            row.put("entry_date", Value.of(date));
            rows.add(row);
        }
        List<String> ids = changes.insertAll(Schema.STOCK_ENTRY, rows);
        Map<String, Map<String, Value>> written = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            written.put(ids.get(i), rows.get(i));
        }
        return written;
    }
}
