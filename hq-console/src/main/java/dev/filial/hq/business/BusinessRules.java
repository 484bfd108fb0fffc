package dev.filial.hq.business;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How HQ settles each business rule by itself ({@code business:} in {@code hq.yml}); {@code review} leaves
 * the entry open for an operator.
 *
 * <pre>
 * business:
 *   negativeStock: review     # review | reverse  (reverse the latest documents until stock is back at 0)
 *   creditLimit: hold         # review | hold     (put the order that went over the limit on hold)
 *   closedPeriod: review      # review | reverse  (reverse a stock document, dated the first open day)
 * </pre>
 */
public record BusinessRules(Action negativeStock, Action creditLimit, Action closedPeriod) {

    /** What HQ does by itself when a rule is broken. */
    public enum Action {
        REVIEW, REVERSE, HOLD;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final BusinessRules DEFAULT = new BusinessRules(Action.REVIEW, Action.HOLD, Action.REVIEW);

    /** Reads the {@code business} section (missing: the defaults). */
    public static BusinessRules parse(JsonNode section) {
        section.fieldNames().forEachRemaining(name -> {
            if (!List.of("negativeStock", "creditLimit", "closedPeriod").contains(name)) {
                throw new IllegalArgumentException("business." + name + " is not a setting; there are negativeStock, "
                        + "creditLimit and closedPeriod");
            }
        });
        return new BusinessRules(
                action(section, "negativeStock", DEFAULT.negativeStock, Action.REVIEW, Action.REVERSE),
                action(section, "creditLimit", DEFAULT.creditLimit, Action.REVIEW, Action.HOLD),
                action(section, "closedPeriod", DEFAULT.closedPeriod, Action.REVIEW, Action.REVERSE));
    }

    private static Action action(JsonNode section, String name, Action fallback, Action... allowed) {
        JsonNode value = section.get(name);
        if (value == null) {
            return fallback;
        }
        for (Action action : allowed) {
            if (action.code().equals(value.asText())) {
                return action;
            }
        }
        throw new IllegalArgumentException("business." + name + " is '" + value.asText() + "'; it may be "
                + String.join(" or ", Arrays.stream(allowed).map(Action::code).toList()));
    }
}
