package dev.filial.node.sales;

import dev.filial.node.catalog.BaseCurrency;
import dev.filial.node.catalog.PriceQuery;
import dev.filial.node.catalog.PriceQueryException;
import dev.filial.node.document.RuleException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a customer owes or has committed to, against its credit limit: open orders (status {@code confirmed} or
 * {@code on_hold} with no issued invoice made from them) plus the outstanding part of its issued invoices
 * (gross minus allocations). Amounts in other currencies are converted to the currency asked for with the
 * exchange rates {@link PriceQuery#rate} reads (the latest on or before the date, the base currency 1); each
 * currency's sum is converted once and the total rounded once, HALF_UP, to cents.
 *
 * <p>{@code counterparty.credit_limit} is in the company's base currency and is converted the same way; null
 * means no limit. HQ reuses this class for its own credit-limit rule.
 */
public final class CustomerExposure {

    private static final int SCALE = 2;
    private static final int RATE_SCALE = 12;

    private final Dialect dialect;
    private final PriceQuery rates;

    /** Exposure read with {@code prices}' base currency and rates. */
    public CustomerExposure(Dialect dialect, PriceQuery prices) {
        this.dialect = dialect;
        this.rates = prices;
    }

    /** Exposure on {@code database}, in its node's base currency. */
    public CustomerExposure(Database database) {
        this(database.dialect(), new PriceQuery(database, BaseCurrency.of(database)));
    }

    /**
     * A customer's exposure in {@code currency} on {@code date}.
     *
     * @param limit        the credit limit converted to {@code currency}, or null when there is none
     * @param openOrders   gross of its open orders
     * @param outstanding  the unpaid part of its issued invoices
     */
    public record Exposure(String counterpartyId, String currency, BigDecimal limit, BigDecimal openOrders,
                           BigDecimal outstanding) {

        /** Open orders plus outstanding invoices. */
        public BigDecimal total() {
            return openOrders.add(outstanding);
        }
    }

    /**
     * The exposure of counterparty {@code counterpartyId} read on {@code connection}.
     *
     * @throws RuleException {@code no-rate} when an amount cannot be converted
     */
    public Exposure of(Connection connection, String counterpartyId, String currency, LocalDate date)
            throws SQLException {
        Map<String, BigDecimal> orders = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT o.currency, o.gross FROM sales_document o"
                + " WHERE o.counterparty_id = ? AND o.kind = 'order' AND o.status IN ('confirmed', 'on_hold')"
                + " AND NOT EXISTS (SELECT 1 FROM sales_document i WHERE i.base_id = o.id AND i.kind = 'invoice'"
                + " AND i.status = 'issued')")) {
            select.setString(1, counterpartyId);
            sum(select, orders);
        }
        Map<String, BigDecimal> invoices = new LinkedHashMap<>();
        try (PreparedStatement gross = connection.prepareStatement("SELECT currency, gross FROM sales_document"
                + " WHERE counterparty_id = ? AND kind = 'invoice' AND status = 'issued'");
             PreparedStatement paid = connection.prepareStatement("SELECT d.currency, a.amount"
                     + " FROM payment_allocation a JOIN sales_document d ON d.id = a.invoice_id"
                     + " WHERE d.counterparty_id = ? AND d.kind = 'invoice' AND d.status = 'issued'")) {
            gross.setString(1, counterpartyId);
            sum(gross, invoices);
            paid.setString(1, counterpartyId);
            Map<String, BigDecimal> allocated = new LinkedHashMap<>();
            sum(paid, allocated);
            allocated.forEach((code, amount) -> invoices.merge(code, amount.negate(), BigDecimal::add));
        }
        BigDecimal limit = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT credit_limit FROM counterparty WHERE id = ?")) {
            select.setString(1, counterpartyId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && dialect.read(row, 1, ColumnType.DECIMAL) instanceof Value.Decimal d) {
                    limit = convert(connection, Map.of(rates.baseCurrency(), d.value()), currency, date);
                }
            }
        }
        return new Exposure(counterpartyId, currency, limit, convert(connection, orders, currency, date),
                convert(connection, invoices, currency, date));
    }

    /**
     * Checks that adding {@code gross} (in {@code currency}) keeps the customer within its limit.
     *
     * @throws RuleException {@code credit-limit} naming the limit, the exposure and the gross
     */
    public void require(Connection connection, String counterpartyId, String currency, LocalDate date,
                        BigDecimal gross, String what) throws SQLException {
        Exposure exposure = of(connection, counterpartyId, currency, date);
        if (exposure.limit() != null && exposure.total().add(gross).compareTo(exposure.limit()) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("counterparty_id", counterpartyId);
            detail.put("currency", currency);
            detail.put("credit_limit", exposure.limit().toPlainString());
            detail.put("open_orders", exposure.openOrders().toPlainString());
            detail.put("outstanding_invoices", exposure.outstanding().toPlainString());
            detail.put("exposure", exposure.total().toPlainString());
            detail.put("gross", gross.toPlainString());
            throw new RuleException("credit-limit", what + " of " + gross.toPlainString() + " " + currency
                    + " would take the customer to " + exposure.total().add(gross).toPlainString() + " " + currency
                    + ", over its credit limit of " + exposure.limit().toPlainString() + " " + currency
                    + " (exposure now " + exposure.total().toPlainString() + ")",
                    "collect a payment first, lower the order, or raise the customer's credit limit",
                    List.of(detail));
        }
    }

    private void sum(PreparedStatement select, Map<String, BigDecimal> into) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String code = rows.getString(1);
                into.merge(code, SalesDocument.decimal(dialect.read(rows, 2, ColumnType.DECIMAL)), BigDecimal::add);
            }
        }
    }

    private BigDecimal convert(Connection connection, Map<String, BigDecimal> amounts, String currency,
                               LocalDate date) throws SQLException {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> amount : amounts.entrySet()) {
            if (amount.getKey().equals(currency) || amount.getValue().signum() == 0) {
                total = total.add(amount.getValue());
                continue;
            }
            try {
                BigDecimal source = rates.rate(connection, amount.getKey(), date);
                BigDecimal target = rates.rate(connection, currency, date);
                total = total.add(amount.getValue().multiply(source).divide(target, RATE_SCALE, RoundingMode.HALF_UP));
            } catch (PriceQueryException e) {
                throw new RuleException("no-rate", "the customer's " + amount.getKey() + " amounts cannot be "
                        + "converted to " + currency + ": " + e.getMessage(), e.hint());
            }
        }
        return total.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
