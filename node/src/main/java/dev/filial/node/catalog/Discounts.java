package dev.filial.node.catalog;

import dev.filial.node.catalog.Quote.DiscountLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Picks the discount that applies from the rules valid on the date (rule 3 of {@link PriceQuery}). */
final class Discounts {

    /** A {@code discount_rule} row valid on the quote date. */
    record Rule(String id, String counterpartyId, String category, String groupId, BigDecimal percent) {
    }

    /** A product group on the way from the product's group (first) to the root. */
    record Group(String id, String name) {
    }

    /** The discount chosen and where it comes from. */
    record Discount(BigDecimal percent, DiscountLevel level, String ruleId, String description) {
    }

    private record Candidate(DiscountLevel level, int depth, BigDecimal percent, String ruleId, String description) {
    }

    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparing(Candidate::level)
            .thenComparingInt(Candidate::depth)
            .thenComparing(Candidate::percent, Comparator.reverseOrder())
            .thenComparing(c -> c.ruleId() == null ? "" : c.ruleId(), Comparator.reverseOrder());

    private Discounts() {
    }

    /**
     * The most specific discount for a counterparty and a product.
     *
     * @param counterpartyId the counterparty
     * @param category       its category, or null
     * @param own            its own {@code discount} field, or null
     * @param groups         the product's group and its ancestors, nearest first (empty without a group)
     * @param rules          the rules valid on the date that may concern this counterparty
     */
    static Discount choose(String counterpartyId, String category, BigDecimal own, List<Group> groups, List<Rule> rules) {
        List<Candidate> candidates = new ArrayList<>();
        if (own != null && own.signum() > 0) {
            candidates.add(new Candidate(DiscountLevel.CUSTOMER_OWN, 0, own, null, "customer's own discount"));
        }
        for (Rule rule : rules) {
            candidate(rule, counterpartyId, category, groups).ifPresent(candidates::add);
        }
        return candidates.stream().min(BEST_FIRST)
                .map(best -> new Discount(best.percent(), best.level(), best.ruleId(), best.description()))
                .orElse(new Discount(BigDecimal.ZERO, DiscountLevel.NONE, null, "no discount applies"));
    }

    private static Optional<Candidate> candidate(Rule rule, String counterpartyId, String category,
            List<Group> groups) {
        if (rule.counterpartyId() != null && !rule.counterpartyId().equals(counterpartyId)
                || rule.category() != null && !rule.category().equals(category)) {
            return Optional.empty();
        }
        String who;
        DiscountLevel general;
        DiscountLevel grouped;
        if (rule.counterpartyId() != null) {
            who = "customer rule";
            general = DiscountLevel.CUSTOMER;
            grouped = DiscountLevel.CUSTOMER_GROUP;
        } else if (rule.category() != null) {
            who = "category " + rule.category() + " rule";
            general = DiscountLevel.CATEGORY;
            grouped = DiscountLevel.CATEGORY_GROUP;
        } else if (rule.groupId() != null) {
            who = "rule for everyone";
            general = null;
            grouped = DiscountLevel.GROUP;
        } else {
            return Optional.empty(); // neither customer, category nor group: not one of the levels
        }
        if (rule.groupId() == null) {
            return Optional.of(new Candidate(general, 0, rule.percent(), rule.id(), who + " on all products"));
        }
        int depth = indexOf(groups, rule.groupId());
        if (depth < 0) {
            return Optional.empty();
        }
        String on = "'" + groups.get(depth).name() + "'"
                + (depth == 0 ? "" : " (ancestor of '" + groups.get(0).name() + "')");
        return Optional.of(new Candidate(grouped, depth, rule.percent(), rule.id(), who + " on group " + on));
    }

    private static int indexOf(List<Group> groups, String id) {
        for (int i = 0; i < groups.size(); i++) {
            if (Objects.equals(groups.get(i).id(), id)) {
                return i;
            }
        }
        return -1;
    }
}
