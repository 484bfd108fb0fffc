package dev.filial.node.crm;

import dev.filial.node.entity.Draft;
import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Business rules of counterparties, contact persons and their contact points (phones, e-mails,
 * addresses). Duplicates, the same tax id or the same phone number as another counterparty, are
 * refused unless the caller allows them explicitly.
 */
public final class CrmRules {

    private static final Pattern TAX_ID = Pattern.compile("[A-Z0-9]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MIN_PHONE_DIGITS = 5;
    private static final int MAX_PHONE_DIGITS = 15;
    private static final int PHONE_MATCH_DIGITS = 10;

    private CrmRules() {
    }

    /** Rules for {@code counterparty}; new ones belong to {@code branch} unless said otherwise. */
    public static Rules counterparty(NodeCode branch) {
        return draft -> {
            if (draft.creating()) {
                defaultTo(draft, "owning_branch", Value.of(branch.toString()));
                defaultTo(draft, "active", Value.of(true));
            }
            draft.notBlank("name");
            draft.oneOf("kind", List.of("organisation", "person"));
            draft.between("credit_limit", BigDecimal.ZERO, new BigDecimal("1000000000000"));
            draft.between("payment_days", BigDecimal.ZERO, BigDecimal.valueOf(365));
            draft.between("discount", BigDecimal.ZERO, BigDecimal.valueOf(100));
            draft.references("price_type_id", Schema.PRICE_TYPE);
            draft.text("tax_id").ifPresent(taxId -> {
                String normal = taxId.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
                if (!TAX_ID.matcher(normal).matches()) {
                    draft.error("tax_id", "invalid", "must be 5 to 20 letters or digits (spaces and dashes are ignored)");
                    return;
                }
                if (!normal.equals(taxId)) {
                    draft.set("tax_id", Value.of(normal));
                }
                List<String> others = draft.others("tax_id", normal);
                if (!others.isEmpty() && !draft.allowDuplicates() && draft.changes("tax_id")) {
                    draft.error("tax_id", "duplicate", "counterparty " + others.get(0) + " has the same tax id; "
                            + "merge them, or store anyway with allowDuplicates=true");
                }
            });
        };
    }

    public static final Rules CONTACT_PERSON = draft -> {
        draft.notBlank("name");
        draft.references("counterparty_id", Schema.COUNTERPARTY);
    };

    public static final Rules CONTACT_POINT = draft -> {
        draft.references("counterparty_id", Schema.COUNTERPARTY);
        draft.references("contact_person_id", Schema.CONTACT_PERSON);
        draft.oneOf("kind", List.of("phone", "email", "address"));
        String kind = draft.text("kind").orElse("");
        String value = draft.text("value").orElse("");
        draft.notBlank("value");
        if (kind.equals("phone")) {
            String digits = value.replaceAll("\\D", "");
            if (digits.length() < MIN_PHONE_DIGITS || digits.length() > MAX_PHONE_DIGITS) {
                draft.error("value", "invalid", "a phone number needs " + MIN_PHONE_DIGITS + " to " + MAX_PHONE_DIGITS + " digits");
                return;
            }
            String normal = digits.length() > PHONE_MATCH_DIGITS ? digits.substring(digits.length() - PHONE_MATCH_DIGITS) : digits;
            draft.set("normalized", Value.of(normal));
            String owner = draft.text("counterparty_id").orElse("");
            boolean otherOwner = draft.others("normalized", normal).stream()
                    .map(id -> draft.transaction().find(Schema.CONTACT_POINT, id).orElseThrow().get("counterparty_id"))
                    .anyMatch(ownerOfOther -> !ownerOfOther.equals(Value.of(owner)));
            if (otherOwner && !draft.allowDuplicates() && draft.changes("value")) {
                draft.error("value", "duplicate", "another counterparty has the phone number " + value
                        + "; merge them, or store anyway with allowDuplicates=true");
            }
        } else if (kind.equals("email")) {
            if (!EMAIL.matcher(value).matches()) {
                draft.error("value", "invalid", "is not an e-mail address");
                return;
            }
            draft.set("normalized", Value.of(value.toLowerCase(Locale.ROOT)));
        } else {
            draft.set("normalized", Value.NULL);
        }
    };

    private static void defaultTo(Draft draft, String column, Value value) {
        if (!draft.present(column)) {
            draft.set(column, value);
        }
    }
}
