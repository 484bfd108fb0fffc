package dev.filial.hq.routing;

import dev.filial.hq.registry.HubNode;
import dev.filial.node.access.Users;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who gets a row: the rules of BRIEF section 6 over the row's own values.
 * <ul>
 *   <li>Reference data (currencies, rates, price types, product groups, products, prices, general
 *       discount rules) goes to every node, except price types (and their prices) that a node's group
 *       is not meant to see ({@link RoutingRules}).</li>
 *   <li>A counterparty goes to its owning branch and its assigned agent; its contact persons, contact
 *       points, activities and its own discount rules go wherever it goes. An activity also goes to its
 *       own owning branch.</li>
 *   <li>Deals, sales documents (quotes, orders, invoices) and payments go where their counterparty goes and
 *       to their own owning branch; a document's lines and a payment's allocations go where it goes.</li>
 *   <li>Warehouses and storage places, discount limits and closed periods go to every node. The stock of a
 *       warehouse (its ledger entries and reservations) goes to its owning branch, or to every node when the
 *       warehouse is shared; a stock document goes where the stock of its warehouses goes, to its owning
 *       branch and where its counterparty goes, and a transfer's receipt also where the transfer goes; its lines
 *       go where it goes.</li>
 *   <li>A user goes to the node it works at ({@code home_node}), or to every node for {@code *}; HQ's
 *       own users stay at HQ.</li>
 *   <li>The audit log stays at HQ.</li>
 * </ul>
 * Codes that name no enrolled, unrevoked node (HQ itself, a node not enrolled yet) are dropped.
 */
public final class Router {

    /** Rows the router needs besides the one it routes: a child's counterparty, a price's price type. */
    public interface Rows {
        Optional<Map<String, Value>> find(Table table, String id);
    }

    /** A reference by which rows of {@code table} go wherever the row named in {@code column} goes. */
    public record Follower(Table table, String column) {
    }

    /**
     * Per parent table, the rows that go where the parent goes: when a parent's audience changes they move
     * with it (and their own followers with them).
     */
    private static final Map<Table, List<Follower>> FOLLOWERS = Map.of(
            Schema.COUNTERPARTY, List.of(new Follower(Schema.CONTACT_PERSON, "counterparty_id"),
                    new Follower(Schema.CONTACT_POINT, "counterparty_id"),
                    new Follower(Schema.ACTIVITY, "counterparty_id"),
                    new Follower(Schema.DISCOUNT_RULE, "counterparty_id"), new Follower(Schema.DEAL, "counterparty_id"),
                    new Follower(Schema.SALES_DOCUMENT, "counterparty_id"),
                    new Follower(Schema.STOCK_DOCUMENT, "counterparty_id"),
                    new Follower(Schema.PAYMENT, "counterparty_id")),
            Schema.SALES_DOCUMENT, List.of(new Follower(Schema.SALES_LINE, "document_id")),
            Schema.STOCK_DOCUMENT, List.of(new Follower(Schema.STOCK_LINE, "document_id")),
            Schema.PAYMENT, List.of(new Follower(Schema.PAYMENT_ALLOCATION, "payment_id")));

    private final RoutingRules rules;
    private final Map<NodeCode, HubNode> nodes;
    private final boolean restricted;

    public Router(RoutingRules rules, List<HubNode> enrolled) {
        this.rules = rules;
        this.nodes = new TreeMap<>(Comparator.comparing(NodeCode::toString));
        boolean anyRestricted = false;
        for (HubNode node : enrolled) {
            if (!node.revoked()) {
                nodes.put(node.code(), node);
                anyRestricted |= rules.priceTypes(node.group()).isPresent();
            }
        }
        this.restricted = anyRestricted;
    }

    /** Every enrolled node not revoked. */
    public List<NodeCode> everyone() {
        return new ArrayList<>(nodes.keySet());
    }

    /** The rows that go where a row of {@code parent} goes (none for most tables). */
    public static List<Follower> followers(Table parent) {
        return FOLLOWERS.getOrDefault(parent, List.of());
    }

    /** The nodes that hold {@code row} of {@code table} (values without id), given the rows it refers to. */
    public Audience audience(Table table, Map<String, Value> row, Rows rows) {
        switch (table.name()) {
            case "audit_entry":
                return Audience.NONE;
            case "user_account":
                return Users.EVERY_NODE.equals(text(row.get("home_node"))) ? Audience.ALL
                        : Audience.of(enrolled(row.get("home_node")).map(Set::of).orElse(Set.of()));
            case "counterparty":
                return Audience.of(counterpartyNodes(row));
            case "contact_person":
            case "contact_point":
                return Audience.of(ofCounterparty(row.get("counterparty_id"), rows));
            case "activity": {
                Set<NodeCode> to = ofCounterparty(row.get("counterparty_id"), rows);
                enrolled(row.get("owning_branch")).ifPresent(to::add);
                return Audience.of(to);
            }
            case "discount_rule":
                return isNull(row.get("counterparty_id")) ? Audience.ALL
                        : Audience.of(ofCounterparty(row.get("counterparty_id"), rows));
            case "price_type":
                return priceTypeAudience(text(row.get("code")));
            case "price":
                return priceTypeAudience(textOf(row.get("price_type_id"))
                        .flatMap(id -> rows.find(Schema.PRICE_TYPE, id)).map(type -> text(type.get("code"))).orElse(null));
            case "deal":
            case "sales_document":
            case "payment": {
                Set<NodeCode> to = ofCounterparty(row.get("counterparty_id"), rows);
                enrolled(row.get("owning_branch")).ifPresent(to::add);
                return Audience.of(to);
            }
            case "sales_line":
                return ofParent(Schema.SALES_DOCUMENT, row.get("document_id"), rows);
            case "payment_allocation":
                return ofParent(Schema.PAYMENT, row.get("payment_id"), rows);
            case "stock_line":
                return ofParent(Schema.STOCK_DOCUMENT, row.get("document_id"), rows);
            case "stock_entry":
            case "stock_reservation":
                return stockOf(row.get("warehouse_id"), rows);
            case "stock_document": {
                Audience stock = stockOf(row.get("warehouse_id"), rows);
                Audience target = stockOf(row.get("target_warehouse_id"), rows);
                // the receipt of a transfer goes where the transfer goes: its sender must see it was received
                Audience transfer = ofParent(Schema.STOCK_DOCUMENT, row.get("transfer_id"), rows);
                if (stock.all() || target.all() || transfer.all()) {
                    return Audience.ALL;
                }
                Set<NodeCode> to = ofCounterparty(row.get("counterparty_id"), rows);
                to.addAll(stock.nodes(List.of()));
                to.addAll(target.nodes(List.of()));
                to.addAll(transfer.nodes(List.of()));
                enrolled(row.get("owning_branch")).ifPresent(to::add);
                return Audience.of(to);
            }
            default:
                return Audience.ALL;
        }
    }

    /** Where the row {@code id} of {@code parent} goes: nowhere when HQ does not have it. */
    private Audience ofParent(Table parent, Value id, Rows rows) {
        return textOf(id).flatMap(ref -> rows.find(parent, ref)).map(row -> audience(parent, row, rows))
                .orElse(Audience.NONE);
    }

    /** Where a warehouse's stock goes: every node for a shared warehouse, else its owning branch. */
    private Audience stockOf(Value warehouseId, Rows rows) {
        Optional<Map<String, Value>> warehouse = textOf(warehouseId).flatMap(id -> rows.find(Schema.WAREHOUSE, id));
        if (warehouse.isEmpty()) {
            return Audience.NONE;
        }
        if (Value.of(true).equals(warehouse.get().get("shared"))) {
            return Audience.ALL;
        }
        return Audience.of(enrolled(warehouse.get().get("owning_branch")).map(Set::of).orElse(Set.of()));
    }

    private Audience priceTypeAudience(String code) {
        if (!restricted || code == null) {
            return Audience.ALL;
        }
        List<NodeCode> to = new ArrayList<>();
        for (HubNode node : nodes.values()) {
            Optional<List<String>> allowed = rules.priceTypes(node.group());
            if (allowed.isEmpty() || allowed.get().contains(code)) {
                to.add(node.code());
            }
        }
        return Audience.of(to);
    }

    private Set<NodeCode> ofCounterparty(Value counterpartyId, Rows rows) {
        return textOf(counterpartyId).flatMap(id -> rows.find(Schema.COUNTERPARTY, id))
                .map(this::counterpartyNodes).orElseGet(LinkedHashSet::new);
    }

    private Set<NodeCode> counterpartyNodes(Map<String, Value> counterparty) {
        Set<NodeCode> to = new LinkedHashSet<>();
        enrolled(counterparty.get("owning_branch")).ifPresent(to::add);
        enrolled(counterparty.get("agent")).ifPresent(to::add);
        return to;
    }

    private Optional<NodeCode> enrolled(Value code) {
        return textOf(code).filter(NodeCode::isValid).map(NodeCode::parse).filter(nodes::containsKey);
    }

    private static boolean isNull(Value value) {
        return value == null || value == Value.NULL;
    }

    private static String text(Value value) {
        return textOf(value).orElse(null);
    }

    private static Optional<String> textOf(Value value) {
        return value instanceof Value.Text text ? Optional.of(text.value()) : Optional.empty();
    }
}
