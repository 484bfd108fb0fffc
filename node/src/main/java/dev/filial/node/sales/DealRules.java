package dev.filial.node.sales;

import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Business rules of deals (sales opportunities) and of the sales settings kept as plain entities: a deal's
 * stage is one of the funnel's, its counterparty exists, a new deal belongs to this node and starts as a lead;
 * a discount limit names a role and a percent from 0 to 100; a closed period is stamped when it is entered.
 */
public final class DealRules {

    /** The funnel, in order. */
    public static final List<String> STAGES = List.of("lead", "qualified", "proposal", "negotiation", "won", "lost");

    private static final List<String> ROLES = List.of("admin", "manager", "agent", "viewer");

    private DealRules() {
    }

    /** Rules for {@code deal}; new deals belong to {@code branch}. */
    public static Rules deal(NodeCode branch) {
        return draft -> {
            if (draft.creating()) {
                if (!draft.present("owning_branch")) {
                    draft.set("owning_branch", Value.of(branch.toString()));
                }
                if (!draft.present("stage")) {
                    draft.set("stage", Value.of("lead"));
                }
            }
            draft.notBlank("name");
            draft.oneOf("stage", STAGES);
            draft.references("counterparty_id", Schema.COUNTERPARTY);
            draft.between("amount", BigDecimal.ZERO, new BigDecimal("1000000000000"));
            draft.text("currency").ifPresent(currency -> {
                String normal = currency.trim().toUpperCase(Locale.ROOT);
                if (!normal.matches("[A-Z]{3}")) {
                    draft.error("currency", "invalid", "must be a three-letter currency code such as EUR");
                } else if (!normal.equals(currency)) {
                    draft.set("currency", Value.of(normal));
                }
            });
        };
    }

    /** Rules for {@code discount_limit}: the role is one of the node's roles, the percent 0 to 100. */
    public static final Rules DISCOUNT_LIMIT = draft -> {
        draft.oneOf("role", ROLES);
        draft.between("max_percent", BigDecimal.ZERO, BigDecimal.valueOf(100));
    };

    /** Rules for {@code closed_period}: {@code closed_at} defaults to now. */
    public static final Rules CLOSED_PERIOD = draft -> {
        if (draft.creating() && !draft.present("closed_at")) {
            draft.set("closed_at", Value.of(java.time.Instant.now()));
        }
        draft.notBlank("closed_by");
    };
}
