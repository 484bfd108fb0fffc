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
            default:
                return Audience.ALL;
        }
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
