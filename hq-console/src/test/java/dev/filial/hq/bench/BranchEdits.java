package dev.filial.hq.bench;

import dev.filial.node.Node;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Repeatable local edits at the branch (MSK), captured through its write path, that HQ accepts without
 * conflict and routes on. Two mixes:
 * <ul>
 *   <li>{@code crm}: counterparties owned by MSK and assigned to agent AG1 (so both receive them): 20 %
 *       inserts of whole counterparties, 30 % inserts of contact persons of recent counterparties, 50 %
 *       updates of 1 to 3 columns of recent counterparties (name, manager, note, segment, category, credit
 *       limit, payment days);</li>
 *   <li>{@code products}: reference data, routed to every node: 30 % product inserts, 70 % updates of
 *       1 to 3 columns of recent products.</li>
 * </ul>
 * Updates and contacts pick among the last {@link #RECENT} rows inserted, so memory stays bounded
 * whatever the number of changes.
 */
final class BranchEdits {

    static final int RECENT = 10_000;
    private static final String[] WORDS = {"North", "Trade", "Group", "Alfa", "Service", "Logistic", "Market",
            "Union", "Vector", "Prime", "Delta", "Ural", "Volga", "Baltic", "Siberia", "Retail"};
    private static final String[] SEGMENTS = {"retail", "wholesale", "horeca", "state", "online", "export"};
    private static final String[] MANAGERS = {"ivanova", "petrov", "sidorov", "kuznetsova", "smirnov", "volkova"};
    private static final String[] EDITED = {"name", "name", "manager", "note", "note", "segment", "category",
            "credit_limit", "payment_days"};
    private static final String[] PRODUCT_EDITED = {"name", "name", "barcode", "vat_rate", "active", "unit"};
    private static final String[] UNITS = {"pcs", "kg", "l", "m", "box"};

    private final String mix;
    private final Random random;
    private final String[] recent = new String[RECENT];
    private long inserted;
    private long serial;

    BranchEdits(String mix, long seed) {
        if (!List.of("crm", "products").contains(mix)) {
            throw new IllegalArgumentException("mix is crm or products, not " + mix);
        }
        this.mix = mix;
        this.random = new Random(seed);
    }

    /** The tables the mix writes, to compare row counts across nodes. */
    List<Table> tables() {
        return mix.equals("crm") ? List.of(Schema.COUNTERPARTY, Schema.CONTACT_PERSON) : List.of(Schema.PRODUCT);
    }

    /** Captures {@code changes} row changes at {@code node}, {@code perTx} per local transaction. */
    void write(Node node, long changes, int perTx) {
        long done = 0;
        while (done < changes) {
            int size = (int) Math.min(perTx, changes - done);
            done += node.writer().write(edit -> {
                int recorded = 0;
                while (recorded < size) {
                    recorded += one(edit) ? 1 : 0;
                }
                return recorded;
            });
        }
    }

    /** One row write; false when an update happened to change nothing. */
    private boolean one(Changes edit) {
        double roll = random.nextDouble();
        boolean crm = mix.equals("crm");
        Table table = crm ? Schema.COUNTERPARTY : Schema.PRODUCT;
        if (inserted == 0 || roll < (crm ? 0.2 : 0.3)) {
            String id = edit.insert(table, crm ? counterparty() : product());
            recent[(int) (inserted++ % RECENT)] = id;
            return true;
        }
        String target = recent[random.nextInt((int) Math.min(inserted, RECENT))];
        if (crm && roll < 0.5) {
            edit.insert(Schema.CONTACT_PERSON, contact(target));
            return true;
        }
        return edit.update(table, target, crm ? counterpartyEdit() : productEdit());
    }

    private Map<String, Value> counterparty() {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("kind", Value.of(random.nextInt(5) == 0 ? "person" : "organisation"));
        row.put("name", Value.of(words(3) + " " + random.nextInt(1_000_000)));
        row.put("tax_id", Value.of(String.format(Locale.ROOT, "77%010d", ++serial)));
        row.put("category", Value.of("cat-" + random.nextInt(20)));
        row.put("segment", Value.of(SEGMENTS[random.nextInt(SEGMENTS.length)]));
        row.put("owning_branch", Value.of(BenchNetwork.BRANCH.toString()));
        row.put("manager", Value.of(MANAGERS[random.nextInt(MANAGERS.length)]));
        row.put("credit_limit", Value.of(BigDecimal.valueOf(random.nextInt(10_000_000), 2)));
        row.put("payment_days", Value.of(random.nextInt(90)));
        row.put("discount", Value.of(BigDecimal.valueOf(random.nextInt(2_000), 2)));
        row.put("note", random.nextInt(3) == 0 ? Value.of(words(8)) : Value.NULL);
        row.put("active", Value.of(true));
        row.put("agent", Value.of(BenchNetwork.AGENT.toString()));
        return row;
    }

    private Map<String, Value> contact(String counterparty) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("counterparty_id", Value.of(counterparty));
        row.put("name", Value.of(words(2) + " " + random.nextInt(10_000)));
        row.put("position", Value.of(random.nextBoolean() ? "buyer" : "director"));
        row.put("department", random.nextInt(3) == 0 ? Value.of("purchasing") : Value.NULL);
        return row;
    }

    private Map<String, Value> counterpartyEdit() {
        Map<String, Value> edit = new LinkedHashMap<>();
        int columns = 1 + random.nextInt(3);
        while (edit.size() < columns) {
            String column = EDITED[random.nextInt(EDITED.length)];
            int n = random.nextInt(1_000_000);
            edit.put(column, switch (column) {
                case "name" -> Value.of(words(3) + " " + n);
                case "manager" -> Value.of(MANAGERS[random.nextInt(MANAGERS.length)] + "-" + n % 100);
                case "note" -> Value.of(words(6) + " " + n);
                case "segment" -> Value.of(SEGMENTS[random.nextInt(SEGMENTS.length)] + "-" + n % 50);
                case "category" -> Value.of("cat-" + n % 1000);
                case "credit_limit" -> Value.of(BigDecimal.valueOf(n * 10L, 2));
                default -> Value.of(n % 365);
            });
        }
        return edit;
    }

    private Map<String, Value> product() {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("sku", Value.of("SKU-" + (++serial)));
        row.put("name", Value.of(words(4)));
        row.put("unit", Value.of(UNITS[random.nextInt(UNITS.length)]));
        row.put("barcode", Value.of(String.format(Locale.ROOT, "46%011d", random.nextInt(Integer.MAX_VALUE))));
        row.put("vat_rate", Value.of(BigDecimal.valueOf(random.nextInt(3) == 0 ? 1000 : 2000, 2)));
        row.put("kind", Value.of(random.nextInt(10) == 0 ? "service" : "goods"));
        row.put("active", Value.of(true));
        return row;
    }

    private Map<String, Value> productEdit() {
        Map<String, Value> edit = new LinkedHashMap<>();
        int columns = 1 + random.nextInt(3);
        while (edit.size() < columns) {
            String column = PRODUCT_EDITED[random.nextInt(PRODUCT_EDITED.length)];
            int n = random.nextInt(1_000_000);
            edit.put(column, switch (column) {
                case "name" -> Value.of(words(4) + " " + n);
                case "barcode" -> Value.of(String.format(Locale.ROOT, "46%011d", n));
                case "vat_rate" -> Value.of(BigDecimal.valueOf(n % 2 == 0 ? 1000 : 2000, 2));
                case "active" -> Value.of(n % 2 == 0);
                default -> Value.of(UNITS[n % UNITS.length]);
            });
        }
        return edit;
    }

    private String words(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }
}
