package dev.filial.node.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a customer pays for one unit of a product in one currency on one date, with how it was
 * found (see {@link PriceQuery} for the rules).
 *
 * @param priceTypeId     the price type used
 * @param priceTypeCode   its code, e.g. {@code retail}
 * @param listAmount      the list price as stored (scale 4), in {@code listCurrency}
 * @param listCurrency    the currency of the price row used
 * @param listValidFrom   the {@code valid_from} of the price row used
 * @param rate            units of {@code currency} per unit of {@code listCurrency}: 1 when no conversion
 *                        was needed, otherwise the ratio of the two rates rounded to 10 decimal places
 *                        (for display: the amounts are computed from the two rates with one rounding)
 * @param discountPercent the discount applied, 0 when none
 * @param discountLevel   which rule level gave it
 * @param discountRuleId  the {@code discount_rule} row that gave it; null for the customer's own
 *                        discount and when there is none
 * @param discountRule    a short description of where the discount comes from
 * @param net             price after discount, without VAT, in {@code currency}, at its minor units
 * @param vatRate         the product's VAT rate in percent
 * @param vatAmount       VAT on {@code net}, at minor units
 * @param gross           {@code net + vatAmount}
 * @param currency        the currency asked for
 */
public record Quote(
        String priceTypeId,
        String priceTypeCode,
        BigDecimal listAmount,
        String listCurrency,
        LocalDate listValidFrom,
        BigDecimal rate,
        BigDecimal discountPercent,
        DiscountLevel discountLevel,
        String discountRuleId,
        String discountRule,
        BigDecimal net,
        BigDecimal vatRate,
        BigDecimal vatAmount,
        BigDecimal gross,
        String currency) {

    /** The discount levels, most specific first; the first level with an applicable rule wins. */
    public enum DiscountLevel {
        /** (a) a rule for this counterparty on the product's group or its nearest ancestor. */
        CUSTOMER_GROUP,
        /** (b) a rule for this counterparty on all products. */
        CUSTOMER,
        /** (c) the counterparty's own {@code discount} field. */
        CUSTOMER_OWN,
        /** (d) a rule for the counterparty's category on the product's group or its nearest ancestor. */
        CATEGORY_GROUP,
        /** (e) a rule for the counterparty's category on all products. */
        CATEGORY,
        /** (f) a rule for everyone on the product's group or its nearest ancestor. */
        GROUP,
        /** No rule applies: no discount. */
        NONE
    }
}
