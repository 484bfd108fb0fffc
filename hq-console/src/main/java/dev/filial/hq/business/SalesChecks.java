package dev.filial.hq.business;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.filial.node.sales.CustomerExposure;

/**
 * The business rules over sales: a customer's credit limit exceeded by orders from several nodes, an invoice
 * paid beyond its gross at several nodes.
 */
final class SalesChecks {

    private final Hub hub;
    private final BusinessRules rules;
    private final BusinessDecisions decisions;
    private final Entries entries;

    SalesChecks(Hub hub, BusinessRules rules, BusinessDecisions decisions, Entries entries) {
        this.hub = hub;
        this.rules = rules;
        this.decisions = decisions;
        this.entries = entries;
    }

    /**
     * A confirmed order that takes its customer over the credit limit at HQ, where the orders of every node
     * meet (a branch and an agent each stayed within the limit on their own).
     */
    Optional<Conflict> creditLimit(Changes changes, Written order) throws SQLException {
        Optional<Map<String, Value>> row = changes.find(Schema.SALES_DOCUMENT, order.id());
        if (row.isEmpty() || !Value.of("confirmed").equals(row.get().get("status"))
                || !Value.of("order").equals(row.get().get("kind"))) {
            return Optional.empty();
        }
        String customer = Entries.text(row.get().get("counterparty_id"));
        String currency = Entries.text(row.get().get("currency"));
        CustomerExposure.Exposure exposure = new CustomerExposure(hub.node().database()).of(changes.connection(),
                customer, currency,
                ((Value.Date) row.get().get("doc_date")).value());
        if (exposure.limit() == null || exposure.total().compareTo(exposure.limit()) <= 0) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("counterparty_id", customer);
        subject.put("customer", Entries.name(changes, Schema.COUNTERPARTY.name(), "name", customer));
        subject.put("currency", currency);
        subject.put("credit_limit", exposure.limit().toPlainString());
        subject.put("open_orders", exposure.openOrders().toPlainString());
        subject.put("outstanding_invoices", exposure.outstanding().toPlainString());
        subject.put("exposure", exposure.total().toPlainString());
        subject.put("orders", openOrders(changes, customer));
        Conflict entry = entries.entry("credit-limit", Schema.SALES_DOCUMENT.name(), order.id(), rules.creditLimit(),
                order.origin(), order.hlc(), order.txId(), subject, Map.of("credit_limit",
                        exposure.limit().toPlainString()), "the open orders and unpaid invoices of " + subject.get(
                        "customer") + " reach " + exposure.total().toPlainString() + " " + currency
                        + " at HQ, over its credit limit of " + exposure.limit().toPlainString() + " " + currency);
        if (rules.creditLimit() == BusinessRules.Action.HOLD) {
            return Optional.of(decisions.hold(changes, entry, "rule"));
        }
        return Optional.of(entry);
    }

    /**
     * An invoice that payments recorded at several nodes settle beyond its gross (both took the customer's
     * money against it offline): the excess is taken back from the allocations that arrived last, so it stays
     * with their payments as an advance; nothing of the money is lost.
     */
    Optional<Conflict> overAllocation(Changes changes, String invoice, Written last) throws SQLException {
        Optional<Map<String, Value>> row = changes.find(Schema.SALES_DOCUMENT, invoice);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal gross = Entries.decimal(row.get().get("gross"));
        PreparedStatement select = changes.prepared("SELECT a.id, a.payment_id, a.amount, p.number, p.owning_branch"
                + " FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.invoice_id = ?"
                + " ORDER BY a.id");
        select.setString(1, invoice);
        List<Map<String, Object>> allocations = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                BigDecimal amount = Entries.decimal(hub.node().database().dialect().read(rows, 3, ColumnType.DECIMAL));
                total = total.add(amount);
                Map<String, Object> allocation = new LinkedHashMap<>();
                allocation.put("id", rows.getString(1));
                allocation.put("payment_id", rows.getString(2));
                allocation.put("amount", amount);
                allocation.put("payment", rows.getString(4));
                allocation.put("owning_branch", rows.getString(5));
                allocations.add(allocation);
            }
        }
        if (total.compareTo(gross) <= 0) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("invoice", Entries.text(row.get().get("number")));
        subject.put("gross", gross.toPlainString());
        subject.put("allocated", total.toPlainString());
        List<Map<String, Object>> shown = new ArrayList<>();
        allocations.forEach(allocation -> {
            Map<String, Object> copy = new LinkedHashMap<>(allocation);
            copy.put("amount", ((BigDecimal) allocation.get("amount")).toPlainString());
            shown.add(copy);
        });
        subject.put("allocations", shown);
        Conflict entry = entries.entry("over-allocation", Schema.SALES_DOCUMENT.name(), invoice,
                BusinessRules.Action.REVERSE, last.origin(), last.hlc(), last.txId(), subject,
                Map.of("gross", gross.toPlainString()), "payments allocate " + total.toPlainString() + " to invoice "
                        + subject.get("invoice") + " of " + gross.toPlainString());
        return Optional.of(decisions.trimAllocations(changes, entry, invoice, allocations, total.subtract(gross)));
    }

    /** The customer's confirmed and held orders: number, branch, gross, status. */
    private static List<Map<String, Object>> openOrders(Changes changes, String customer) throws SQLException {
        PreparedStatement select = changes.prepared("SELECT number, owning_branch, currency, gross, status"
                + " FROM sales_document WHERE counterparty_id = ? AND kind = 'order'"
                + " AND status IN ('confirmed', 'on_hold') ORDER BY doc_date, number");
        select.setString(1, customer);
        List<Map<String, Object>> orders = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("number", rows.getString(1));
                order.put("owning_branch", rows.getString(2));
                order.put("currency", rows.getString(3));
                order.put("gross", rows.getString(4));
                order.put("status", rows.getString(5));
                orders.add(order);
            }
        }
        return orders;
    }
}
