package dev.filial.hq.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configurable part of routing ({@code routing:} in {@code hq.yml}): per node group, which price
 * types (by code) its nodes receive, with their prices. A group without a rule, or a node without a
 * group, receives all reference data. The rest of routing follows the data: see {@link Router}.
 */
public record RoutingRules(Map<String, GroupRule> groups) {

    public static final RoutingRules DEFAULT = new RoutingRules(Map.of());

    public RoutingRules {
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    /** What the nodes of one group receive. {@code priceTypes} null: every price type. */
    public record GroupRule(List<String> priceTypes) {

        public GroupRule {
            priceTypes = priceTypes == null ? null : List.copyOf(priceTypes);
        }
    }

    /** The price type codes the nodes of {@code group} receive, if the group is restricted. */
    public Optional<List<String>> priceTypes(String group) {
        if (group == null) {
            return Optional.empty();
        }
        GroupRule rule = groups.get(group);
        return rule == null ? Optional.empty() : Optional.ofNullable(rule.priceTypes());
    }
}
