package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Dialect;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads stock. Current balances come from the node-local {@code stock_balance} summary, which the database's
 * own triggers keep equal to the sums of the ledger ({@code stock_entry}) and the reservations, whatever writes
 * them; a balance is one indexed row, and a report over every warehouse and product reads one row per pair,
 * however long the ledger. Balances on a past date and movement histories count back from the balance now
 * through the ledger's {@code entry_date} index. The ledger has no index by product: with documents of many
 * lines, such an index took a page write per line at every posting and halved the posting rate
 * (docs/benchmarks.md).
 */
public final class StockBalances {

    /**
     * The largest quantity a line may move: SQLite's summary adds thousandths through a double, exact up to
     * 2^53 (about 9.0e12 units), so one line stays far below it.
     */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");

    private static final int IDS_PER_QUERY = 100;

    private final Dialect dialect;

    public StockBalances(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The balances of {@code products} in {@code warehouseId}; a product never moved there has none. */
    public Map<String, Balance> of(Connection connection, String warehouseId, Collection<String> products)
            throws SQLException {
        return of(sql -> connection.prepareStatement(sql), true, warehouseId, products);
    }

    /** The same inside a write transaction, on its kept statements. */
    public Map<String, Balance> of(Changes changes, String warehouseId, Collection<String> products)
            throws SQLException {
        return of(changes::prepared, false, warehouseId, products);
    }

    /** Prepares a statement. */
    private interface Statements {
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private Map<String, Balance> of(Statements statements, boolean close, String warehouseId,
                                    Collection<String> products) throws SQLException {
        Map<String, Balance> found = new HashMap<>();
        List<String> ids = new ArrayList<>(products);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            PreparedStatement select = statements.prepare("SELECT product_id, on_hand, reserved"
                    + " FROM stock_balance WHERE warehouse_id = ? AND product_id IN (" + marks + ")");
            try {
                select.setString(1, warehouseId);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String product = rows.getString(1);
                        found.put(product, new Balance(warehouseId, product, dialect.readStockQuantity(rows, 2),
                                dialect.readStockQuantity(rows, 3)));
                    }
                }
            } finally {
                if (close) {
                    select.close();
                }
            }
        }
        for (String product : products) {
            found.putIfAbsent(product, Balance.none(warehouseId, product));
        }
        return found;
    }

    /**
     * Every balance, or those of one warehouse, ordered by warehouse and product id; pairs whose on hand and
     * reserved are both zero are left out.
     */
    public List<Balance> all(Connection connection, Optional<String> warehouseId) throws SQLException {
        String sql = "SELECT warehouse_id, product_id, on_hand, reserved FROM stock_balance"
                + (warehouseId.isPresent() ? " WHERE warehouse_id = ?" : "") + " ORDER BY warehouse_id, product_id";
        List<Balance> balances = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (warehouseId.isPresent()) {
                select.setString(1, warehouseId.get());
            }
            select.setFetchSize(1_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Balance balance = new Balance(rows.getString(1), rows.getString(2),
                            dialect.readStockQuantity(rows, 3), dialect.readStockQuantity(rows, 4));
                    if (balance.onHand().signum() != 0 || balance.reserved().signum() != 0) {
                        balances.add(balance);
                    }
                }
            }
        }
        return balances;
    }

    /**
     * On hand of a product in a warehouse at the end of {@code date}: the balance now less the ledger entries
     * dated after that day (read through the ledger's date index, so a recent date reads few rows). Run it in
     * a snapshot ({@code Database.snapshot}) so that no posting falls between the two reads.
     */
    public BigDecimal onHandOn(Connection connection, String warehouseId, String productId, LocalDate date)
            throws SQLException {
        BigDecimal later = BigDecimal.ZERO;
        try (PreparedStatement select = connection.prepareStatement("SELECT quantity FROM stock_entry"
                + " WHERE entry_date > ? AND warehouse_id = ? AND product_id = ?")) {
            dialect.bind(select, 1, ColumnType.DATE, Value.of(date));
            select.setString(2, warehouseId);
            select.setString(3, productId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    later = later.add(decimal(dialect.read(rows, 1, ColumnType.DECIMAL)));
                }
            }
        }
        return of(connection, warehouseId, List.of(productId)).get(productId).onHand().subtract(later);
    }

    /**
     * The movements of a product, oldest first: date, document number and kind, warehouse, quantity and the
     * balance in that warehouse after it; optionally only in one warehouse and from a date. The balances
     * are counted back from the balance now, so a period reads only its own entries (through the ledger's
     * date index); without {@code from} the whole ledger is read. Run it in a snapshot.
     */
    public List<Map<String, Object>> movements(Connection connection, String productId, Optional<String> warehouseId,
                                               Optional<LocalDate> from) throws SQLException {
        String sql = "SELECT e.entry_date, d.number, d.kind, e.warehouse_id, e.quantity, e.document_id"
                + " FROM stock_entry e JOIN stock_document d ON d.id = e.document_id WHERE e.product_id = ?"
                + (warehouseId.isPresent() ? " AND e.warehouse_id = ?" : "")
                + (from.isPresent() ? " AND e.entry_date >= ?" : "") + " ORDER BY e.entry_date, e.id";
        List<Map<String, Object>> moves = new ArrayList<>();
        Map<String, BigDecimal> moved = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            select.setString(index++, productId);
            if (warehouseId.isPresent()) {
                select.setString(index++, warehouseId.get());
            }
            if (from.isPresent()) {
                dialect.bind(select, index, ColumnType.DATE, Value.of(from.get()));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String warehouse = rows.getString(4);
                    BigDecimal quantity = decimal(dialect.read(rows, 5, ColumnType.DECIMAL));
                    moved.merge(warehouse, quantity, BigDecimal::add);
                    Map<String, Object> move = new LinkedHashMap<>();
                    move.put("date", ((Value.Date) dialect.read(rows, 1, ColumnType.DATE)).value().toString());
                    move.put("number", rows.getString(2));
                    move.put("kind", rows.getString(3));
                    move.put("warehouse_id", warehouse);
                    move.put("quantity", quantity);
                    move.put("document_id", rows.getString(6));
                    moves.add(move);
                }
            }
        }
        Map<String, BigDecimal> running = new HashMap<>();
        for (String warehouse : moved.keySet()) {
            BigDecimal now = of(connection, warehouse, List.of(productId)).get(productId).onHand();
            running.put(warehouse, now.subtract(moved.get(warehouse)));
        }
        for (Map<String, Object> move : moves) {
            BigDecimal quantity = (BigDecimal) move.get("quantity");
            BigDecimal balance = running.merge((String) move.get("warehouse_id"), quantity, BigDecimal::add);
            move.put("quantity", quantity.toPlainString());
            move.put("balance", balance.toPlainString());
        }
        return moves;
    }

    /**
     * Where the summary differs from the sums of the ledger and the reservations, summed here exactly:
     * "warehouse/product: summary x, ledger y" lines, none when they agree. Reads both whole: for checks.
     */
    public List<String> verify(Connection connection) throws SQLException {
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        sum(connection, "stock_entry", 0, sums);
        sum(connection, "stock_reservation", 1, sums);
        Map<String, BigDecimal[]> summary = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT warehouse_id, product_id, on_hand, reserved FROM stock_balance");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                summary.put(rows.getString(1) + "/" + rows.getString(2), new BigDecimal[] {
                    dialect.readStockQuantity(rows, 3), dialect.readStockQuantity(rows, 4)});
            }
        }
        List<String> differences = new ArrayList<>();
        Map<String, BigDecimal[]> keys = new TreeMap<>(sums);
        summary.keySet().forEach(key -> keys.putIfAbsent(key, zero()));
        for (String key : keys.keySet()) {
            BigDecimal[] ledger = sums.getOrDefault(key, zero());
            BigDecimal[] kept = summary.getOrDefault(key, zero());
            if (ledger[0].compareTo(kept[0]) != 0 || ledger[1].compareTo(kept[1]) != 0) {
                differences.add(key + ": summary " + kept[0] + " on hand, " + kept[1] + " reserved; ledger "
                        + ledger[0] + " on hand, " + ledger[1] + " reserved");
            }
        }
        return differences;
    }

    private void sum(Connection connection, String table, int slot, Map<String, BigDecimal[]> sums)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT warehouse_id, product_id, quantity FROM " + table);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                BigDecimal[] pair = sums.computeIfAbsent(rows.getString(1) + "/" + rows.getString(2), k -> zero());
                pair[slot] = pair[slot].add(decimal(dialect.read(rows, 3, ColumnType.DECIMAL)));
            }
        }
    }

    private static BigDecimal[] zero() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private static BigDecimal decimal(Value value) {
        return ((Value.Decimal) value).value();
    }
}
