package dev.filial.node.stock;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warehouses and products for stock tests, written through the write path of an MSK node.
 *
 * <pre>
 * warehouses  MAIN and BACK of MSK; SPB-1 of SPB; CENTRAL of HQ, shared
 * products    NAIL (kg), BOLT (pcs), GLUE (pcs)
 * customer    BUYER
 * </pre>
 */
final class StockFixture {

    static final Actor CLERK = new Actor("clerk", Role.MANAGER);
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private final Map<String, String> ids = new HashMap<>();

    String id(String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no " + name + " in the fixture");
        }
        return id;
    }

    static StockFixture build(Node node) {
        StockFixture fixture = new StockFixture();
        node.writer().write(changes -> {
            fixture.warehouse(changes, "MAIN", "MSK", false);
            fixture.warehouse(changes, "BACK", "MSK", false);
            fixture.warehouse(changes, "SPB-1", "SPB", false);
            fixture.warehouse(changes, "CENTRAL", "HQ", true);
            fixture.product(changes, "NAIL", "kg");
            fixture.product(changes, "BOLT", "pcs");
            fixture.product(changes, "GLUE", "pcs");
            fixture.ids.put("BUYER", changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organization"),
                    "name", Value.of("Buyer"), "owning_branch", Value.of("MSK"), "active", Value.of(true))));
            return null;
        });
        return fixture;
    }

    private void warehouse(Changes changes, String code, String branch, boolean shared) {
        ids.put(code, changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of(code), "name", Value.of(code),
                "owning_branch", Value.of(branch), "shared", Value.of(shared), "active", Value.of(true))));
    }

    private void product(Changes changes, String sku, String unit) {
        ids.put(sku, changes.insert(Schema.PRODUCT, Map.of("sku", Value.of(sku), "name", Value.of(sku),
                "unit", Value.of(unit), "vat_rate", Value.of(new BigDecimal("20")), "kind", Value.of("goods"),
                "active", Value.of(true))));
    }

    /** A document's JSON: kind, warehouse, date DAY, and lines of (product, quantity) pairs. */
    Map<String, Object> document(String kind, String warehouse, Object... lines) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("warehouse_id", id(warehouse));
        json.put("doc_date", DAY.toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            String field = kind.equals("inventory") ? "counted" : "quantity";
            rows.add(Map.of("product_id", id((String) lines[i]), field, lines[i + 1]));
        }
        json.put("lines", rows);
        return json;
    }

    /** Creates and posts a document; returns it as posted. */
    static Map<String, Object> posted(Node node, Map<String, Object> json) {
        Map<String, Object> draft = node.stock().create(CLERK, json);
        return node.stock().post(CLERK, (String) draft.get("id"));
    }

    /** On hand and reserved of a product in a warehouse, as plain strings ("7.000/0.000"). */
    String balance(Node node, String warehouse, String product) {
        StockBalances balances = new StockBalances(node.database().dialect());
        Balance balance = node.database().read(c -> balances.of(c, id(warehouse), List.of(id(product))))
                .get(id(product));
        return balance.onHand().toPlainString() + "/" + balance.reserved().toPlainString();
    }

    /** Inserts a customer order row as the sales services would (for reservations). */
    String order(Node node) {
        return node.writer().write(changes -> changes.insert(Schema.SALES_DOCUMENT, Map.ofEntries(
                Map.entry("kind", Value.of("order")), Map.entry("number", Value.of("MSK-OR-000001")),
                Map.entry("doc_date", Value.of(DAY)), Map.entry("status", Value.of("confirmed")),
                Map.entry("counterparty_id", Value.of(id("BUYER"))), Map.entry("currency", Value.of("EUR")),
                Map.entry("warehouse_id", Value.of(id("MAIN"))), Map.entry("net", Value.of(BigDecimal.ZERO)),
                Map.entry("vat", Value.of(BigDecimal.ZERO)), Map.entry("gross", Value.of(BigDecimal.ZERO)),
                Map.entry("owning_branch", Value.of("MSK")))));
    }
}
