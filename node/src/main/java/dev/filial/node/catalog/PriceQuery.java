package dev.filial.node.catalog;

import dev.filial.node.catalog.Discounts.Discount;
import dev.filial.node.catalog.Discounts.Group;
import dev.filial.node.catalog.Discounts.Rule;
import dev.filial.node.catalog.PriceQueryException.Code;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Database;
import dev.filial.node.store.Dialect;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Answers "what does customer C pay for one unit of product P in currency X on date D", reading the
 * replicated catalogue with plain SELECTs in one read transaction (it never writes), so that a sync
 * applied meanwhile cannot mix old and new prices, rates or rules into one answer. An inactive
 * counterparty or product is refused ({@link PriceQueryException.Code#INACTIVE}).
 *
 * <ol>
 * <li><b>Price type</b>: the counterparty's {@code price_type_id}; without one, the price type with
 *     {@code is_default} true (the first by code if several are). A {@code price_type_id} naming a
 *     price type this node does not have is an error, not a fall-back to the default.</li>
 * <li><b>List price</b>: among the product's prices of that type with {@code valid_from <= D}, the
 *     latest one in currency X (each currency keeps its own history); if there is none in X, the latest
 *     one in any currency (on the same {@code valid_from}: the base currency, then by code), converted
 *     through the base currency with the rates valid on D: amount &times; rate(source) / rate(X), where
 *     a rate is the latest {@code exchange_rate} with {@code rate_date <= D} and the base currency is 1.
 *     Of two rows with the same currency and {@code valid_from}, the later entered (larger id) wins.</li>
 * <li><b>Discount</b>: of the rules with {@code valid_from <= D} and ({@code valid_to} null or
 *     {@code D <= valid_to}), the most specific level wins: (a) a rule for the counterparty on the
 *     product's group or an ancestor, (b) a rule for the counterparty on all products, (c) the
 *     counterparty's own {@code discount} when set and above 0, (d) a rule for its category on the group
 *     or an ancestor, (e) a rule for its category on all products, (f) a rule for everyone on the group
 *     or an ancestor. Within a level the nearer group wins, then the larger percent. A rule with neither
 *     counterparty, category nor group belongs to no level and is not applied. A rule's every condition
 *     must hold: a counterparty rule that also names a category applies only while the categories match.</li>
 * <li><b>Amounts</b>: net = list &times; rate &times; (1 &minus; percent/100), computed exactly and rounded
 *     once, HALF_UP, to the minor units of X ({@code currency.minor_units}, 2 without a currency row);
 *     VAT = net &times; vat_rate/100 rounded the same way; gross = net + VAT.</li>
 * </ol>
 * Failures are {@link PriceQueryException}s with a stable {@link PriceQueryException.Code}.
 */
public final class PriceQuery {

    private static final int RATE_SCALE = 10;
    private static final int DEFAULT_MINOR_UNITS = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Database database;
    private final Dialect dialect;
    private final String baseCurrency;

    /** A query on {@code database} whose rates are in units of {@code baseCurrency} (e.g. {@code EUR}). */
    public PriceQuery(Database database, String baseCurrency) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.baseCurrency = normalize(baseCurrency);
    }

    public String baseCurrency() {
        return baseCurrency;
    }

    /**
     * The price counterparty {@code counterpartyId} pays for one unit of {@code productId} in
     * {@code currency} (ISO code, any case) on {@code date}.
     *
     * @throws PriceQueryException when a counterparty, product, price type, price or rate is missing
     */
    public Quote quote(String counterpartyId, String productId, String currency, LocalDate date) {
        Objects.requireNonNull(counterpartyId, "counterpartyId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(date, "date");
        String target = normalize(currency);
        return database.snapshot(connection -> priced(connection, counterpartyId, null, productId, target, date));
    }

    /**
     * The same answer read on the caller's {@code connection} (a sales document prices its lines inside its own
     * write transaction), with price type {@code priceTypeId} instead of the counterparty's when it is not null.
     *
     * @throws PriceQueryException when a counterparty, product, price type, price or rate is missing
     */
    public Quote quote(Connection connection, String counterpartyId, String priceTypeId, String productId,
                       String currency, LocalDate date) throws SQLException {
        return priced(connection, counterpartyId, priceTypeId, productId, normalize(currency), date);
    }

    private Quote priced(Connection c, String counterpartyId, String priceTypeId, String productId, String target,
                        LocalDate date) throws SQLException {
        List<Value> customer = first(select(c,
                "SELECT price_type_id, category, discount, active FROM counterparty WHERE id = ?",
                List.of(ColumnType.TEXT, ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.BOOL),
                Value.of(counterpartyId)));
        if (customer == null) {
            throw new PriceQueryException(Code.UNKNOWN_COUNTERPARTY, "no counterparty with id " + counterpartyId,
                    "check the id, or wait until the counterparty has been replicated to this node");
        }
        List<Value> product = first(select(c, "SELECT group_id, vat_rate, sku, active FROM product WHERE id = ?",
                List.of(ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.TEXT, ColumnType.BOOL), Value.of(productId)));
        if (product == null) {
            throw new PriceQueryException(Code.UNKNOWN_PRODUCT, "no product with id " + productId,
                    "check the id, or wait until the product has been replicated to this node");
        }
        if (Value.of(false).equals(customer.get(3))) {
            throw new PriceQueryException(Code.INACTIVE, "counterparty " + counterpartyId + " is inactive",
                    "make the counterparty active again before quoting it prices");
        }
        if (Value.of(false).equals(product.get(3))) {
            throw new PriceQueryException(Code.INACTIVE, "product " + text(product.get(2)) + " is inactive",
                    "choose an active product, or make this one active again");
        }
        String sku = text(product.get(2));
        List<Value> type = priceType(c, counterpartyId, priceTypeId != null ? priceTypeId : text(customer.get(0)));
        String typeId = text(type.get(0));
        String typeCode = text(type.get(1));

        List<Value> price = price(c, productId, sku, typeId, typeCode, target, date);
        BigDecimal amount = decimal(price.get(1));
        String source = text(price.get(0));
        boolean same = source.equals(target); // no conversion, so no rate needed
        BigDecimal sourceRate = same ? BigDecimal.ONE : rate(c, source, date);
        BigDecimal targetRate = same ? BigDecimal.ONE : rate(c, target, date);
        BigDecimal rate = same ? BigDecimal.ONE : ratio(sourceRate, targetRate);

        Discount discount = Discounts.choose(counterpartyId, text(customer.get(1)), decimal(customer.get(2)),
                groups(c, text(product.get(0))), rules(c, counterpartyId, date));
        int minor = minorUnits(c, target);
        BigDecimal net = amount.multiply(sourceRate).multiply(HUNDRED.subtract(discount.percent()))
                .divide(targetRate.multiply(HUNDRED), minor, RoundingMode.HALF_UP);
        BigDecimal vatRate = decimal(product.get(1));
        BigDecimal vat = net.multiply(vatRate).divide(HUNDRED, minor, RoundingMode.HALF_UP);
        return new Quote(typeId, typeCode, amount, source, date(price.get(2)), rate, discount.percent(),
                discount.level(), discount.ruleId(), discount.description(), net, vatRate, vat, net.add(vat), target);
    }

    /** id and code of the price type that applies to the counterparty. */
    private List<Value> priceType(Connection c, String counterpartyId, String own) throws SQLException {
        List<ColumnType> columns = List.of(ColumnType.TEXT, ColumnType.TEXT);
        if (own != null) {
            List<Value> found = first(select(c, "SELECT id, code FROM price_type WHERE id = ?", columns, Value.of(own)));
            if (found == null) {
                throw new PriceQueryException(Code.NO_PRICE_TYPE, "counterparty " + counterpartyId
                        + " has price type " + own + ", which does not exist on this node",
                        "set the counterparty's price type to an existing one, or wait until that price type has been replicated");
            }
            return found;
        }
        List<Value> fallback = first(select(c, "SELECT id, code FROM price_type WHERE is_default = ? ORDER BY code, id",
                columns, Value.of(true)));
        if (fallback == null) {
            throw new PriceQueryException(Code.NO_PRICE_TYPE, "counterparty " + counterpartyId
                    + " has no price type and no price type is marked as the default",
                    "mark one price type as the default, or give the counterparty a price type");
        }
        return fallback;
    }

    /** currency, amount and valid_from of the price row that applies. */
    private List<Value> price(Connection c, String productId, String sku, String typeId, String typeCode,
            String target, LocalDate date) throws SQLException {
        List<List<Value>> valid = select(c, "SELECT currency, amount, valid_from FROM price"
                        + " WHERE product_id = ? AND price_type_id = ? AND valid_from <= ? ORDER BY valid_from DESC, id DESC",
                List.of(ColumnType.TEXT, ColumnType.DECIMAL, ColumnType.DATE), Value.of(productId), Value.of(typeId),
                Value.of(date));
        List<Value> best = null;
        for (List<Value> row : valid) {
            String currency = text(row.get(0));
            if (currency.equals(target)) {
                return row;
            }
            if (best == null || date(row.get(2)).equals(date(best.get(2))) && better(currency, text(best.get(0)))) {
                best = row;
            }
        }
        if (best != null) {
            return best;
        }
        List<Value> later = first(select(c, "SELECT MIN(valid_from) FROM price"
                        + " WHERE product_id = ? AND price_type_id = ? AND valid_from > ?",
                List.of(ColumnType.DATE), Value.of(productId), Value.of(typeId), Value.of(date)));
        LocalDate next = later == null ? null : date(later.get(0));
        String what = "product " + sku + " (" + productId + ") has no " + typeCode + " price valid on " + date;
        if (next == null) {
            throw new PriceQueryException(Code.NO_PRICE, what + " and none from a later date either",
                    "enter a " + typeCode + " price for it valid from " + date + " or earlier");
        }
        throw new PriceQueryException(Code.NO_PRICE, what + "; the first one is valid from " + next,
                "quote on or after " + next + ", or enter a " + typeCode + " price valid from " + date + " or earlier");
    }

    /** Whether a price in {@code currency} is preferred to one in {@code other} of the same date. */
    private boolean better(String currency, String other) {
        if (other.equals(baseCurrency)) {
            return false;
        }
        return currency.equals(baseCurrency) || currency.compareTo(other) < 0;
    }

    /**
     * Units of the base currency per unit of {@code currency} on {@code date}: the latest rate on or before the
     * date, 1 for the base currency.
     *
     * @throws PriceQueryException {@code no-rate} when there is none
     */
    public BigDecimal rate(Connection c, String currency, LocalDate date) throws SQLException {
        if (currency.equals(baseCurrency)) {
            return BigDecimal.ONE;
        }
        List<Value> row = first(select(c, "SELECT rate, rate_date FROM exchange_rate"
                        + " WHERE currency = ? AND rate_date <= ? ORDER BY rate_date DESC, id DESC",
                List.of(ColumnType.DECIMAL, ColumnType.DATE), Value.of(currency), Value.of(date)));
        if (row == null) {
            throw new PriceQueryException(Code.NO_RATE, "no exchange rate for " + currency + " on or before " + date,
                    "enter the rate of " + currency + " (units of " + baseCurrency + " per 1 " + currency
                            + ") dated " + date + " or earlier");
        }
        BigDecimal rate = decimal(row.get(0));
        if (rate.signum() <= 0) {
            throw new PriceQueryException(Code.NO_RATE, "the exchange rate for " + currency + " dated " + date(row.get(1))
                    + " is " + rate.toPlainString() + ", which cannot convert", "correct that rate; it must be above 0");
        }
        return rate;
    }

    private static BigDecimal ratio(BigDecimal sourceRate, BigDecimal targetRate) {
        BigDecimal ratio = sourceRate.divide(targetRate, RATE_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return ratio.scale() < 0 ? ratio.setScale(0) : ratio;
    }

    /** The product's group and its ancestors, nearest first; stops at a missing parent or a cycle. */
    private List<Group> groups(Connection c, String groupId) throws SQLException {
        List<Group> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = groupId;
        while (id != null && seen.add(id)) {
            List<Value> row = first(select(c, "SELECT parent_id, name FROM product_group WHERE id = ?",
                    List.of(ColumnType.TEXT, ColumnType.TEXT), Value.of(id)));
            if (row == null) {
                break;
            }
            groups.add(new Group(id, text(row.get(1))));
            id = text(row.get(0));
        }
        return groups;
    }

    /** The rules valid on {@code date} that are for this counterparty or for no counterparty. */
    private List<Rule> rules(Connection c, String counterpartyId, LocalDate date) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        for (List<Value> row : select(c, "SELECT id, counterparty_id, customer_category, product_group_id, percent"
                        + " FROM discount_rule WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
                        + " AND (counterparty_id IS NULL OR counterparty_id = ?)",
                List.of(ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT, ColumnType.DECIMAL),
                Value.of(date), Value.of(date), Value.of(counterpartyId))) {
            rules.add(new Rule(text(row.get(0)), text(row.get(1)), text(row.get(2)), text(row.get(3)), decimal(row.get(4))));
        }
        return rules;
    }

    private int minorUnits(Connection c, String currency) throws SQLException {
        List<Value> row = first(select(c, "SELECT minor_units FROM currency WHERE code = ? ORDER BY id",
                List.of(ColumnType.INT), Value.of(currency)));
        return row == null ? DEFAULT_MINOR_UNITS : (int) ((Value.Int) row.get(0)).value();
    }

    private List<List<Value>> select(Connection c, String sql, List<ColumnType> columns, Value... parameters)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                dialect.bind(statement, i + 1, typeOf(parameters[i]), parameters[i]);
            }
            List<List<Value>> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<Value> row = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        row.add(dialect.read(rows, i + 1, columns.get(i)));
                    }
                    result.add(row);
                }
            }
            return result;
        }
    }

    private static ColumnType typeOf(Value value) {
        if (value instanceof Value.Date) {
            return ColumnType.DATE;
        }
        return value instanceof Value.Bool ? ColumnType.BOOL : ColumnType.TEXT;
    }

    private static List<Value> first(List<List<Value>> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String text(Value value) {
        return value instanceof Value.Text text ? text.value() : null;
    }

    private static BigDecimal decimal(Value value) {
        return value instanceof Value.Decimal decimal ? decimal.value() : null;
    }

    private static LocalDate date(Value value) {
        return value instanceof Value.Date date ? date.value() : null;
    }

    private static String normalize(String currency) {
        return Objects.requireNonNull(currency, "currency").trim().toUpperCase(Locale.ROOT);
    }
}
