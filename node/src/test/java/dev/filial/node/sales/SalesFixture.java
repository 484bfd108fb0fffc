package dev.filial.node.sales;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.Changes;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small catalogue, customers and a warehouse written through the write path, the same on both engines.
 *
 * <pre>
 * base EUR; currencies EUR, USD; USD rate 0.80 EUR from 2025-01-01, 0.90 from 2025-06-01
 * price type retail (default); DRILL 120.00 EUR, GLOVES 8.99 EUR, both VAT 20, from 2025-01-01
 * BAUMARKT: payment_days 30, credit limit 1000 (EUR), rule 12.5 % on all products
 * JAN: no discount, no limit, payment_days 10
 * warehouse MAIN of this node
 * </pre>
 */
final class SalesFixture {

    static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    static final Actor ADMIN = new Actor("root", Role.ADMIN);
    static final Actor MANAGER = new Actor("maria", Role.MANAGER);
    static final Actor AGENT = new Actor("andrei", Role.AGENT);
    static final Actor VIEWER = new Actor("vera", Role.VIEWER);

    final String drill;
    final String gloves;
    final String baumarkt;
    final String jan;
    final String main;
    private final Node node;

    private SalesFixture(Node node, Map<String, String> ids) {
        this.node = node;
        this.drill = ids.get("DRILL");
        this.gloves = ids.get("GLOVES");
        this.baumarkt = ids.get("BAUMARKT");
        this.jan = ids.get("JAN");
        this.main = ids.get("MAIN");
    }

    static SalesFixture build(Node node) {
        Map<String, String> ids = new HashMap<>();
        node.writer().write(c -> {
            currency(c, "EUR");
            currency(c, "USD");
            rate(c, "USD", JAN_1, "0.8");
            rate(c, "USD", LocalDate.of(2025, 6, 1), "0.9");
            String retail = c.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("retail"), "name", Value.of("Retail"),
                    "is_default", Value.of(true)));
            for (String[] product : new String[][] {{"DRILL", "120"}, {"GLOVES", "8.99"}}) {
                String id = c.insert(Schema.PRODUCT, Map.of("sku", Value.of(product[0]), "name", Value.of(product[0]),
                        "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20")), "kind", Value.of("goods"),
                        "active", Value.of(true)));
                ids.put(product[0], id);
                c.insert(Schema.PRICE, Map.of("product_id", Value.of(id), "price_type_id", Value.of(retail),
                        "currency", Value.of("EUR"), "amount", Value.of(new BigDecimal(product[1])),
                        "valid_from", Value.of(JAN_1)));
            }
            ids.put("BAUMARKT", customer(c, "BAUMARKT", 30, "1000"));
            ids.put("JAN", customer(c, "JAN", 10, null));
            c.insert(Schema.DISCOUNT_RULE, Map.of("counterparty_id", Value.of(ids.get("BAUMARKT")),
                    "percent", Value.of(new BigDecimal("12.5")), "valid_from", Value.of(JAN_1)));
            ids.put("MAIN", c.insert(Schema.WAREHOUSE, Map.of("code", Value.of("MAIN"), "name", Value.of("Main"),
                    "owning_branch", Value.of(node.config().code().toString()), "shared", Value.of(false),
                    "active", Value.of(true))));
            return null;
        });
        return new SalesFixture(node, ids);
    }

    private static void currency(Changes c, String code) {
        c.insert(Schema.CURRENCY, Map.of("code", Value.of(code), "name", Value.of(code), "minor_units", Value.of(2)));
    }

    private static void rate(Changes c, String currency, LocalDate date, String rate) {
        c.insert(Schema.EXCHANGE_RATE, Map.of("currency", Value.of(currency), "rate_date", Value.of(date),
                "rate", Value.of(new BigDecimal(rate))));
    }

    private static String customer(Changes c, String name, int paymentDays, String limit) {
        return c.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"), "name", Value.of(name),
                "owning_branch", Value.of("MSK"), "active", Value.of(true), "payment_days", Value.of(paymentDays),
                "credit_limit", limit == null ? Value.NULL : Value.of(new BigDecimal(limit))));
    }

    /** Receives {@code quantity} of {@code product} into MAIN on 2025-06-01. */
    void receive(String product, String quantity) {
        Map<String, Object> receipt = node.stock().create(ADMIN, Map.of("kind", "receipt", "warehouse_id", main,
                "doc_date", "2025-06-01", "lines", List.of(Map.of("product_id", product, "quantity", quantity))));
        node.stock().post(ADMIN, (String) receipt.get("id"));
    }

    Balance balance(String product) {
        return node.database().read(c -> new StockBalances(node.database().dialect()).of(c, main, List.of(product)))
                .get(product);
    }

    /** A draft of {@code kind} for {@code customer} dated {@code date} with lines (product, quantity[, discount]). */
    Map<String, Object> draft(Actor actor, String kind, String customer, String date, String currency,
                              List<Map<String, Object>> lines) {
        Map<String, Object> json = new HashMap<>();
        json.put("kind", kind);
        json.put("counterparty_id", customer);
        json.put("doc_date", date);
        json.put("currency", currency);
        json.put("lines", lines);
        return node.sales().create(actor, json);
    }

    static Map<String, Object> line(String product, String quantity) {
        return Map.of("product_id", product, "quantity", quantity);
    }

    static Map<String, Object> line(String product, String quantity, String discount) {
        return Map.of("product_id", product, "quantity", quantity, "discount", discount);
    }

    /** Rows of {@code table}. */
    long count(String table) {
        return node.database().read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** Rows of the tables sales and stock write, to show a refusal changed nothing. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (String table : List.of("sales_document", "sales_line", "stock_document", "stock_entry",
                "stock_reservation", "payment", "payment_allocation", "audit_entry", "change_log")) {
            counts.put(table, count(table));
        }
        return counts;
    }
}
