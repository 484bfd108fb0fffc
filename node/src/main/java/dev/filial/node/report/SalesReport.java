package dev.filial.node.report;

import dev.filial.node.store.FieldError;
import dev.filial.node.store.ValidationException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sales: issued invoices dated in the period (drafts and cancelled invoices never count), grouped by any of
 * a period (day, week, month, quarter, year), branch, manager, customer and product, and always by currency
 * (amounts in different currencies are never added). Per group: the number of invoices, and the sums of line
 * quantities, net, VAT and gross. Without product grouping the amounts are the invoices' own totals; with it
 * the lines' amounts of that product (an invoice counts once in every product group it has a line in).
 */
final class SalesReport implements Reports.Definition {

    static final List<String> PERIODS = List.of("day", "week", "month", "quarter", "year");
    static final List<String> GROUPS = List.of("day", "week", "month", "quarter", "year", "branch", "manager",
            "customer", "product");

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "group", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        List<String> group = groups(parameters.group());
        boolean byProduct = group.contains("product");
        StringBuilder where = new StringBuilder(" WHERE d.kind = 'invoice' AND d.status = 'issued'");
        List<Object> arguments = new ArrayList<>();
        if (parameters.from() != null) {
            where.append(" AND d.doc_date >= ?");
            arguments.add(parameters.from());
        }
        if (parameters.to() != null) {
            where.append(" AND d.doc_date <= ?");
            arguments.add(parameters.to());
        }
        if (parameters.branch() != null) {
            where.append(" AND d.owning_branch = ?");
            arguments.add(parameters.branch());
        }
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        try (PreparedStatement select = reading.prepare("SELECT d.id, d.doc_date, d.counterparty_id, d.currency,"
                + " d.net, d.vat, d.gross, d.manager, d.owning_branch FROM sales_document d" + where, arguments);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                invoices.put(rows.getString(1), new Invoice(rows.getString(1), reading.date(rows, 2),
                        rows.getString(3), rows.getString(4), reading.decimal(rows, 5), reading.decimal(rows, 6),
                        reading.decimal(rows, 7), rows.getString(8), rows.getString(9)));
            }
        }
        Map<String, List<String>> customers = group.contains("customer")
                ? reading.texts("counterparty", "name", "tax_id") : Map.of();
        Map<String, List<String>> products = byProduct ? reading.texts("product", "sku", "name") : Map.of();
        Map<List<Object>, Sums> groups = new HashMap<>();
        Map<String, BigDecimal> quantities = new HashMap<>();
        try (PreparedStatement select = reading.prepare("SELECT l.document_id, l.product_id, l.quantity, l.net,"
                + " l.vat, l.gross FROM sales_line l JOIN sales_document d ON d.id = l.document_id" + where,
                arguments); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Invoice invoice = invoices.get(rows.getString(1));
                if (invoice == null) {
                    continue; // issued after the first read: not in this snapshot's invoices (Derby)
                }
                BigDecimal quantity = reading.decimal(rows, 3);
                if (byProduct) {
                    List<Object> key = key(group, invoice, rows.getString(2), customers, products);
                    groups.computeIfAbsent(key, k -> new Sums()).add(invoice.id, quantity, reading.decimal(rows, 4),
                            reading.decimal(rows, 5), reading.decimal(rows, 6));
                } else {
                    quantities.merge(invoice.id, quantity, BigDecimal::add);
                }
            }
        }
        if (!byProduct) {
            for (Invoice invoice : invoices.values()) {
                groups.computeIfAbsent(key(group, invoice, null, customers, products), k -> new Sums()).add(invoice.id,
                        quantities.getOrDefault(invoice.id, BigDecimal.ZERO), invoice.net, invoice.vat, invoice.gross);
            }
        }
        List<ReportColumn> columns = new ArrayList<>();
        for (String name : group) {
            switch (name) {
                case "day" -> columns.add(ReportColumn.date("day"));
                case "customer" -> {
                    columns.add(ReportColumn.text("customer"));
                    columns.add(ReportColumn.text("tax_id"));
                }
                case "product" -> {
                    columns.add(ReportColumn.text("sku"));
                    columns.add(ReportColumn.text("product"));
                }
                default -> columns.add(ReportColumn.text(name));
            }
        }
        columns.add(ReportColumn.text("currency"));
        columns.add(ReportColumn.integer("invoices"));
        columns.add(ReportColumn.decimal("quantity"));
        columns.add(ReportColumn.decimal("net"));
        columns.add(ReportColumn.decimal("vat"));
        columns.add(ReportColumn.decimal("gross"));
        List<List<Object>> keys = new ArrayList<>(groups.keySet());
        keys.sort(KEY_ORDER);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> key : keys) {
            Sums sums = groups.get(key);
            List<Object> row = new ArrayList<>(key);
            row.add((long) sums.invoices.size());
            row.add(sums.quantity);
            row.add(sums.net);
            row.add(sums.vat);
            row.add(sums.gross);
            rows.add(row);
        }
        return new Report("sales", "Sales", columns, rows, parameters.asText());
    }

    /** Sorts group keys column by column: dates and text naturally, absent values first. */
    static final Comparator<List<?>> KEY_ORDER = (left, right) -> {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = Cells.text(left.get(i)).compareTo(Cells.text(right.get(i)));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private static List<String> groups(List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        List<String> group = new ArrayList<>();
        for (String name : requested) {
            if (!GROUPS.contains(name)) {
                errors.add(new FieldError("group", "invalid", "'" + name + "' is not a grouping; use any of "
                        + String.join(", ", GROUPS)));
            } else if (!group.contains(name)) {
                group.add(name);
            }
        }
        if (group.stream().filter(PERIODS::contains).count() > 1) {
            errors.add(new FieldError("group", "invalid",
                    "group by one period only: day, week, month, quarter or year"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("report sales", errors);
        }
        return group;
    }

    private static List<Object> key(List<String> group, Invoice invoice, String productId,
                                    Map<String, List<String>> customers, Map<String, List<String>> products) {
        List<Object> key = new ArrayList<>();
        for (String name : group) {
            LocalDate date = invoice.date;
            switch (name) {
                case "day" -> key.add(date);
                case "week" -> key.add(String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case "month" -> key.add(String.format("%d-%02d", date.getYear(), date.getMonthValue()));
                case "quarter" -> key.add(date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR));
                case "year" -> key.add(String.valueOf(date.getYear()));
                case "branch" -> key.add(invoice.branch);
                case "manager" -> key.add(invoice.manager);
                case "customer" -> {
                    List<String> customer = customers.getOrDefault(invoice.customer,
                            java.util.Arrays.asList(invoice.customer, null));
                    key.add(customer.get(0));
                    key.add(customer.get(1));
                }
                case "product" -> {
                    List<String> product = products.getOrDefault(productId, java.util.Arrays.asList(productId, null));
                    key.add(product.get(0));
                    key.add(product.get(1));
                }
                default -> throw new IllegalStateException(name);
            }
        }
        key.add(invoice.currency);
        return key;
    }

    private record Invoice(String id, LocalDate date, String customer, String currency, BigDecimal net,
                           BigDecimal vat, BigDecimal gross, String manager, String branch) {
    }

    /** The sums of one group. */
    private static final class Sums {
        final Set<String> invoices = new HashSet<>();
        BigDecimal quantity = BigDecimal.ZERO.setScale(3);
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        BigDecimal vat = BigDecimal.ZERO.setScale(2);
        BigDecimal gross = BigDecimal.ZERO.setScale(2);

        void add(String invoice, BigDecimal quantity, BigDecimal net, BigDecimal vat, BigDecimal gross) {
            invoices.add(invoice);
            this.quantity = this.quantity.add(quantity);
            this.net = this.net.add(net);
            this.vat = this.vat.add(vat);
            this.gross = this.gross.add(gross);
        }
    }
}
