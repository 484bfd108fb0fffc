package dev.filial.node.report;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stock movements per warehouse and product in a period, from the ledger ({@code stock_entry} with its
 * document): opening (before {@code from}), in, out, closing (end of {@code to}); closing = opening + in -
 * out. An entry of a reversal (a document with {@code reverses_id}) undoes the column of the entry it
 * reverses (storno): a reversed receipt lowers "in" instead of adding to "out", so a receipt and its
 * reversal in one period show nothing moved in. Pairs with no stock and no movement are left out.
 */
final class StockMovementsReport implements Reports.Definition {

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        Map<String, List<String>> warehouses = reading.texts("warehouse", "code", "name", "owning_branch");
        Map<String, List<String>> products = reading.texts("product", "sku", "name", "unit");
        List<Object> arguments = new ArrayList<>();
        String sql = "SELECT e.warehouse_id, e.product_id, e.quantity, e.entry_date, d.reverses_id FROM stock_entry e"
                + " JOIN stock_document d ON d.id = e.document_id";
        if (parameters.to() != null) {
            sql += " WHERE e.entry_date <= ?";
            arguments.add(parameters.to());
        }
        Map<List<String>, BigDecimal[]> moves = new TreeMap<>(SalesReport.KEY_ORDER);
        try (PreparedStatement select = reading.prepare(sql, arguments); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String warehouseId = rows.getString(1);
                List<String> warehouse = warehouses.getOrDefault(warehouseId, Arrays.asList(warehouseId, null, null));
                if (parameters.branch() != null && !parameters.branch().equals(warehouse.get(2))) {
                    continue;
                }
                String productId = rows.getString(2);
                List<String> product = products.getOrDefault(productId, Arrays.asList(productId, null, null));
                BigDecimal quantity = reading.decimal(rows, 3);
                LocalDate date = reading.date(rows, 4);
                boolean reversal = rows.getString(5) != null;
                BigDecimal[] sums = moves.computeIfAbsent(Arrays.asList(warehouse.get(0), warehouse.get(1),
                        product.get(0), product.get(1), product.get(2)), k -> zeros());
                if (parameters.from() != null && date.isBefore(parameters.from())) {
                    sums[0] = sums[0].add(quantity);
                } else if (quantity.signum() > 0 != reversal) {
                    sums[1] = sums[1].add(quantity); // a receipt, or the reversal of one (negative)
                } else {
                    sums[2] = sums[2].subtract(quantity); // an issue (negative), or the reversal of one
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        moves.forEach((key, sums) -> {
            BigDecimal closing = sums[0].add(sums[1]).subtract(sums[2]);
            if (sums[0].signum() != 0 || sums[1].signum() != 0 || sums[2].signum() != 0 || closing.signum() != 0) {
                List<Object> row = new ArrayList<>(key);
                row.addAll(List.of(sums[0], sums[1], sums[2], closing));
                rows.add(row);
            }
        });
        return new Report("stock-movements", "Stock movements", List.of(ReportColumn.text("warehouse"),
                ReportColumn.text("warehouse_name"), ReportColumn.text("sku"), ReportColumn.text("product"),
                ReportColumn.text("unit"), ReportColumn.decimal("opening"), ReportColumn.decimal("in"),
                ReportColumn.decimal("out"), ReportColumn.decimal("closing")), rows, parameters.asText());
    }

    private static BigDecimal[] zeros() {
        BigDecimal zero = BigDecimal.ZERO.setScale(3);
        return new BigDecimal[] {zero, zero, zero};
    }
}
