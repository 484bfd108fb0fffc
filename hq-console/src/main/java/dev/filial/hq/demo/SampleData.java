package dev.filial.hq.demo;

import dev.filial.hq.Hub;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo company's data, written at HQ: currencies and rates, a retail price list of a small catalog,
 * and customers of three branches (MSK and SPB offices, some of MSK's assigned to the agent AG1), each
 * with a contact person. SPB is not part of the demo network, so its customers stay at HQ.
 */
final class SampleData {

    private static final String[] CITIES = {"Volga", "Neva", "Kama", "Ural", "Oka", "Don", "Amur", "Lena"};
    private static final String[] TRADES = {"Trade", "Steel", "Foods", "Textiles"};
    private static final String[] PEOPLE = {"Anna Sokolova", "Ivan Petrov", "Olga Smirnova", "Pavel Orlov",
        "Irina Volkova", "Sergei Lebedev", "Maria Kozlova", "Dmitri Novikov"};
    private static final String[][] PRODUCTS = {
        {"Tools", "T-100", "Hammer 500 g", "990.00"},
        {"Tools", "T-101", "Screwdriver set", "1490.00"},
        {"Tools", "T-102", "Tape measure 5 m", "450.00"},
        {"Tools", "T-103", "Cordless drill", "7990.00"},
        {"Fasteners", "F-200", "Wood screws 4x40, 200 pcs", "390.00"},
        {"Fasteners", "F-201", "Anchor bolts M10", "650.00"},
        {"Fasteners", "F-202", "Nails 100 mm, 1 kg", "240.00"},
        {"Paint", "P-300", "Interior paint white 10 l", "3290.00"},
        {"Paint", "P-301", "Primer 5 l", "1590.00"},
        {"Paint", "P-302", "Roller 250 mm", "520.00"},
        {"Paint", "P-303", "Masking tape 50 m", "180.00"},
        {"Paint", "P-304", "Brush set", "610.00"}};

    private static final int CUSTOMERS = 24;
    private static final int SPB_DUPLICATED = 19;

    /** The first customer: the one both sides edit in the demo. */
    final String volgaTrade;
    /** An SPB customer's name and tax id, which the agent will enter again as a new customer. */
    final String spbName;
    final String spbTaxId;
    final List<String> agentCustomers = new ArrayList<>();
    final List<String> branchCustomers = new ArrayList<>();
    /** Products by SKU; HQ's shared central warehouse and the Moscow office's own. */
    final Map<String, String> products = new LinkedHashMap<>();
    String central;
    String moscowStore;

    private SampleData(String volgaTrade, String spbName, String spbTaxId) {
        this.volgaTrade = volgaTrade;
        this.spbName = spbName;
        this.spbTaxId = spbTaxId;
    }

    /** Writes the data at HQ, in one transaction. */
    static SampleData write(Hub hub) {
        return hub.write(changes -> {
            Map<String, String> products = catalog(changes);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String branch = i < 16 ? "MSK" : "SPB";
                Map<String, Value> row = new LinkedHashMap<>();
                row.put("kind", Value.of("organisation"));
                row.put("name", Value.of(name(i)));
                row.put("tax_id", Value.of(taxId(i)));
                row.put("category", Value.of(i % 3 == 0 ? "A" : "B"));
                row.put("owning_branch", Value.of(branch));
                row.put("credit_limit", Value.of(new BigDecimal(100_000 + i * 25_000)));
                row.put("payment_days", Value.of(14));
                row.put("active", Value.of(true));
                if (i < 6) {
                    row.put("agent", Value.of("AG1"));
                }
                String id = changes.insert(Schema.COUNTERPARTY, row);
                changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id", Value.of(id),
                        "name", Value.of(PEOPLE[i % PEOPLE.length]), "position", Value.of("Purchasing")));
                ids.add(id);
            }
            SampleData data = new SampleData(ids.get(0), name(SPB_DUPLICATED), taxId(SPB_DUPLICATED));
            data.agentCustomers.addAll(ids.subList(0, 6));
            data.branchCustomers.addAll(ids.subList(0, 16));
            data.products.putAll(products);
            data.warehouses(hub, changes);
            return data;
        });
    }

    private static String name(int customer) {
        return CITIES[customer % CITIES.length] + " " + TRADES[customer / CITIES.length % TRADES.length];
    }

    private static String taxId(int customer) {
        return String.valueOf(7_701_000_100L + customer * 7L);
    }

    /**
     * HQ's central warehouse, shared (every node may sell from it), with 40 cordless drills and 200 anchor
     * bolts received; the Moscow office's own store, empty until it receives goods.
     */
    private void warehouses(Hub hub, Changes changes) {
        central = changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of("CENTRAL"), "name",
                Value.of("Central warehouse"), "owning_branch", Value.of("HQ"), "shared", Value.of(true),
                "active", Value.of(true)));
        moscowStore = changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of("MSK-STORE"), "name",
                Value.of("Moscow office store"), "owning_branch", Value.of("MSK"), "shared", Value.of(false),
                "active", Value.of(true)));
        Actor keeper = new Actor("hq-stock", Role.MANAGER);
        String receipt = hub.node().stock().createDraft(changes, keeper, Map.of("kind", Value.of("receipt"),
                "warehouse_id", Value.of(central), "doc_date", Value.of(LocalDate.now())), List.of(
                Map.of("product_id", Value.of(products.get("T-103")), "quantity", Value.of(new BigDecimal("40"))),
                Map.of("product_id", Value.of(products.get("F-201")), "quantity", Value.of(new BigDecimal("200")))));
        hub.node().stock().post(changes, keeper, receipt);
    }

    private static Map<String, String> catalog(Changes changes) {
        LocalDate today = LocalDate.now();
        changes.insert(Schema.CURRENCY, Map.of("code", Value.of("RUB"), "name", Value.of("Russian rouble"),
                "minor_units", Value.of(2)));
        changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"), "minor_units",
                Value.of(2)));
        changes.insert(Schema.EXCHANGE_RATE, Map.of("currency", Value.of("EUR"), "rate_date", Value.of(today),
                "rate", Value.of(new BigDecimal("92.5"))));
        String retail = changes.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("RETAIL"), "name", Value.of("Retail"),
                "is_default", Value.of(true)));
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, String> products = new LinkedHashMap<>();
        for (String[] product : PRODUCTS) {
            String group = groups.computeIfAbsent(product[0], name -> changes.insert(Schema.PRODUCT_GROUP,
                    Map.of("name", Value.of(name), "code", Value.of(name.toUpperCase(Locale.ROOT)))));
            String id = changes.insert(Schema.PRODUCT, Map.of("sku", Value.of(product[1]), "name", Value.of(product[2]),
                    "group_id", Value.of(group), "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20")),
                    "kind", Value.of("goods"), "active", Value.of(true)));
            products.put(product[1], id);
            changes.insert(Schema.PRICE, Map.of("product_id", Value.of(id), "price_type_id", Value.of(retail),
                    "currency", Value.of("RUB"), "amount", Value.of(new BigDecimal(product[3])),
                    "valid_from", Value.of(today.withDayOfMonth(1))));
        }
        return products;
    }
}
