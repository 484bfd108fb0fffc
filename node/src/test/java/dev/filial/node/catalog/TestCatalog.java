package dev.filial.node.catalog;

import dev.filial.node.Node;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A small catalogue written through the write path, the same on both engines. Base currency EUR.
 *
 * <pre>
 * currencies  EUR 2, USD 2, PLN 2, JPY 0 minor units; GBP has rates but no currency row
 * rates       USD 0.80 from 2025-01-01, 0.90 from 2025-06-01; PLN 0.25 from 2025-01-01, 0.24 from 2025-06-01;
 *             JPY 0.00625 from 2025-02-01; GBP 0.85 from 2025-01-01 (EUR per unit)
 * groups      Tools > Power tools > Drills; Tools > Hand tools; Workwear
 * products    DRILL (Drills), HAMMER (Hand tools), GLOVES and HELMET (Workwear), MANUAL (no group, VAT 7);
 *             VAT 20 unless said
 * price types retail (default), wholesale
 * prices      DRILL retail EUR 120 from 2025-01-01, 132.50 from 2025-07-01; retail PLN 499 from 2025-01-01;
 *             wholesale EUR 95 from 2025-01-01
 *             HAMMER retail EUR 18 from 2024-06-01, 19.99 from 2025-01-01; wholesale EUR 15 from 2025-01-01
 *             GLOVES retail EUR 8.99, retail JPY 1500, wholesale EUR 6.50; HELMET retail USD 25 (no wholesale);
 *             MANUAL retail EUR 12.34; all from 2025-01-01
 * customers   BAUMARKT category A, wholesale, own discount 3; JAN nothing; ANNA category A;
 *             GHOST price type that does not exist
 * rules       BAUMARKT on Power tools 10 (open); BAUMARKT all products 5 (2025-01-01..2025-03-31);
 *             category A on Tools 7, on Power tools 6, on all products 4 (open);
 *             everyone on Power tools 15 (2025-11-01..2025-11-30) and 12 (2025-11-01..2025-11-15);
 *             everyone on Tools 2 (2024-01-01..2024-12-31)
 * </pre>
 */
final class TestCatalog {

    static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);

    private final Map<String, String> ids = new HashMap<>();

    /** The id of the row called {@code name} in the table above. */
    String id(String name) {
        String found = ids.get(name);
        if (found == null) {
            throw new IllegalArgumentException("no row " + name + " in the test catalogue");
        }
        return found;
    }

    static TestCatalog build(Node node) {
        TestCatalog catalog = new TestCatalog();
        node.writer().write(changes -> {
            catalog.fill(changes);
            return null;
        });
        return catalog;
    }

    private void fill(Changes c) {
        currency(c, "EUR", 2);
        currency(c, "USD", 2);
        currency(c, "PLN", 2);
        currency(c, "JPY", 0);
        rate(c, "USD", JAN_1, "0.8");
        rate(c, "USD", LocalDate.of(2025, 6, 1), "0.9");
        rate(c, "PLN", JAN_1, "0.25");
        rate(c, "PLN", LocalDate.of(2025, 6, 1), "0.24");
        rate(c, "JPY", LocalDate.of(2025, 2, 1), "0.00625");
        rate(c, "GBP", JAN_1, "0.85");

        group(c, "Tools", null);
        group(c, "Power tools", "Tools");
        group(c, "Drills", "Power tools");
        group(c, "Hand tools", "Tools");
        group(c, "Workwear", null);
        product(c, "DRILL", "Drills", "20");
        product(c, "HAMMER", "Hand tools", "20");
        product(c, "GLOVES", "Workwear", "20");
        product(c, "HELMET", "Workwear", "20");
        product(c, "MANUAL", null, "7");

        ids.put("retail", c.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("retail"), "name", Value.of("Retail"),
                "is_default", Value.of(true))));
        ids.put("wholesale", c.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("wholesale"), "name", Value.of("Wholesale"),
                "is_default", Value.of(false))));
        price(c, "DRILL", "retail", "EUR", "120", JAN_1);
        price(c, "DRILL", "retail", "EUR", "132.5", LocalDate.of(2025, 7, 1));
        price(c, "DRILL", "retail", "PLN", "499", JAN_1);
        price(c, "DRILL", "wholesale", "EUR", "95", JAN_1);
        price(c, "HAMMER", "retail", "EUR", "18", LocalDate.of(2024, 6, 1));
        price(c, "HAMMER", "retail", "EUR", "19.99", JAN_1);
        price(c, "HAMMER", "wholesale", "EUR", "15", JAN_1);
        price(c, "GLOVES", "retail", "EUR", "8.99", JAN_1);
        price(c, "GLOVES", "retail", "JPY", "1500", JAN_1);
        price(c, "GLOVES", "wholesale", "EUR", "6.5", JAN_1);
        price(c, "HELMET", "retail", "USD", "25", JAN_1);
        price(c, "MANUAL", "retail", "EUR", "12.34", JAN_1);

        counterparty(c, "BAUMARKT", "A", id("wholesale"), "3");
        counterparty(c, "JAN", null, null, null);
        counterparty(c, "ANNA", "A", null, null);
        counterparty(c, "GHOST", null, "0190-missing-price-type", null);

        rule(c, "baumarkt-power", id("BAUMARKT"), null, "Power tools", "10", JAN_1, null);
        rule(c, "baumarkt-all", id("BAUMARKT"), null, null, "5", JAN_1, LocalDate.of(2025, 3, 31));
        rule(c, "a-tools", null, "A", "Tools", "7", JAN_1, null);
        rule(c, "a-power", null, "A", "Power tools", "6", JAN_1, null);
        rule(c, "a-all", null, "A", null, "4", JAN_1, null);
        rule(c, "november-15", null, null, "Power tools", "15", LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30));
        rule(c, "november-12", null, null, "Power tools", "12", LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 15));
        rule(c, "tools-2024", null, null, "Tools", "2", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    }

    private void currency(Changes c, String code, int minorUnits) {
        c.insert(Schema.CURRENCY, Map.of("code", Value.of(code), "name", Value.of(code), "minor_units", Value.of(minorUnits)));
    }

    private void rate(Changes c, String currency, LocalDate date, String rate) {
        c.insert(Schema.EXCHANGE_RATE, Map.of("currency", Value.of(currency), "rate_date", Value.of(date),
                "rate", Value.of(new BigDecimal(rate))));
    }

    private void group(Changes c, String name, String parent) {
        put(c, Schema.PRODUCT_GROUP, name, Map.of("name", Value.of(name), "parent_id", ref(parent)));
    }

    private void product(Changes c, String sku, String group, String vatRate) {
        put(c, Schema.PRODUCT, sku, Map.of("sku", Value.of(sku), "name", Value.of(sku.toLowerCase()),
                "group_id", ref(group), "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal(vatRate)),
                "kind", Value.of("goods"), "active", Value.of(true)));
    }

    private void price(Changes c, String sku, String type, String currency, String amount, LocalDate from) {
        c.insert(Schema.PRICE, Map.of("product_id", Value.of(id(sku)), "price_type_id", Value.of(id(type)),
                "currency", Value.of(currency), "amount", Value.of(new BigDecimal(amount)), "valid_from", Value.of(from)));
    }

    private void counterparty(Changes c, String name, String category, String priceType, String discount) {
        put(c, Schema.COUNTERPARTY, name, Map.of("kind", Value.of("organisation"), "name", Value.of(name),
                "owning_branch", Value.of("MSK"), "active", Value.of(true), "category", Value.of(category),
                "price_type_id", Value.of(priceType), "discount", Value.of(discount == null ? null : new BigDecimal(discount))));
    }

    private void rule(Changes c, String name, String counterparty, String category, String group, String percent,
            LocalDate from, LocalDate to) {
        put(c, Schema.DISCOUNT_RULE, name, Map.of("counterparty_id", Value.of(counterparty),
                "customer_category", Value.of(category), "product_group_id", ref(group),
                "percent", Value.of(new BigDecimal(percent)), "valid_from", Value.of(from), "valid_to", Value.of(to)));
    }

    private Value ref(String name) {
        return name == null ? Value.NULL : Value.of(id(name));
    }

    private void put(Changes c, Table table, String name, Map<String, Value> values) {
        ids.put(name, c.insert(table, values));
    }
}
