package dev.filial.node.sales;

import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.document.DocumentNumbers;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.AuditTrail;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.Database;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Customer payments and their allocation to issued invoices. A payment ({@code counterparty_id}, {@code paid_on}
 * (default today), {@code method} cash, bank or card, {@code amount} above 0, {@code currency}, {@code note})
 * settles the invoices named in {@code allocations} ({@code invoice_id}, {@code amount}), or without them the
 * oldest open issued invoices of the same customer and currency by due date; what is left stays unallocated as
 * an advance. Allocation rows are append-only: reversing a payment marks it {@code reversed} and adds a negative
 * allocation for each invoice it settled. Each operation is one captured transaction with an audit entry.
 */
public final class Payments {

    private static final Set<Role> REVERSERS = Set.of(Role.ADMIN, Role.MANAGER);
    private static final Set<String> METHODS = Set.of("cash", "bank", "card");
    private static final Set<String> FIELDS = Set.of("counterparty_id", "paid_on", "method", "amount", "currency",
            "note");

    private final Database database;
    private final ChangeWriter writer;
    private final NodeCode node;
    private final DocumentNumbers numbers;
    private final AuditTrail audit;
    private final RowReader reader;
    private final ClosedPeriods periods;

    public Payments(Database database, ChangeWriter writer) {
        this.database = database;
        this.writer = writer;
        this.node = writer.origin();
        this.numbers = new DocumentNumbers(node);
        this.audit = new AuditTrail(node);
        this.reader = new RowReader(database.dialect());
        this.periods = new ClosedPeriods(database.dialect());
    }

    /** An open invoice: its id, number and what is still unpaid. */
    private record Open(String id, String number, BigDecimal outstanding) {
    }

    /** Records a payment and allocates it; returns it with its allocations. */
    public Map<String, Object> create(Actor actor, Map<String, Object> json) {
        SalesDocuments.require(actor, SalesDocuments.SELLERS, "record payments");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        json.forEach((name, raw) -> {
            if (FIELDS.contains(name)) {
                fields.put(name, raw);
            } else if (!name.equals("allocations") && !name.equals("id")) {
                errors.add(new FieldError(name, "read-only", Schema.PAYMENT.has(name)
                        ? "is set by the node, not by the user" : "is not a field of a payment"));
            }
        });
        Map<String, Value> payment = new LinkedHashMap<>();
        try {
            payment.putAll(Conformance.conform(Schema.PAYMENT, JsonValues.fromJson(Schema.PAYMENT, fields), false));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        List<Map<String, Object>> asked = allocations(json.get("allocations"), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.PAYMENT.name(), errors);
        }
        payment.putIfAbsent("paid_on", Value.of(LocalDate.now()));
        if (payment.get("currency") instanceof Value.Text currency) {
            payment.put("currency", Value.of(currency.value().trim().toUpperCase(Locale.ROOT)));
        }
        return writer.write(changes -> {
            String id = insert(changes, actor, payment, asked);
            return view(changes.connection(), id);
        });
    }

    /** Reverses a posted payment on {@code date} (today when null); returns it with its allocations. */
    public Map<String, Object> reverse(Actor actor, String id, LocalDate date) {
        SalesDocuments.require(actor, REVERSERS, "reverse payments");
        LocalDate on = date != null ? date : LocalDate.now();
        return writer.write(changes -> {
            Map<String, Value> payment = changes.find(Schema.PAYMENT, id)
                    .orElseThrow(() -> new NotFoundException("no payment with id " + id));
            String number = SalesDocument.text(payment, "number");
            String owner = SalesDocument.text(payment, "owning_branch");
            if (!node.toString().equals(owner)) {
                throw new RuleException("not-yours", "payment " + number + " belongs to " + owner,
                        "only " + owner + " reverses it");
            }
            if (!"posted".equals(SalesDocument.text(payment, "status"))) {
                throw new RuleException("wrong-status", "payment " + number + " is "
                        + SalesDocument.text(payment, "status"), "it has been reversed already");
            }
            periods.requireOpen(changes, on, "the reversal of payment " + number);
            Map<String, BigDecimal> settled = new LinkedHashMap<>();
            try {
                reader.where(changes.connection(), Schema.PAYMENT_ALLOCATION, "payment_id", List.of(id)).values()
                        .forEach(row -> settled.merge(SalesDocument.text(row, "invoice_id"),
                                SalesDocument.decimal(row.get("amount")), BigDecimal::add));
            } catch (SQLException e) {
                throw new SalesException("reading the allocations of payment " + number, e);
            }
            settled.forEach((invoice, amount) -> {
                if (amount.signum() != 0) {
                    allocate(changes, id, invoice, amount.negate(), on);
                }
            });
            changes.update(Schema.PAYMENT, id, Map.of("status", Value.of("reversed")));
            audit.record(changes, actor, "reverse", Schema.PAYMENT, id, number);
            return view(changes.connection(), id);
        });
    }

    /** A payment with its allocations and the part not allocated. */
    public Map<String, Object> get(Actor actor, String id) {
        return database.read(connection -> view(connection, id));
    }

    private String insert(Changes changes, Actor actor, Map<String, Value> payment, List<Map<String, Object>> asked) {
        List<FieldError> errors = new ArrayList<>();
        String counterparty = SalesDocument.text(payment, "counterparty_id");
        if (counterparty == null || changes.find(Schema.COUNTERPARTY, counterparty).isEmpty()) {
            errors.add(new FieldError("counterparty_id", counterparty == null ? "required" : "not-found",
                    counterparty == null ? "a payment comes from a customer" : "no counterparty with id "
                            + counterparty));
        }
        String method = SalesDocument.text(payment, "method");
        if (method == null || !METHODS.contains(method)) {
            errors.add(new FieldError("method", method == null ? "required" : "invalid", "must be cash, bank or card"));
        }
        BigDecimal amount = payment.get("amount") instanceof Value.Decimal d ? d.value() : null;
        if (amount == null || amount.signum() <= 0) {
            errors.add(new FieldError("amount", amount == null ? "required" : "invalid", "must be above 0"));
        }
        String currency = SalesDocument.text(payment, "currency");
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            errors.add(new FieldError("currency", currency == null ? "required" : "invalid",
                    "must be a three-letter currency code such as EUR"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.PAYMENT.name(), errors);
        }
        LocalDate paidOn = SalesDocument.date(payment.get("paid_on"));
        Map<String, BigDecimal> plan = asked == null ? oldestFirst(changes, counterparty, currency, amount)
                : planned(changes, counterparty, currency, amount, asked);
        periods.requireOpen(changes, paidOn, "the payment");
        Map<String, Value> row = new LinkedHashMap<>(payment);
        try {
            row.put("number", Value.of(numbers.next(changes.connection(), Schema.PAYMENT.name(), "PM")));
        } catch (SQLException e) {
            throw new SalesException("numbering a payment", e);
        }
        row.put("status", Value.of("posted"));
        row.put("owning_branch", Value.of(node.toString()));
        String id = changes.insert(Schema.PAYMENT, row);
        plan.forEach((invoice, part) -> allocate(changes, id, invoice, part, paidOn));
        audit.record(changes, actor, "create", Schema.PAYMENT, id, SalesDocument.text(row, "number"));
        return id;
    }

    /** The oldest open invoices first (by due date, then date and number) until the amount is used up. */
    private Map<String, BigDecimal> oldestFirst(Changes changes, String counterparty, String currency,
                                                BigDecimal amount) {
        Map<String, BigDecimal> plan = new LinkedHashMap<>();
        BigDecimal rest = amount;
        for (Open invoice : open(changes.connection(), counterparty, currency).values()) {
            if (rest.signum() <= 0) {
                break;
            }
            BigDecimal part = rest.min(invoice.outstanding());
            plan.put(invoice.id(), part);
            rest = rest.subtract(part);
        }
        return plan;
    }

    /** The allocations asked for, each checked against the invoice's customer, currency and outstanding. */
    private Map<String, BigDecimal> planned(Changes changes, String counterparty, String currency, BigDecimal amount,
                                            List<Map<String, Object>> asked) {
        Map<String, Open> open = open(changes.connection(), counterparty, currency);
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> plan = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < asked.size(); i++) {
            String at = "allocations[" + i + "].";
            String invoice = (String) asked.get(i).get("invoice_id");
            BigDecimal part = (BigDecimal) asked.get(i).get("amount");
            Open target = open.get(invoice);
            if (target == null) {
                errors.add(new FieldError(at + "invoice_id", "invalid", whyNot(changes, invoice, counterparty,
                        currency)));
                continue;
            }
            BigDecimal already = plan.getOrDefault(invoice, BigDecimal.ZERO);
            if (already.add(part).compareTo(target.outstanding()) > 0) {
                errors.add(new FieldError(at + "amount", "over-allocation", "invoice " + target.number()
                        + " has " + target.outstanding().toPlainString() + " " + currency + " outstanding"));
                continue;
            }
            plan.put(invoice, already.add(part));
            total = total.add(part);
        }
        if (errors.isEmpty() && total.compareTo(amount) > 0) {
            errors.add(new FieldError("allocations", "over-allocation", "the allocations add up to "
                    + total.toPlainString() + ", more than the payment's " + amount.toPlainString()));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.PAYMENT.name(), errors);
        }
        return plan;
    }

    private static String whyNot(Changes changes, String invoice, String counterparty, String currency) {
        Map<String, Value> row = changes.find(Schema.SALES_DOCUMENT, invoice).orElse(null);
        if (row == null || !"invoice".equals(SalesDocument.text(row, "kind"))) {
            return "no invoice with id " + invoice;
        }
        String number = SalesDocument.text(row, "number");
        if (!counterparty.equals(SalesDocument.text(row, "counterparty_id"))) {
            return "invoice " + number + " is another customer's";
        }
        if (!currency.equals(SalesDocument.text(row, "currency"))) {
            return "invoice " + number + " is in " + SalesDocument.text(row, "currency") + ", the payment in "
                    + currency;
        }
        if (!"issued".equals(SalesDocument.text(row, "status"))) {
            return "invoice " + number + " is " + SalesDocument.text(row, "status") + ", not issued";
        }
        return "invoice " + number + " is paid in full";
    }

    /** Issued invoices of the customer in the currency with something outstanding, oldest due first. */
    private Map<String, Open> open(Connection connection, String counterparty, String currency) {
        Map<String, Open> open = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, number, gross FROM sales_document"
                + " WHERE counterparty_id = ? AND currency = ? AND kind = 'invoice' AND status = 'issued'"
                + " ORDER BY due_on, doc_date, number");
             PreparedStatement paid = connection.prepareStatement("SELECT a.invoice_id, a.amount"
                     + " FROM payment_allocation a JOIN sales_document d ON d.id = a.invoice_id"
                     + " WHERE d.counterparty_id = ? AND d.currency = ? AND d.kind = 'invoice'")) {
            Map<String, BigDecimal> allocated = new LinkedHashMap<>();
            paid.setString(1, counterparty);
            paid.setString(2, currency);
            try (ResultSet rows = paid.executeQuery()) {
                while (rows.next()) {
                    allocated.merge(rows.getString(1), SalesDocument.decimal(database.dialect().read(rows, 2,
                            ColumnType.DECIMAL)), BigDecimal::add);
                }
            }
            select.setString(1, counterparty);
            select.setString(2, currency);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    BigDecimal gross = SalesDocument.decimal(database.dialect().read(rows, 3, ColumnType.DECIMAL));
                    BigDecimal outstanding = gross.subtract(allocated.getOrDefault(rows.getString(1),
                            BigDecimal.ZERO));
                    if (outstanding.signum() > 0) {
                        open.put(rows.getString(1), new Open(rows.getString(1), rows.getString(2), outstanding));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SalesException("reading the open invoices of " + counterparty, e);
        }
        return open;
    }

    private static void allocate(Changes changes, String payment, String invoice, BigDecimal amount, LocalDate on) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("payment_id", Value.of(payment));
        row.put("invoice_id", Value.of(invoice));
        row.put("amount", Value.of(amount));
        row.put("allocated_on", Value.of(on));
        changes.insert(Schema.PAYMENT_ALLOCATION, row);
    }

    /** The allocations asked for in JSON, or null when none were given. */
    private static List<Map<String, Object>> allocations(Object raw, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            errors.add(new FieldError("allocations", "type", "must be a list of {invoice_id, amount}"));
            return List.of();
        }
        List<Map<String, Object>> asked = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "allocations[" + i + "].";
            Map<?, ?> item = list.get(i) instanceof Map<?, ?> map ? map : Map.of();
            Object invoice = item.get("invoice_id");
            if (!(invoice instanceof String)) {
                errors.add(new FieldError(at + "invoice_id", "required", "name the invoice"));
            }
            BigDecimal amount = null;
            try {
                amount = new BigDecimal(String.valueOf(item.get("amount")));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(at + "amount", "type", "must be a number"));
            }
            if (amount != null && (amount.signum() <= 0 || amount.scale() > 2)) {
                errors.add(new FieldError(at + "amount", "invalid", "must be above 0, in cents at most"));
            }
            Map<String, Object> allocation = new LinkedHashMap<>();
            allocation.put("invoice_id", invoice);
            allocation.put("amount", amount);
            asked.add(allocation);
        }
        return asked;
    }

    private Map<String, Object> view(Connection connection, String id) {
        try {
            Map<String, Value> payment = reader.byId(connection, Schema.PAYMENT, List.of(id)).get(id);
            if (payment == null) {
                throw new NotFoundException("no payment with id " + id);
            }
            Map<String, Object> json = JsonValues.toJson(id, payment);
            List<Map<String, Object>> allocations = new ArrayList<>();
            BigDecimal allocated = BigDecimal.ZERO;
            // ids are UUIDv7: in id order is in the order they were written
            for (Map.Entry<String, Map<String, Value>> row : new java.util.TreeMap<>(reader.where(connection,
                    Schema.PAYMENT_ALLOCATION, "payment_id", List.of(id))).entrySet()) {
                allocations.add(JsonValues.toJson(row.getKey(), row.getValue()));
                allocated = allocated.add(SalesDocument.decimal(row.getValue().get("amount")));
            }
            json.put("allocations", allocations);
            json.put("unallocated", "posted".equals(SalesDocument.text(payment, "status"))
                    ? SalesDocument.decimal(payment.get("amount")).subtract(allocated).toPlainString() : "0.00");
            return json;
        } catch (SQLException e) {
            throw new SalesException("reading payment " + id, e);
        }
    }
}
