package dev.filial.node.report;

import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stock balances per warehouse and product (codes and names): on hand, reserved and available, now from the
 * {@code stock_balance} summary ({@link StockBalances#all}), or on hand at the end of a past day {@code on}
 * summed from the ledger (reserved and available are then left empty: reservations are not dated history).
 * Pairs with nothing on hand and nothing reserved are left out; a branch keeps only its warehouses.
 */
final class StockBalancesReport implements Reports.Definition {

    @Override
    public Set<String> parameters() {
        return Set.of("on", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        Map<String, List<String>> warehouses = reading.texts("warehouse", "code", "name", "owning_branch");
        Map<String, List<String>> products = reading.texts("product", "sku", "name", "unit");
        List<Balance> balances = new ArrayList<>();
        if (parameters.on() == null) {
            balances.addAll(new StockBalances(reading.dialect()).all(reading.connection(), Optional.empty()));
        } else {
            // one pass over the ledger up to that day (StockBalances.onHandOn would be one query per pair)
            Map<List<String>, BigDecimal> sums = new TreeMap<>(SalesReport.KEY_ORDER);
            try (PreparedStatement select = reading.prepare("SELECT warehouse_id, product_id, quantity"
                    + " FROM stock_entry WHERE entry_date <= ?", List.of(parameters.on()));
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sums.merge(List.of(rows.getString(1), rows.getString(2)), reading.decimal(rows, 3),
                            BigDecimal::add);
                }
            }
            sums.forEach((pair, onHand) -> {
                if (onHand.signum() != 0) {
                    balances.add(new Balance(pair.get(0), pair.get(1), onHand.setScale(3), null));
                }
            });
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Balance balance : balances) {
            List<String> warehouse = warehouses.getOrDefault(balance.warehouseId(),
                    Arrays.asList(balance.warehouseId(), null, null));
            if (parameters.branch() != null && !parameters.branch().equals(warehouse.get(2))) {
                continue;
            }
            List<String> product = products.getOrDefault(balance.productId(),
                    Arrays.asList(balance.productId(), null, null));
            boolean past = parameters.on() != null;
            rows.add(new ArrayList<>(Arrays.asList(warehouse.get(0), warehouse.get(1), product.get(0), product.get(1),
                    product.get(2), balance.onHand(), past ? null : balance.reserved(),
                    past ? null : balance.available())));
        }
        rows.sort((left, right) -> SalesReport.KEY_ORDER.compare(left.subList(0, 3), right.subList(0, 3)));
        return new Report("stock-balances", "Stock balances", List.of(ReportColumn.text("warehouse"),
                ReportColumn.text("warehouse_name"), ReportColumn.text("sku"), ReportColumn.text("product"),
                ReportColumn.text("unit"), ReportColumn.decimal("on_hand"), ReportColumn.decimal("reserved"),
                ReportColumn.decimal("available")), rows, parameters.asText());
    }
}
