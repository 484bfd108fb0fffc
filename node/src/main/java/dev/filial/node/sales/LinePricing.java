package dev.filial.node.sales;

import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.catalog.PriceQuery;
import dev.filial.node.catalog.PriceQueryException;
import dev.filial.node.catalog.Quote;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Dialect;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.FieldError;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices the lines of a sales document with {@link PriceQuery} inside the document's write transaction:
 * the list price of the document's price type (or the counterparty's) converted to the document currency on the
 * document date, and the discount of the rule that applies. A line's own {@code discount} may exceed the rule's
 * only up to the {@code discount_limit.max_percent} of the user's role (no row: not beyond the rule; admins: any).
 *
 * <p>Amounts are computed exactly and rounded once each, HALF_UP: list_price = list &times; rate(source) /
 * rate(document) to 4 places; price = list &times; rate(source) &times; (100 &minus; discount) / (rate(document)
 * &times; 100) to 4 places; net = price &times; quantity to 2; vat = net &times; vat_rate / 100 to 2;
 * gross = net + vat.
 */
final class LinePricing {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int PRICE_SCALE = 4;
    private static final int AMOUNT_SCALE = 2;

    private final Dialect dialect;
    private final PriceQuery prices;

    LinePricing(Dialect dialect, PriceQuery prices) {
        this.dialect = dialect;
        this.prices = prices;
    }

    /**
     * The priced lines of a document with header {@code header}; bad lines add field errors
     * ({@code lines[1].discount}) and are left out.
     */
    List<Map<String, Value>> price(Connection c, Actor actor, Map<String, Value> header,
                                   List<Map<String, Value>> input, List<FieldError> errors) throws SQLException {
        String counterparty = SalesDocument.text(header, "counterparty_id");
        String priceType = SalesDocument.text(header, "price_type_id");
        String currency = SalesDocument.text(header, "currency");
        LocalDate date = SalesDocument.date(header.get("doc_date"));
        Optional<BigDecimal> limit = actor.role() == Role.ADMIN ? Optional.of(HUNDRED) : limit(c, actor.role());
        List<Map<String, Value>> priced = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            Map<String, Value> line = input.get(i);
            String at = "lines[" + i + "].";
            String product = SalesDocument.text(line, "product_id");
            BigDecimal quantity = line.get("quantity") instanceof Value.Decimal d ? d.value() : null;
            BigDecimal manual = line.get("discount") instanceof Value.Decimal d ? d.value() : null;
            boolean good = true;
            if (product == null) {
                errors.add(new FieldError(at + "product_id", "required", "each line needs a product"));
                good = false;
            }
            if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(StockBalances.MAX_QUANTITY) >= 0) {
                errors.add(new FieldError(at + "quantity", quantity == null ? "required" : "invalid",
                        "must be above 0 and below " + StockBalances.MAX_QUANTITY.toPlainString()));
                good = false;
            }
            if (manual != null && (manual.signum() < 0 || manual.compareTo(HUNDRED) > 0)) {
                errors.add(new FieldError(at + "discount", "invalid", "must be between 0 and 100"));
                good = false;
            }
            if (!good || counterparty == null || currency == null || date == null) {
                continue;
            }
            Quote quote;
            try {
                quote = prices.quote(c, counterparty, priceType, product, currency, date);
            } catch (PriceQueryException e) {
                String field = switch (e.code()) {
                    case NO_PRICE_TYPE -> "price_type_id";
                    case NO_RATE -> "currency";
                    case UNKNOWN_COUNTERPARTY -> "counterparty_id";
                    default -> at + "product_id";
                };
                if (errors.stream().noneMatch(error -> error.field().equals(field))) {
                    errors.add(new FieldError(field, e.code().code(), e.getMessage() + "; " + e.hint()));
                }
                continue;
            }
            BigDecimal rule = quote.discountPercent();
            BigDecimal discount = rule;
            if (manual != null) {
                BigDecimal allowed = limit.map(rule::max).orElse(rule);
                if (manual.compareTo(allowed) > 0) {
                    errors.add(new FieldError(at + "discount", "over-limit", "role " + actor.role().code()
                            + " may discount by hand up to " + allowed.stripTrailingZeros().toPlainString()
                            + " % here (the discount rule gives " + rule.stripTrailingZeros().toPlainString()
                            + " %)" + (limit.isEmpty() ? "; no discount limit is set for the role" : "")));
                    continue;
                }
                discount = manual;
            }
            priced.add(amounts(product, quantity, quote, discount, rates(c, quote, currency, date)));
        }
        return priced;
    }

    /** rate(source) and rate(document), both 1 when the price is in the document currency. */
    private BigDecimal[] rates(Connection c, Quote quote, String currency, LocalDate date) throws SQLException {
        if (quote.listCurrency().equals(quote.currency())) {
            return new BigDecimal[] {BigDecimal.ONE, BigDecimal.ONE};
        }
        return new BigDecimal[] {prices.rate(c, quote.listCurrency(), date), prices.rate(c, currency, date)};
    }

    private static Map<String, Value> amounts(String product, BigDecimal quantity, Quote quote, BigDecimal discount,
                                              BigDecimal[] rates) {
        BigDecimal source = quote.listAmount().multiply(rates[0]);
        BigDecimal listPrice = source.divide(rates[1], PRICE_SCALE, RoundingMode.HALF_UP);
        BigDecimal price = source.multiply(HUNDRED.subtract(discount))
                .divide(rates[1].multiply(HUNDRED), PRICE_SCALE, RoundingMode.HALF_UP);
        Map<String, Value> line = new LinkedHashMap<>();
        line.put("product_id", Value.of(product));
        line.put("quantity", Value.of(quantity));
        line.put("list_price", Value.of(listPrice));
        line.put("discount", Value.of(discount));
        line.put("price", Value.of(price));
        line.put("vat_rate", Value.of(quote.vatRate()));
        totals(line, price, quantity, quote.vatRate());
        return line;
    }

    /** Sets net, vat and gross of a line from its unit price, quantity and VAT rate. */
    static void totals(Map<String, Value> line, BigDecimal price, BigDecimal quantity, BigDecimal vatRate) {
        BigDecimal net = price.multiply(quantity).setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
        BigDecimal vat = net.multiply(vatRate).divide(HUNDRED, AMOUNT_SCALE, RoundingMode.HALF_UP);
        line.put("net", Value.of(net));
        line.put("vat", Value.of(vat));
        line.put("gross", Value.of(net.add(vat)));
    }

    /** The largest manual discount a role may give, if a limit is set for it. */
    private Optional<BigDecimal> limit(Connection c, Role role) throws SQLException {
        BigDecimal best = null;
        try (PreparedStatement select = c.prepareStatement("SELECT max_percent FROM discount_limit WHERE role = ?")) {
            select.setString(1, role.code());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    BigDecimal percent = SalesDocument.decimal(dialect.read(rows, 1, ColumnType.DECIMAL));
                    best = best == null ? percent : best.max(percent);
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
