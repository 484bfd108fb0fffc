package dev.filial.node.sales;

import dev.filial.node.capture.RowReader;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Database;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What customers owe, read in one snapshot and summed in Java (decimals are text on SQLite): a customer's
 * balance per currency (gross of issued invoices minus posted payments), the debtors (customers with outstanding
 * issued invoices, per currency) and the overdue invoices ({@code due_on} before the day, something outstanding).
 * Amounts of different currencies are never added.
 */
public final class Receivables {

    private final Database database;
    private final Dialect dialect;
    private final RowReader reader;

    public Receivables(Database database) {
        this.database = database;
        this.dialect = database.dialect();
        this.reader = new RowReader(database.dialect());
    }

    /** An issued invoice with what is paid of it. */
    private record Invoice(String id, String number, String counterparty, String currency, LocalDate date,
                           LocalDate due, BigDecimal gross, BigDecimal paid) {

        BigDecimal outstanding() {
            return gross.subtract(paid);
        }
    }

    /** {@code {counterparty_id, name, balances: [{currency, invoiced, paid, balance}]}}. */
    public Map<String, Object> balance(String counterpartyId) {
        return database.snapshot(connection -> {
            Map<String, Value> customer = reader.byId(connection, Schema.COUNTERPARTY, List.of(counterpartyId))
                    .get(counterpartyId);
            if (customer == null) {
                throw new NotFoundException("no counterparty with id " + counterpartyId);
            }
            Map<String, BigDecimal[]> sums = new TreeMap<>();
            for (Invoice invoice : invoices(connection, counterpartyId)) {
                BigDecimal[] sum = sums.computeIfAbsent(invoice.currency(), c -> zeros());
                sum[0] = sum[0].add(invoice.gross());
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT currency, amount FROM payment"
                    + " WHERE counterparty_id = ? AND status = 'posted'")) {
                select.setString(1, counterpartyId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        BigDecimal[] sum = sums.computeIfAbsent(rows.getString(1), c -> zeros());
                        sum[1] = sum[1].add(decimal(rows, 2));
                    }
                }
            }
            List<Map<String, Object>> balances = new ArrayList<>();
            sums.forEach((currency, sum) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("currency", currency);
                row.put("invoiced", sum[0].toPlainString());
                row.put("paid", sum[1].toPlainString());
                row.put("balance", sum[0].subtract(sum[1]).toPlainString());
                balances.add(row);
            });
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("counterparty_id", counterpartyId);
            answer.put("name", SalesDocument.text(customer, "name"));
            answer.put("balances", balances);
            return answer;
        });
    }

    /**
     * Customers with outstanding issued invoices, one row per customer and currency ({@code outstanding},
     * {@code overdue} as of {@code today}, {@code invoices}, {@code oldest_due}), by name then currency.
     */
    public List<Map<String, Object>> debtors(LocalDate today) {
        return database.snapshot(connection -> {
            Map<List<String>, List<Invoice>> grouped = invoices(connection, null).stream()
                    .filter(invoice -> invoice.outstanding().signum() > 0)
                    .collect(Collectors.groupingBy(invoice -> List.of(invoice.counterparty(), invoice.currency()),
                            LinkedHashMap::new, Collectors.toList()));
            Map<String, String> names = names(connection, grouped.keySet().stream().map(key -> key.get(0))
                    .collect(Collectors.toSet()));
            List<Map<String, Object>> rows = new ArrayList<>();
            grouped.forEach((key, invoices) -> {
                BigDecimal outstanding = BigDecimal.ZERO.setScale(2);
                BigDecimal overdue = BigDecimal.ZERO.setScale(2);
                LocalDate oldest = null;
                for (Invoice invoice : invoices) {
                    outstanding = outstanding.add(invoice.outstanding());
                    if (invoice.due() != null && invoice.due().isBefore(today)) {
                        overdue = overdue.add(invoice.outstanding());
                    }
                    if (invoice.due() != null && (oldest == null || invoice.due().isBefore(oldest))) {
                        oldest = invoice.due();
                    }
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("counterparty_id", key.get(0));
                row.put("name", names.get(key.get(0)));
                row.put("currency", key.get(1));
                row.put("outstanding", outstanding.toPlainString());
                row.put("overdue", overdue.toPlainString());
                row.put("invoices", invoices.size());
                row.put("oldest_due", oldest == null ? null : oldest.toString());
                rows.add(row);
            });
            rows.sort(Comparator.comparing((Map<String, Object> row) -> String.valueOf(row.get("name")))
                    .thenComparing(row -> String.valueOf(row.get("currency"))));
            return rows;
        });
    }

    /** Issued invoices due before {@code today} with something outstanding, oldest due first. */
    public List<Map<String, Object>> overdue(LocalDate today) {
        return database.snapshot(connection -> {
            List<Invoice> overdue = invoices(connection, null).stream()
                    .filter(invoice -> invoice.outstanding().signum() > 0 && invoice.due() != null
                            && invoice.due().isBefore(today))
                    .sorted(Comparator.comparing(Invoice::due).thenComparing(Invoice::number))
                    .toList();
            Map<String, String> names = names(connection, overdue.stream().map(Invoice::counterparty)
                    .collect(Collectors.toSet()));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Invoice invoice : overdue) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", invoice.id());
                row.put("number", invoice.number());
                row.put("counterparty_id", invoice.counterparty());
                row.put("name", names.get(invoice.counterparty()));
                row.put("currency", invoice.currency());
                row.put("doc_date", invoice.date().toString());
                row.put("due_on", invoice.due().toString());
                row.put("gross", invoice.gross().toPlainString());
                row.put("paid", invoice.paid().toPlainString());
                row.put("outstanding", invoice.outstanding().toPlainString());
                row.put("days_overdue", ChronoUnit.DAYS.between(invoice.due(), today));
                rows.add(row);
            }
            return rows;
        });
    }

    /** Issued invoices (of one customer, or of all when null) with their allocations summed. */
    private List<Invoice> invoices(Connection connection, String counterparty) throws SQLException {
        String only = counterparty == null ? "" : " AND d.counterparty_id = ?";
        Map<String, BigDecimal> paid = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT a.invoice_id, a.amount"
                + " FROM payment_allocation a JOIN sales_document d ON d.id = a.invoice_id"
                + " WHERE d.kind = 'invoice' AND d.status = 'issued'" + only)) {
            if (counterparty != null) {
                select.setString(1, counterparty);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    paid.merge(rows.getString(1), decimal(rows, 2), BigDecimal::add);
                }
            }
        }
        List<Invoice> invoices = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT d.id, d.number, d.counterparty_id,"
                + " d.currency, d.doc_date, d.due_on, d.gross FROM sales_document d"
                + " WHERE d.kind = 'invoice' AND d.status = 'issued'" + only)) {
            if (counterparty != null) {
                select.setString(1, counterparty);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    invoices.add(new Invoice(id, rows.getString(2), rows.getString(3), rows.getString(4),
                            SalesDocument.date(dialect.read(rows, 5, ColumnType.DATE)),
                            SalesDocument.date(dialect.read(rows, 6, ColumnType.DATE)), decimal(rows, 7),
                            paid.getOrDefault(id, BigDecimal.ZERO)));
                }
            }
        }
        return invoices;
    }

    private Map<String, String> names(Connection connection, Set<String> ids) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        reader.byId(connection, Schema.COUNTERPARTY, ids).forEach((id, row) ->
                names.put(id, SalesDocument.text(row, "name")));
        return names;
    }

    private BigDecimal decimal(ResultSet rows, int column) throws SQLException {
        return SalesDocument.decimal(dialect.read(rows, column, ColumnType.DECIMAL));
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)};
    }
}
