package dev.filial.node.report;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Debtors on a day ({@code on}, default today): per customer and currency, the issued invoices dated up to
 * that day that are not fully paid by it (outstanding = gross - the sum of the invoice's payment allocations
 * made up to that day, reversals being negative allocations), how much of that is overdue (due before that
 * day), the oldest due date among them and the days the oldest overdue one is late (0 when none is).
 */
final class DebtorsReport implements Reports.Definition {

    private final Supplier<LocalDate> today;

    DebtorsReport(Supplier<LocalDate> today) {
        this.today = today;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("on", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        LocalDate on = parameters.on() != null ? parameters.on() : today.get();
        String where = " WHERE d.kind = 'invoice' AND d.status = 'issued' AND d.doc_date <= ?"
                + (parameters.branch() != null ? " AND d.owning_branch = ?" : "");
        List<Object> arguments = new ArrayList<>(List.of(on));
        if (parameters.branch() != null) {
            arguments.add(parameters.branch());
        }
        Map<String, BigDecimal> paid = new HashMap<>();
        List<Object> allocationArguments = new ArrayList<>(List.of(on));
        allocationArguments.addAll(arguments);
        try (PreparedStatement select = reading.prepare("SELECT a.invoice_id, a.amount FROM payment_allocation a"
                + " JOIN sales_document d ON d.id = a.invoice_id" + where.replace(" WHERE ", " WHERE a.allocated_on"
                + " <= ? AND "), allocationArguments); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                paid.merge(rows.getString(1), reading.decimal(rows, 2), BigDecimal::add);
            }
        }
        Map<String, List<String>> customers = reading.texts("counterparty", "name", "tax_id");
        Map<List<String>, Debt> debts = new LinkedHashMap<>();
        try (PreparedStatement select = reading.prepare("SELECT d.id, d.counterparty_id, d.currency, d.gross,"
                + " d.due_on, d.doc_date FROM sales_document d" + where, arguments);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                BigDecimal outstanding = reading.decimal(rows, 4).subtract(paid.getOrDefault(rows.getString(1),
                        BigDecimal.ZERO));
                if (outstanding.signum() <= 0) {
                    continue;
                }
                LocalDate due = reading.date(rows, 5) != null ? reading.date(rows, 5) : reading.date(rows, 6);
                List<String> customer = customers.getOrDefault(rows.getString(2),
                        java.util.Arrays.asList(rows.getString(2), null));
                List<String> key = java.util.Arrays.asList(customer.get(0), customer.get(1), rows.getString(3));
                debts.computeIfAbsent(key, k -> new Debt()).add(outstanding, due, due.isBefore(on));
            }
        }
        List<List<String>> keys = new ArrayList<>(debts.keySet());
        keys.sort(SalesReport.KEY_ORDER);
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> key : keys) {
            Debt debt = debts.get(key);
            rows.add(new ArrayList<>(java.util.Arrays.asList(key.get(0), key.get(1), key.get(2), debt.invoices,
                    debt.outstanding, debt.overdue, debt.oldestDue,
                    debt.oldestOverdue == null ? 0L : ChronoUnit.DAYS.between(debt.oldestOverdue, on))));
        }
        Map<String, String> used = new LinkedHashMap<>(parameters.asText());
        used.put("on", on.toString());
        return new Report("debtors", "Debtors", List.of(ReportColumn.text("customer"), ReportColumn.text("tax_id"),
                ReportColumn.text("currency"), ReportColumn.integer("invoices"), ReportColumn.decimal("outstanding"),
                ReportColumn.decimal("overdue"), ReportColumn.date("oldest_due"), ReportColumn.integer("days_overdue")),
                rows, used);
    }

    /** What one customer owes in one currency. */
    private static final class Debt {
        long invoices;
        BigDecimal outstanding = BigDecimal.ZERO.setScale(2);
        BigDecimal overdue = BigDecimal.ZERO.setScale(2);
        LocalDate oldestDue;
        LocalDate oldestOverdue;

        void add(BigDecimal amount, LocalDate due, boolean late) {
            invoices++;
            outstanding = outstanding.add(amount);
            if (oldestDue == null || due.isBefore(oldestDue)) {
                oldestDue = due;
            }
            if (late) {
                overdue = overdue.add(amount);
                if (oldestOverdue == null || due.isBefore(oldestOverdue)) {
                    oldestOverdue = due;
                }
            }
        }
    }
}
