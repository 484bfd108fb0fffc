package dev.filial.node.catalog;

import dev.filial.node.entity.Draft;
import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Business rules of the catalog: groups, products, price types, prices, currencies, rates and discounts.
 * Codes of currencies and price types and product SKUs are unique on the node; marking a price type as
 * the default unmarks the one that was, in the same transaction.
 */
public final class CatalogRules {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CatalogRules() {
    }

    public static final Rules PRODUCT_GROUP = draft -> {
        draft.notBlank("name");
        draft.references("parent_id", Schema.PRODUCT_GROUP);
        Set<String> seen = new HashSet<>();
        String parent = draft.text("parent_id").orElse(null);
        while (parent != null) {
            if (parent.equals(draft.id()) || !seen.add(parent)) {
                draft.error("parent_id", "invalid", "a group cannot be placed inside itself or its own subgroups");
                return;
            }
            parent = draft.transaction().find(Schema.PRODUCT_GROUP, parent)
                    .map(row -> row.get("parent_id") instanceof Value.Text text ? text.value() : null).orElse(null);
        }
    };

    public static final Rules PRODUCT = draft -> {
        if (draft.creating() && !draft.present("active")) {
            draft.set("active", Value.of(true));
        }
        if (draft.creating() && !draft.present("kind")) {
            draft.set("kind", Value.of("goods"));
        }
        draft.notBlank("sku");
        draft.notBlank("name");
        draft.notBlank("unit");
        draft.unique("sku");
        draft.oneOf("kind", List.of("goods", "service"));
        draft.between("vat_rate", BigDecimal.ZERO, HUNDRED);
        draft.references("group_id", Schema.PRODUCT_GROUP);
        draft.text("barcode").filter(code -> !code.matches("\\d{8}|\\d{12,14}"))
                .ifPresent(code -> draft.error("barcode", "invalid", "must be an EAN-8, UPC-A, EAN-13 or GTIN-14: 8, 12, 13 or 14 digits"));
    };

    public static final Rules PRICE_TYPE = draft -> {
        if (draft.creating() && !draft.present("is_default")) {
            draft.set("is_default", Value.of(false));
        }
        draft.notBlank("code");
        draft.unique("code");
        if (draft.changes("is_default") && Value.of(true).equals(draft.get("is_default"))) {
            for (String other : otherDefaults(draft)) {
                draft.transaction().update(Schema.PRICE_TYPE, other, Map.of("is_default", Value.of(false)));
            }
        }
    };

    /** The price types other than the draft's marked as the default (one at most, unless replicas raced). */
    private static List<String> otherDefaults(Draft draft) {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = draft.transaction().connection().prepareStatement(
                "SELECT id FROM price_type WHERE is_default = ?")) {
            select.setBoolean(1, true);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(draft.id())) {
                        found.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up the default price type failed: " + e.getMessage(), e);
        }
        return found;
    }

    public static final Rules PRICE = draft -> {
        draft.references("product_id", Schema.PRODUCT);
        draft.references("price_type_id", Schema.PRICE_TYPE);
        draft.between("amount", BigDecimal.ZERO, new BigDecimal("1000000000000"));
        currencyKnown(draft, "currency");
    };

    public static final Rules CURRENCY = draft -> {
        draft.text("code").filter(code -> !CURRENCY_CODE.matcher(code).matches())
                .ifPresent(code -> draft.error("code", "invalid", "must be an ISO 4217 code: three capital letters"));
        draft.unique("code");
        draft.notBlank("name");
        draft.between("minor_units", BigDecimal.ZERO, BigDecimal.valueOf(4));
    };

    public static final Rules EXCHANGE_RATE = draft -> {
        currencyKnown(draft, "currency");
        draft.decimal("rate").filter(rate -> rate.signum() <= 0)
                .ifPresent(rate -> draft.error("rate", "invalid", "must be above 0"));
    };

    public static final Rules DISCOUNT_RULE = draft -> {
        draft.between("percent", BigDecimal.ZERO, HUNDRED);
        draft.references("counterparty_id", Schema.COUNTERPARTY);
        draft.references("product_group_id", Schema.PRODUCT_GROUP);
        if (!draft.present("counterparty_id") && !draft.present("customer_category") && !draft.present("product_group_id")) {
            draft.error("counterparty_id", "required", "a discount rule names a counterparty, a customer category or a product group");
        }
        if (draft.get("valid_to") instanceof Value.Date to && draft.get("valid_from") instanceof Value.Date from
                && to.value().isBefore(from.value())) {
            draft.error("valid_to", "invalid", "must not be before valid_from");
        }
    };

    private static void currencyKnown(Draft draft, String column) {
        draft.text(column).filter(code -> !draft.exists(Schema.CURRENCY, "code", code))
                .ifPresent(code -> draft.error(column, "not-found", "no currency " + code + "; add it to the currencies first"));
    }
}
