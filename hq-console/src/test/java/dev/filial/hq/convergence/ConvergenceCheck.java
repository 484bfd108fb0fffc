package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.routing.Router;
import dev.filial.node.Node;
import dev.filial.node.access.Users;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What must hold once the network has drained (BRIEF sections 1 and 11): every queue empty, and every
 * node holding exactly HQ's rows restricted to its scope. The scope is computed by an independent model
 * of the routing rules for the tables the schedules write (a counterparty belongs to its owning branch
 * and its agent, a contact person goes where its counterparty goes, an activity there and to its own
 * owning branch, a user to its home node or everywhere, reference data goes everywhere; a warehouse's
 * ledger entries and reservations go to its owning branch, or everywhere when it is shared; a stock document
 * where the stock of its warehouses goes, to its owning branch and where its counterparty goes; sales
 * documents, deals and payments to their owning branch and where their counterparty goes; lines and
 * allocations with their parent), and HQ's {@link Router} must agree with that model on every row. The stock
 * and sales invariants are checked by {@link #stock}. Lost writes and double application
 * are checked by {@link WriteAccounting}.
 */
final class ConvergenceCheck {

    private static final int SHOWN = 12;

    private final TrialNetwork network;
    /** The rows of each site as {@link #scopes} read them (HQ under its code), for {@link #stock}. */
    private final Map<String, Contents> read = new HashMap<>();

    ConvergenceCheck(TrialNetwork network) {
        this.network = network;
    }

    /**
     * No captured change waits anywhere, no batch is unacknowledged or held, and the quarantines hold
     * exactly the damaged files refused ({@code quarantined}, by receiver as {@link FaultyTransport} counts).
     */
    void quiescent(Map<Integer, Integer> quarantined) {
        Hub hub = network.hub();
        assertThat(count(hub.node(), "SELECT COUNT(*) FROM change_log")).as("HQ's change log").isZero();
        assertThat(count(hub.node(), "SELECT COUNT(*) FROM inbound_held")).as("batches held at HQ").isZero();
        assertThat(hub.node().quarantine().list()).as("HQ's quarantine")
                .hasSize(quarantined.getOrDefault(FaultyTransport.HUB, 0));
        for (int i = 0; i < network.nodes().size(); i++) {
            Node node = network.node(i);
            NodeCode code = network.code(i);
            assertThat(count(node, "SELECT COUNT(*) FROM change_log")).as("unacknowledged changes at " + code).isZero();
            assertThat(count(node, "SELECT COUNT(*) FROM inbound_held")).as("batches held at " + code).isZero();
            assertThat(node.quarantine().list()).as("quarantine of " + code).hasSize(quarantined.getOrDefault(i, 0));
            assertThat(node.outbox().channel(node.config().hub()).backlog()).as(code + "'s batches not acknowledged")
                    .isZero();
            assertThat(hub.node().outbox().channel(code).backlog()).as("HQ's batches to %s not acknowledged", code)
                    .isZero();
            long sent = hub.node().outbox().channel(code).lastAssigned();
            long committed = node.database().read(connection -> new ChannelStore().inbound(connection,
                    node.config().hub()).lastCommitted());
            assertThat(committed).as(code + " committed HQ's last batch").isEqualTo(sent);
        }
    }

    /** Every node holds HQ's rows of its scope, exactly, and HQ's router agrees with the scope model. */
    void scopes() {
        Hub hub = network.hub();
        Contents central = Contents.of(hub.node());
        read.put(hub.code().toString(), central);
        Router router = hub.node().database().read(connection -> hub.consolidator().router(connection));
        Router.Rows lookup = central::find;
        for (int i = 0; i < network.nodes().size(); i++) {
            NodeCode code = network.code(i);
            Map<String, Map<String, Map<String, Value>>> expected = new TreeMap<>();
            for (Map.Entry<String, Map<String, Map<String, Value>>> table : central.tables().entrySet()) {
                Table schema = Schema.table(table.getKey()).orElseThrow();
                Map<String, Map<String, Value>> rows = new TreeMap<>();
                table.getValue().forEach((id, row) -> {
                    boolean held = holds(code.toString(), schema, row, central);
                    assertThat(router.audience(schema, row, lookup).includes(code))
                            .as("HQ's router on %s %s %s for %s", schema.name(), id, row, code).isEqualTo(held);
                    if (held) {
                        rows.put(id, row);
                    }
                });
                expected.put(table.getKey(), rows);
            }
            Contents held = Contents.of(network.node(i));
            read.put(code.toString(), held);
            List<String> differences = new Contents(expected).differences(held, SHOWN);
            assertThat(differences).as("rows of %s against HQ's view of its scope", code).isEmpty();
        }
    }

    /** The scope model: whether node {@code code} should hold {@code row}. */
    static boolean holds(String code, Table table, Map<String, Value> row, Contents central) {
        if (table == Schema.COUNTERPARTY) {
            return Value.of(code).equals(row.get("owning_branch")) || Value.of(code).equals(row.get("agent"));
        }
        if (table == Schema.USER_ACCOUNT) {
            Value home = row.get("home_node");
            return Value.of(code).equals(home) || Value.of(Users.EVERY_NODE).equals(home);
        }
        if (table == Schema.CONTACT_PERSON || table == Schema.CONTACT_POINT || table == Schema.ACTIVITY) {
            boolean own = table == Schema.ACTIVITY && Value.of(code).equals(row.get("owning_branch"));
            return own || row.get("counterparty_id") instanceof Value.Text id
                    && central.find(Schema.COUNTERPARTY, id.value())
                    .map(counterparty -> holds(code, Schema.COUNTERPARTY, counterparty, central)).orElse(false);
        }
        if (table == Schema.STOCK_ENTRY || table == Schema.STOCK_RESERVATION) {
            return holdsStock(code, row.get("warehouse_id"), central);
        }
        if (table == Schema.STOCK_DOCUMENT) {
            // a transfer's receipt also goes where the transfer goes
            return holdsStock(code, row.get("warehouse_id"), central)
                    || holdsStock(code, row.get("target_warehouse_id"), central)
                    || ownOrCounterparty(code, row, central)
                    || row.get("transfer_id") instanceof Value.Text transfer
                    && central.find(Schema.STOCK_DOCUMENT, transfer.value())
                    .map(found -> holds(code, Schema.STOCK_DOCUMENT, found, central)).orElse(false);
        }
        if (table == Schema.DEAL || table == Schema.SALES_DOCUMENT || table == Schema.PAYMENT) {
            return ownOrCounterparty(code, row, central);
        }
        if (table == Schema.STOCK_LINE || table == Schema.SALES_LINE || table == Schema.PAYMENT_ALLOCATION) {
            Table parent = table == Schema.STOCK_LINE ? Schema.STOCK_DOCUMENT
                    : table == Schema.SALES_LINE ? Schema.SALES_DOCUMENT : Schema.PAYMENT;
            Value id = row.get(table == Schema.PAYMENT_ALLOCATION ? "payment_id" : "document_id");
            return id instanceof Value.Text parentId && central.find(parent, parentId.value())
                    .map(found -> holds(code, parent, found, central)).orElse(false);
        }
        if (table == Schema.DISCOUNT_RULE || table == Schema.AUDIT_ENTRY) {
            throw new IllegalStateException("the schedules do not write " + table.name() + "; extend the model first");
        }
        return true;
    }

    /** Whether node {@code code} holds the stock of warehouse {@code id}: its own, or a shared one. */
    static boolean holdsStock(String code, Value id, Contents central) {
        return id instanceof Value.Text warehouseId && central.find(Schema.WAREHOUSE, warehouseId.value())
                .map(warehouse -> Value.of(true).equals(warehouse.get("shared"))
                        || Value.of(code).equals(warehouse.get("owning_branch"))).orElse(false);
    }

    /** Whether a document's own {@code owning_branch} is {@code code}, or its counterparty goes there. */
    private static boolean ownOrCounterparty(String code, Map<String, Value> row, Contents central) {
        return Value.of(code).equals(row.get("owning_branch")) || row.get("counterparty_id") instanceof Value.Text id
                && central.find(Schema.COUNTERPARTY, id.value())
                .map(counterparty -> holds(code, Schema.COUNTERPARTY, counterparty, central)).orElse(false);
    }

    /**
     * The stock at HQ and at every node: the balance summary equals the ledger ({@code StockBalances.verify});
     * the ledger agrees with the documents (the entries of every posted or reversed document sum, per warehouse
     * whose stock the site holds and product, to what its lines say: a receipt adds, an issue takes out, a
     * transfer takes out of its warehouse and adds to its target when the node that posted it held the target's
     * stock, an inventory moves its lines' quantities, a reversal undoes its original; a draft has no entries);
     * an order's reservations sum, per product, to what is still unshipped while it is confirmed, and to
     * nothing once shipped or cancelled; and at HQ no document is undone by more than one reversal in force
     * and no invoice is allocated more than its gross.
     */
    void stock() {
        Hub hub = network.hub();
        String hq = hub.code().toString();
        stock(hub.node(), hq, hq);
        for (int i = 0; i < network.nodes().size(); i++) {
            stock(network.node(i), network.code(i).toString(), hq);
        }
        Map<String, String> twice = pairs(hub.node(), "SELECT reverses_id, COUNT(*) FROM stock_document"
                + " WHERE reverses_id IS NOT NULL AND status = 'posted' GROUP BY reverses_id HAVING COUNT(*) > 1");
        assertThat(twice).as("documents undone by more than one reversal in force at HQ").isEmpty();
        assertThat(overAllocated(read.getOrDefault(hq, Contents.of(hub.node()))))
                .as("invoices allocated more than their gross at HQ").isEmpty();
    }

    private void stock(Node site, String code, String hq) {
        List<String> differences = site.database().read(connection ->
                new StockBalances(site.database().dialect()).verify(connection));
        assertThat(differences).as("stock summary against the ledger at %s", code).isEmpty();
        Contents contents = read.containsKey(code) ? read.get(code) : Contents.of(site);
        Map<String, Map<String, BigDecimal>> entries = new HashMap<>();
        contents.rows(Schema.STOCK_ENTRY).values().forEach(entry -> entries.computeIfAbsent(
                text(entry.get("document_id")), id -> new TreeMap<>()).merge(text(entry.get("warehouse_id")) + "/"
                + text(entry.get("product_id")), decimal(entry.get("quantity")), BigDecimal::add));
        List<String> disagree = new ArrayList<>();
        for (Map.Entry<String, Map<String, Value>> document : contents.rows(Schema.STOCK_DOCUMENT).entrySet()) {
            Map<String, Value> header = document.getValue();
            Map<String, BigDecimal> actual = nonZero(entries.getOrDefault(document.getKey(), Map.of()));
            Map<String, BigDecimal> expected = new TreeMap<>();
            if (!Value.of("draft").equals(header.get("status"))) {
                expected(document.getKey(), contents, hq).forEach((key, quantity) -> {
                    String warehouse = key.substring(0, key.indexOf('/'));
                    if (code.equals(hq) || holdsStock(code, Value.of(warehouse), contents)) {
                        expected.put(key, quantity);
                    }
                });
            }
            if (!nonZero(expected).equals(actual)) {
                disagree.add(header.get("number") + " " + header.get("kind") + " " + header.get("status")
                        + ": lines say " + nonZero(expected) + ", ledger has " + actual);
            }
        }
        assertThat(disagree).as("stock documents whose ledger entries disagree with their lines at %s", code)
                .isEmpty();
        assertThat(reservations(contents, code, hq)).as("orders whose reservations are not what is unshipped at %s",
                code).isEmpty();
    }

    /**
     * Orders (whose warehouse's stock the site holds) whose reservations do not sum, per product, to what is
     * still unshipped while the order is confirmed or on hold (ordered less the lines of its posted shipments),
     * or to nothing otherwise.
     */
    private static List<String> reservations(Contents contents, String code, String hq) {
        Map<String, Map<String, BigDecimal>> reserved = new HashMap<>();
        contents.rows(Schema.STOCK_RESERVATION).values().forEach(row -> reserved.computeIfAbsent(
                text(row.get("order_id")), id -> new TreeMap<>()).merge(text(row.get("product_id")),
                decimal(row.get("quantity")), BigDecimal::add));
        Map<String, Map<String, BigDecimal>> open = new HashMap<>();
        contents.rows(Schema.SALES_LINE).values().forEach(line -> open.computeIfAbsent(
                text(line.get("document_id")), id -> new TreeMap<>()).merge(text(line.get("product_id")),
                decimal(line.get("quantity")), BigDecimal::add));
        for (Map<String, Value> shipment : contents.rows(Schema.STOCK_DOCUMENT).values()) {
            if (Value.of("shipment").equals(shipment.get("kind"))
                    && Value.of("posted").equals(shipment.get("status"))) {
                String order = text(shipment.get("order_id"));
                contents.rows(Schema.STOCK_LINE).forEach((id, line) -> {
                    if (contents.find(Schema.STOCK_DOCUMENT, text(line.get("document_id"))).orElseThrow()
                            == shipment) {
                        open.computeIfAbsent(order, o -> new TreeMap<>()).merge(text(line.get("product_id")),
                                decimal(line.get("quantity")).negate(), BigDecimal::add);
                    }
                });
            }
        }
        List<String> wrong = new ArrayList<>();
        contents.rows(Schema.SALES_DOCUMENT).forEach((id, order) -> {
            if (!Value.of("order").equals(order.get("kind"))
                    || !code.equals(hq) && !holdsStock(code, order.get("warehouse_id"), contents)) {
                return;
            }
            boolean reserving = Value.of("confirmed").equals(order.get("status"))
                    || Value.of("on_hold").equals(order.get("status"));
            Map<String, BigDecimal> expected = reserving ? nonZero(open.getOrDefault(id, Map.of())) : Map.of();
            Map<String, BigDecimal> actual = nonZero(reserved.getOrDefault(id, Map.of()));
            if (!expected.equals(actual)) {
                wrong.add(order.get("number") + " " + order.get("status") + ": unshipped " + expected + ", reserved "
                        + actual);
            }
        });
        return wrong;
    }

    /** At HQ, invoices whose allocations sum below zero or above their gross. */
    private static List<String> overAllocated(Contents central) {
        Map<String, BigDecimal> allocated = new HashMap<>();
        central.rows(Schema.PAYMENT_ALLOCATION).values().forEach(row -> allocated.merge(text(row.get("invoice_id")),
                decimal(row.get("amount")), BigDecimal::add));
        List<String> wrong = new ArrayList<>();
        allocated.forEach((invoice, amount) -> {
            Map<String, Value> row = central.find(Schema.SALES_DOCUMENT, invoice).orElse(Map.of());
            if (amount.signum() < 0 || amount.compareTo(decimal(row.get("gross"))) > 0) {
                wrong.add(row.get("number") + " gross " + row.get("gross") + ", allocated " + amount);
            }
        });
        return wrong;
    }

    /**
     * What the lines of posted document {@code id} put into the ledger, per warehouse and product, in every
     * warehouse (the caller keeps those whose stock a site holds).
     */
    private static Map<String, BigDecimal> expected(String id, Contents contents, String hq) {
        Map<String, Value> header = contents.find(Schema.STOCK_DOCUMENT, id).orElseThrow(() ->
                new AssertionError("a reversal's original " + id + " is missing"));
        Map<String, BigDecimal> moved = new TreeMap<>();
        if (header.get("reverses_id") instanceof Value.Text original) {
            expected(original.value(), contents, hq).forEach((key, quantity) -> moved.put(key, quantity.negate()));
            return moved;
        }
        String kind = text(header.get("kind"));
        String warehouse = text(header.get("warehouse_id"));
        String target = text(header.get("target_warehouse_id"));
        String poster = text(header.get("owning_branch"));
        boolean targetMoved = "transfer".equals(kind) && (poster.equals(hq)
                || holdsStock(poster, header.get("target_warehouse_id"), contents));
        for (Map<String, Value> line : contents.rows(Schema.STOCK_LINE).values()) {
            if (!Value.of(id).equals(line.get("document_id"))) {
                continue;
            }
            String product = text(line.get("product_id"));
            BigDecimal quantity = decimal(line.get("quantity"));
            boolean out = List.of("issue", "shipment", "transfer", "write_off").contains(kind);
            moved.merge(warehouse + "/" + product, out ? quantity.negate() : quantity, BigDecimal::add);
            if (targetMoved) {
                moved.merge(target + "/" + product, quantity, BigDecimal::add);
            }
        }
        return moved;
    }

    /** The quantities that are not zero, scale aside. */
    private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> quantities) {
        Map<String, BigDecimal> kept = new TreeMap<>();
        quantities.forEach((key, quantity) -> {
            if (quantity.signum() != 0) {
                kept.put(key, quantity.stripTrailingZeros());
            }
        });
        return kept;
    }

    private static String text(Value value) {
        return value instanceof Value.Text text ? text.value() : null;
    }

    private static BigDecimal decimal(Value value) {
        return value instanceof Value.Decimal decimal ? decimal.value() : BigDecimal.ZERO;
    }

    static long count(Node node, String sql) {
        return node.database().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Rows of a two-column query as a map, in query order. */
    static Map<String, String> pairs(Node node, String sql) {
        return node.database().read(connection -> {
            Map<String, String> found = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getString(2));
                }
            }
            return found;
        });
    }
}
