/**
 * The product catalogue: groups, products, price types, prices, currencies, exchange rates and
 * discount rules, and the price query on top of them ({@link dev.filial.node.catalog.PriceQuery}).
 *
 * <p>How a price is quoted for counterparty C, product P, currency X and date D (read-only; the
 * {@link dev.filial.node.catalog.Quote} says which row or rule each step used):
 * <ol>
 * <li><b>Price type</b>: C's {@code price_type_id}, else the price type with {@code is_default} true.</li>
 * <li><b>List price</b>: the latest price of P of that type with {@code valid_from <= D} in currency X;
 *     if there is none in X, the latest valid price in another currency converted through the base
 *     currency at the rates valid on D (latest {@code rate_date <= D}): amount &times; rate(source) /
 *     rate(X), the base currency counting as 1.</li>
 * <li><b>Discount</b>: among the rules valid on D ({@code valid_from <= D <= valid_to}, an empty
 *     {@code valid_to} meaning open-ended), the first level that has one wins:
 *     (a) rule for C on P's group or its nearest ancestor, (b) rule for C on all products,
 *     (c) C's own {@code discount} if above 0, (d) rule for C's category on the group or nearest
 *     ancestor, (e) rule for C's category on all products, (f) rule for everyone on the group or nearest
 *     ancestor. Within a level the nearer group wins, then the larger percent.</li>
 * <li><b>Amounts</b>: net = converted list price &times; (1 &minus; percent/100), rounded HALF_UP to the
 *     minor units of X (2 if X has no currency row); VAT and gross from P's {@code vat_rate}, rounded
 *     the same way; gross = net + VAT.</li>
 * </ol>
 * Failures are {@link dev.filial.node.catalog.PriceQueryException}s with a stable code:
 * {@code unknown-counterparty}, {@code unknown-product}, {@code no-price-type}, {@code no-price},
 * {@code no-rate}.
 */
package dev.filial.node.catalog;
