package dev.filial.node.sales;

import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.catalog.BaseCurrency;
import dev.filial.node.catalog.PriceQuery;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.document.DocumentJson;
import dev.filial.node.document.DocumentNumbers;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.AuditTrail;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.stock.Reservations;
import dev.filial.node.stock.StockDocuments;
import dev.filial.node.store.ColumnType;
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
import java.util.Map;
import java.util.Set;

/**
 * Quotes, customer orders and invoices ({@code sales_document} with {@code sales_line}s): drafts priced by
 * {@link LinePricing}, and the transitions between them. Each operation is one captured transaction with an
 * audit entry, refused as a whole ({@link RuleException}, {@link ValidationException}) with nothing written.
 * Only the node that owns a document changes it, and nothing dated in the closed period is written.
 *
 * <ul>
 * <li>quote: {@code draft -> sent -> accepted | rejected}; an accepted (or sent) quote becomes an order.</li>
 * <li>order: {@code draft -> confirmed -> shipped}, or {@code cancelled}. Confirming checks the credit limit
 *     ({@link CustomerExposure}) and reserves the goods when this node holds the order's warehouse; shipping
 *     posts a shipment stock document for what is still unshipped; a held order ({@code on_hold}) ships not.</li>
 * <li>invoice: made from an order as a draft, {@code draft -> issued}, or {@code cancelled} while no payment
 *     is allocated to it.</li>
 * </ul>
 *
 * <p>The JSON of a draft is the header ({@code kind}, {@code counterparty_id}, {@code doc_date} (default today),
 * {@code currency} (default the base currency), {@code price_type_id}, {@code warehouse_id}, {@code deal_id},
 * {@code due_on}, {@code manager}, {@code note}) and {@code lines} of {@code product_id}, {@code quantity} and an
 * optional {@code discount} in percent.
 */
public final class SalesDocuments {

    /** Who sells: admins, managers and agents. */
    static final Set<Role> SELLERS = Set.of(Role.ADMIN, Role.MANAGER, Role.AGENT);

    static final Set<String> KINDS = Set.of("quote", "order", "invoice");
    private static final Map<String, String> SERIES = Map.of("quote", "QT", "order", "OR", "invoice", "IN");
    /** Header fields whose change re-prices the lines. */
    private static final Set<String> PRICING = Set.of("counterparty_id", "currency", "price_type_id", "doc_date");

    private final Database database;
    private final ChangeWriter writer;
    private final NodeCode node;
    private final DocumentNumbers numbers;
    private final AuditTrail audit;
    private final RowReader reader;
    private final ClosedPeriods periods;
    private final StockDocuments stock;
    private final Reservations reservations;
    private final ShipmentPlan plan;

    public SalesDocuments(Database database, ChangeWriter writer, StockDocuments stock) {
        this.database = database;
        this.writer = writer;
        this.node = writer.origin();
        this.numbers = new DocumentNumbers(node);
        this.audit = new AuditTrail(node);
        this.reader = new RowReader(database.dialect());
        this.periods = new ClosedPeriods(database.dialect());
        this.stock = stock;
        this.reservations = new Reservations(database.dialect());
        this.plan = new ShipmentPlan(database.dialect());
    }

    /** Creates a priced draft from JSON; returns it with its lines. */
    public Map<String, Object> create(Actor actor, Map<String, Object> json) {
        require(actor, SELLERS, "create sales documents");
        DocumentJson.Input input = SalesDrafts.read(json, true);
        PriceQuery prices = prices();
        return writer.write(changes -> {
            Map<String, Value> header = new LinkedHashMap<>(input.header());
            header.putIfAbsent("doc_date", Value.of(LocalDate.now()));
            header.putIfAbsent("currency", Value.of(prices.baseCurrency()));
            List<Map<String, Value>> lines = checked(changes, actor, prices, header, input.lines());
            String kind = SalesDocument.text(header, "kind");
            String id = insert(changes, actor, kind, header, lines, "create");
            return view(changes.connection(), id);
        });
    }

    /** Changes a draft: the header fields given, and all its lines when {@code lines} is given (re-priced). */
    public Map<String, Object> update(Actor actor, String id, Map<String, Object> json) {
        require(actor, SELLERS, "change sales documents");
        DocumentJson.Input input = SalesDrafts.read(json, false);
        PriceQuery prices = prices();
        return writer.write(changes -> {
            SalesDocument document = ownDraft(changes, id);
            open(changes, document.date(), document);
            Map<String, Value> header = new LinkedHashMap<>(document.header());
            header.putAll(input.header());
            boolean reprice = input.lines() != null || input.header().keySet().stream().anyMatch(PRICING::contains);
            List<Map<String, Value>> lines = input.lines() != null ? input.lines() : requested(document);
            List<Map<String, Value>> priced = reprice ? checked(changes, actor, prices, header, lines) : null;
            if (!reprice) {
                SalesDrafts.checkHeader(changes, header, new ArrayList<>(), true);
            }
            Map<String, Value> update = new LinkedHashMap<>(input.header());
            if (priced != null) {
                document.lines().forEach(line -> changes.delete(Schema.SALES_LINE, SalesDocument.text(line, "id")));
                insertLines(changes, id, priced);
                update.putAll(sums(priced));
            }
            changes.update(Schema.SALES_DOCUMENT, id, update);
            audit.record(changes, actor, "update", Schema.SALES_DOCUMENT, id, document.number());
            return view(changes.connection(), id);
        });
    }

    /** Deletes a draft and its lines. */
    public void delete(Actor actor, String id) {
        require(actor, SELLERS, "delete sales documents");
        writer.write(changes -> {
            SalesDocument document = ownDraft(changes, id);
            open(changes, document.date(), document);
            document.lines().forEach(line -> changes.delete(Schema.SALES_LINE, SalesDocument.text(line, "id")));
            changes.delete(Schema.SALES_DOCUMENT, id);
            audit.record(changes, actor, "delete", Schema.SALES_DOCUMENT, id, document.number());
            return null;
        });
    }

    /** A document with its lines; an invoice also with {@code paid} and {@code outstanding}. */
    public Map<String, Object> get(Actor actor, String id) {
        return database.read(connection -> view(connection, id));
    }

    /** Quote: draft to sent. */
    public Map<String, Object> send(Actor actor, String id) {
        return move(actor, id, "quote", Set.of("draft"), "sent", "send");
    }

    /** Quote: sent to accepted. */
    public Map<String, Object> accept(Actor actor, String id) {
        return move(actor, id, "quote", Set.of("sent"), "accepted", "accept");
    }

    /** Quote: sent to rejected. */
    public Map<String, Object> reject(Actor actor, String id) {
        return move(actor, id, "quote", Set.of("sent"), "rejected", "reject");
    }

    /** Invoice: draft to issued (its due date is set if it has none). */
    public Map<String, Object> issue(Actor actor, String id) {
        require(actor, SELLERS, "issue invoices");
        return writer.write(changes -> {
            SalesDocument invoice = transition(changes, id, "invoice", Set.of("draft"), "issue");
            Map<String, Value> update = new LinkedHashMap<>();
            update.put("status", Value.of("issued"));
            if (invoice.header().get("due_on") instanceof Value.Null) {
                update.put("due_on", Value.of(dueOn(changes, invoice.counterparty(), invoice.date())));
            }
            changes.update(Schema.SALES_DOCUMENT, id, update);
            audit.record(changes, actor, "issue", Schema.SALES_DOCUMENT, id, invoice.number());
            return view(changes.connection(), id);
        });
    }

    /**
     * Makes an order of a sent or accepted quote (which becomes accepted): a draft with the quote's lines and
     * prices, {@code base_id} the quote, dated {@code doc_date} of {@code json} or today.
     */
    public Map<String, Object> order(Actor actor, String id, Map<String, Object> json) {
        require(actor, SELLERS, "make orders");
        LocalDate date = dateOf(json);
        return writer.write(changes -> {
            SalesDocument quote = transition(changes, id, "quote", Set.of("sent", "accepted"), "order");
            String existing = derived(changes, id, "order");
            if (existing != null) {
                throw new RuleException("already-ordered", "quote " + quote.number() + " has become order "
                        + existing + " already", "change or cancel that order instead");
            }
            open(changes, date, quote);
            changes.update(Schema.SALES_DOCUMENT, id, Map.of("status", Value.of("accepted")));
            Map<String, Value> header = copyHeader(quote, date);
            String order = insert(changes, actor, "order", header, copyLines(quote), "order of " + quote.number());
            return view(changes.connection(), order);
        });
    }

    /**
     * Confirms a draft order: the credit limit is checked, then the goods are reserved when this node holds the
     * order's warehouse. The answer says under {@code reserved} whether they were, and why not in {@code note}.
     */
    public Map<String, Object> confirm(Actor actor, String id) {
        require(actor, SELLERS, "confirm orders");
        PriceQuery prices = prices();
        return writer.write(changes -> {
            SalesDocument order = transition(changes, id, "order", Set.of("draft"), "confirm");
            try {
                new CustomerExposure(database.dialect(), prices).require(changes.connection(), order.counterparty(),
                        order.currency(), order.date(), order.gross(), "order " + order.number());
            } catch (SQLException e) {
                throw new SalesException("checking the credit limit for " + order.number(), e);
            }
            String warehouse = SalesDocument.text(order.header(), "warehouse_id");
            String note;
            boolean reserved = false;
            if (warehouse == null) {
                note = "the order names no warehouse, so no stock was reserved";
            } else if (!stock.holds(changes, warehouse)) {
                note = "warehouse " + warehouse + " is another branch's, so no stock was reserved here";
            } else {
                reservations.reserve(changes, id, warehouse, ShipmentPlan.stockQuantities(changes, order),
                        order.date());
                reserved = true;
                note = "the goods are reserved in the order's warehouse";
            }
            changes.update(Schema.SALES_DOCUMENT, id, Map.of("status", Value.of("confirmed")));
            audit.record(changes, actor, "confirm", Schema.SALES_DOCUMENT, id, order.number());
            Map<String, Object> answer = view(changes.connection(), id);
            answer.put("reserved", reserved);
            answer.put("note", note);
            return answer;
        });
    }

    /**
     * Cancels an order (draft, confirmed or held; not once anything of it is shipped or invoiced), releasing
     * what it reserved, or an invoice (draft or issued) to which no payment is allocated.
     */
    public Map<String, Object> cancel(Actor actor, String id) {
        require(actor, SELLERS, "cancel sales documents");
        return writer.write(changes -> {
            SalesDocument document = SalesDocument.load(changes.connection(), reader, id);
            if ("order".equals(document.kind())) {
                transition(changes, id, "order", Set.of("draft", "confirmed", "on_hold"), "cancel");
                if (plan.shipped(changes, id).values().stream().anyMatch(quantity -> quantity.signum() > 0)) {
                    throw new RuleException("shipped", "order " + document.number() + " has shipments posted",
                            "reverse its shipments first, or invoice what was shipped");
                }
                String invoice = derived(changes, id, "invoice");
                if (invoice != null) {
                    throw new RuleException("invoiced", "order " + document.number() + " is invoiced by " + invoice,
                            "cancel the invoice first");
                }
                reservations.releaseAll(changes, id, LocalDate.now());
            } else {
                SalesDocument invoice = transition(changes, id, "invoice", Set.of("draft", "issued"), "cancel");
                BigDecimal paid = allocated(changes.connection(), id);
                if (paid.signum() != 0) {
                    throw new RuleException("has-payments", "invoice " + invoice.number() + " has "
                            + paid.toPlainString() + " " + invoice.currency() + " of payments allocated",
                            "reverse those payments first", List.of(Map.of("invoice_id", id,
                            "allocated", paid.toPlainString())));
                }
            }
            changes.update(Schema.SALES_DOCUMENT, id, Map.of("status", Value.of("cancelled")));
            audit.record(changes, actor, "cancel", Schema.SALES_DOCUMENT, id, document.number());
            return view(changes.connection(), id);
        });
    }

    /**
     * Ships a confirmed order: a shipment stock document for what is still unshipped (or for the {@code lines}
     * of {@code json}, each at most what is unshipped), from the order's warehouse (or {@code warehouse_id} of
     * {@code json}), dated {@code doc_date} of {@code json} or today, posted in the same transaction (which
     * releases the order's reservation); the order becomes {@code shipped} once all of it is.
     * Returns the order with {@code shipment}, the stock document's id.
     */
    public Map<String, Object> ship(Actor actor, String id, Map<String, Object> json) {
        require(actor, SELLERS, "ship orders");
        LocalDate date = dateOf(json);
        return writer.write(changes -> {
            SalesDocument order = SalesDocument.load(changes.connection(), reader, id);
            requireNotHeld(order, "ships");
            transition(changes, id, "order", Set.of("confirmed"), "ship");
            Map<String, BigDecimal> unshipped = plan.unshipped(changes, order);
            Map<String, BigDecimal> ship = ShipmentPlan.shipping(json, unshipped);
            if (ship.isEmpty()) {
                throw new RuleException("nothing-to-ship", "order " + order.number() + " is shipped in full",
                        "nothing to do");
            }
            Object warehouse = json != null && json.get("warehouse_id") != null ? json.get("warehouse_id")
                    : SalesDocument.text(order.header(), "warehouse_id");
            if (warehouse == null) {
                throw ValidationException.of(Schema.SALES_DOCUMENT.name(), "warehouse_id", "required",
                        "the order names no warehouse; say which one the goods leave from");
            }
            Map<String, Value> header = new LinkedHashMap<>();
            header.put("kind", Value.of("shipment"));
            header.put("doc_date", Value.of(date));
            header.put("warehouse_id", Value.of(String.valueOf(warehouse)));
            header.put("counterparty_id", Value.of(order.counterparty()));
            header.put("order_id", Value.of(id));
            header.put("note", Value.of("shipment of order " + order.number()));
            List<Map<String, Value>> lines = new ArrayList<>();
            ship.forEach((product, quantity) -> lines.add(Map.of("product_id", Value.of(product),
                    "quantity", Value.of(quantity))));
            String shipment = stock.createDraft(changes, actor, header, lines);
            stock.post(changes, actor, shipment);
            boolean complete = plan.unshipped(changes, order).values().stream().noneMatch(left -> left.signum() > 0);
            if (complete) {
                reservations.releaseAll(changes, id, date);
                changes.update(Schema.SALES_DOCUMENT, id, Map.of("status", Value.of("shipped")));
            }
            audit.record(changes, actor, "ship", Schema.SALES_DOCUMENT, id, order.number());
            Map<String, Object> answer = view(changes.connection(), id);
            answer.put("shipment", shipment);
            return answer;
        });
    }

    /**
     * Makes a draft invoice of a confirmed or shipped order: the order's lines, {@code base_id} the order,
     * dated {@code doc_date} of {@code json} or today, due {@code payment_days} of the customer later.
     */
    public Map<String, Object> invoice(Actor actor, String id, Map<String, Object> json) {
        require(actor, SELLERS, "invoice orders");
        LocalDate date = dateOf(json);
        return writer.write(changes -> {
            SalesDocument order = SalesDocument.load(changes.connection(), reader, id);
            requireNotHeld(order, "is invoiced");
            transition(changes, id, "order", Set.of("confirmed", "shipped"), "invoice");
            String existing = derived(changes, id, "invoice");
            if (existing != null) {
                throw new RuleException("already-invoiced", "order " + order.number() + " is invoiced by "
                        + existing, "issue or cancel that invoice");
            }
            open(changes, date, order);
            Map<String, Value> header = copyHeader(order, date);
            header.put("due_on", Value.of(dueOn(changes, order.counterparty(), date)));
            String invoice = insert(changes, actor, "invoice", header, copyLines(order),
                    "invoice of " + order.number());
            return view(changes.connection(), invoice);
        });
    }

    // ---------------------------------------------------------------- drafts

    private List<Map<String, Value>> checked(Changes changes, Actor actor, PriceQuery prices,
                                             Map<String, Value> header, List<Map<String, Value>> lines) {
        List<FieldError> errors = new ArrayList<>();
        SalesDrafts.checkHeader(changes, header, errors, false);
        List<Map<String, Value>> priced;
        try {
            priced = new LinePricing(database.dialect(), prices).price(changes.connection(), actor, header, lines,
                    errors);
        } catch (SQLException e) {
            throw new SalesException("pricing a sales document", e);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(Schema.SALES_DOCUMENT.name(), errors);
        }
        periods.requireOpen(changes, SalesDocument.date(header.get("doc_date")),
                "the " + SalesDocument.text(header, "kind"));
        return priced;
    }

    private String insert(Changes changes, Actor actor, String kind, Map<String, Value> header,
                          List<Map<String, Value>> lines, String action) {
        Map<String, Value> row = new LinkedHashMap<>(header);
        row.remove("id");
        row.put("kind", Value.of(kind));
        try {
            row.put("number", Value.of(numbers.next(changes.connection(), Schema.SALES_DOCUMENT.name(),
                    SERIES.get(kind))));
        } catch (SQLException e) {
            throw new SalesException("numbering a " + kind, e);
        }
        row.put("status", Value.of("draft"));
        row.put("owning_branch", Value.of(node.toString()));
        row.putIfAbsent("manager", Value.of(actor.login()));
        if (row.get("manager") instanceof Value.Null) {
            row.put("manager", Value.of(actor.login()));
        }
        row.putAll(sums(lines));
        String id = changes.insert(Schema.SALES_DOCUMENT, row);
        insertLines(changes, id, lines);
        audit.record(changes, actor, "create", Schema.SALES_DOCUMENT, id,
                SalesDocument.text(row, "number") + ("create".equals(action) ? "" : ", " + action));
        return id;
    }

    private static void insertLines(Changes changes, String id, List<Map<String, Value>> lines) {
        long number = 1;
        for (Map<String, Value> line : lines) {
            Map<String, Value> row = new LinkedHashMap<>(line);
            row.remove("id");
            row.put("document_id", Value.of(id));
            row.put("line_no", Value.of(number++));
            changes.insert(Schema.SALES_LINE, row);
        }
    }

    /** net, vat and gross of a document: the sums of its lines. */
    private static Map<String, Value> sums(List<Map<String, Value>> lines) {
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal vat = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        for (Map<String, Value> line : lines) {
            net = net.add(SalesDocument.decimal(line.get("net")));
            vat = vat.add(SalesDocument.decimal(line.get("vat")));
            gross = gross.add(SalesDocument.decimal(line.get("gross")));
        }
        return Map.of("net", Value.of(net), "vat", Value.of(vat), "gross", Value.of(gross));
    }

    /** The lines as a user would send them again: product, quantity, discount. */
    private static List<Map<String, Value>> requested(SalesDocument document) {
        List<Map<String, Value>> lines = new ArrayList<>();
        for (Map<String, Value> line : document.lines()) {
            lines.add(Map.of("product_id", line.get("product_id"), "quantity", line.get("quantity"),
                    "discount", line.get("discount")));
        }
        return lines;
    }

    private static List<Map<String, Value>> copyLines(SalesDocument document) {
        List<Map<String, Value>> lines = new ArrayList<>();
        for (Map<String, Value> line : document.lines()) {
            Map<String, Value> copy = new LinkedHashMap<>(line);
            copy.remove("id");
            copy.remove("document_id");
            copy.remove("line_no");
            lines.add(copy);
        }
        return lines;
    }

    private static Map<String, Value> copyHeader(SalesDocument base, LocalDate date) {
        Map<String, Value> header = new LinkedHashMap<>();
        for (String column : List.of("counterparty_id", "deal_id", "currency", "price_type_id", "warehouse_id",
                "manager", "note")) {
            header.put(column, base.header().getOrDefault(column, Value.NULL));
        }
        header.put("doc_date", Value.of(date));
        header.put("base_id", Value.of(base.id()));
        return header;
    }

    // ---------------------------------------------------------------- transitions

    private Map<String, Object> move(Actor actor, String id, String kind, Set<String> from, String to,
                                     String action) {
        require(actor, SELLERS, action + " " + kind + "s");
        return writer.write(changes -> {
            SalesDocument document = transition(changes, id, kind, from, action);
            changes.update(Schema.SALES_DOCUMENT, id, Map.of("status", Value.of(to)));
            audit.record(changes, actor, action, Schema.SALES_DOCUMENT, id, document.number());
            return view(changes.connection(), id);
        });
    }

    /** Loads a document and checks kind, owner, status and closed period for {@code action}. */
    private SalesDocument transition(Changes changes, String id, String kind, Set<String> from, String action) {
        SalesDocument document = SalesDocument.load(changes.connection(), reader, id);
        if (!kind.equals(document.kind())) {
            throw new RuleException("wrong-kind", document.number() + " is a " + document.kind() + "; only a "
                    + kind + " can " + action, "use the operation meant for a " + document.kind());
        }
        requireOwn(document);
        if (!from.contains(document.status())) {
            throw new RuleException("wrong-status", kind + " " + document.number() + " is "
                    + document.status() + "; " + action + " needs it " + String.join(" or ", from.stream().sorted()
                    .toList()), "see the document's status; a " + kind + " moves " + flow(kind));
        }
        open(changes, document.date(), document);
        return document;
    }

    private static String flow(String kind) {
        return switch (kind) {
            case "quote" -> "draft -> sent -> accepted or rejected";
            case "order" -> "draft -> confirmed -> shipped, or cancelled";
            default -> "draft -> issued, or cancelled";
        };
    }

    private SalesDocument ownDraft(Changes changes, String id) {
        SalesDocument document = SalesDocument.load(changes.connection(), reader, id);
        requireOwn(document);
        if (!"draft".equals(document.status())) {
            throw new RuleException("not-draft", document.kind() + " " + document.number() + " is "
                    + document.status() + ", not a draft", "only a draft is changed or deleted; "
                    + ("invoice".equals(document.kind()) ? "cancel the invoice and make a new one"
                    : "make a new document"));
        }
        return document;
    }

    private void requireOwn(SalesDocument document) {
        String owner = SalesDocument.text(document.header(), "owning_branch");
        if (!node.toString().equals(owner)) {
            throw new RuleException("not-yours", document.kind() + " " + document.number() + " belongs to " + owner,
                    "only " + owner + " changes it");
        }
    }

    /** Refuses an order HQ put on hold (the customer's credit limit is exceeded across branches). */
    private void requireNotHeld(SalesDocument order, String action) {
        if ("order".equals(order.kind()) && "on_hold".equals(order.status())) {
            requireOwn(order);
            throw new RuleException("on-hold", "order " + order.number() + " is on hold: the customer's credit "
                    + "limit is exceeded across branches", "HQ releases the order (sets it back to confirmed) "
                    + "before it " + action);
        }
    }

    private void open(Changes changes, LocalDate date, SalesDocument document) {
        periods.requireOpen(changes, date, document.kind() + " " + document.number());
    }

    /** The number of a document of {@code kind} made from {@code baseId} and not cancelled or rejected. */
    private static String derived(Changes changes, String baseId, String kind) {
        try (PreparedStatement select = changes.connection().prepareStatement("SELECT number FROM sales_document"
                + " WHERE base_id = ? AND kind = ? AND status NOT IN ('cancelled', 'rejected') ORDER BY number")) {
            select.setString(1, baseId);
            select.setString(2, kind);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new SalesException("looking for documents made from " + baseId, e);
        }
    }

    private LocalDate dueOn(Changes changes, String counterparty, LocalDate date) {
        Value days = changes.find(Schema.COUNTERPARTY, counterparty).map(row -> row.get("payment_days"))
                .orElse(Value.NULL);
        return date.plusDays(days instanceof Value.Int i ? i.value() : 0);
    }

    // ---------------------------------------------------------------- reads

    /** Payments allocated to an invoice (net of reversals). */
    BigDecimal allocated(Connection connection, String invoiceId) {
        BigDecimal sum = BigDecimal.ZERO;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT amount FROM payment_allocation WHERE invoice_id = ?")) {
            select.setString(1, invoiceId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sum = sum.add(SalesDocument.decimal(database.dialect().read(rows, 1, ColumnType.DECIMAL)));
                }
            }
        } catch (SQLException e) {
            throw new SalesException("reading the payments of invoice " + invoiceId, e);
        }
        return sum;
    }

    private Map<String, Object> view(Connection connection, String id) {
        SalesDocument document = SalesDocument.load(connection, reader, id);
        Map<String, Object> json = JsonValues.toJson(id, document.header());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Value> line : document.lines()) {
            Map<String, Value> copy = new LinkedHashMap<>(line);
            copy.remove("id");
            lines.add(JsonValues.toJson(SalesDocument.text(line, "id"), copy));
        }
        json.put("lines", lines);
        if ("invoice".equals(document.kind())) {
            BigDecimal paid = allocated(connection, id);
            json.put("paid", paid.toPlainString());
            json.put("outstanding", "issued".equals(document.status())
                    ? document.gross().subtract(paid).toPlainString() : "0.00");
        }
        return json;
    }

    private PriceQuery prices() {
        return new PriceQuery(database, BaseCurrency.of(database));
    }

    private static LocalDate dateOf(Map<String, Object> json) {
        Object raw = json == null ? null : json.get("doc_date");
        if (raw == null) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(String.valueOf(raw));
        } catch (java.time.format.DateTimeParseException e) {
            throw ValidationException.of(Schema.SALES_DOCUMENT.name(), "doc_date", "type",
                    "must be a date like 2026-11-24, got '" + raw + "'");
        }
    }

    static void require(Actor actor, Set<Role> roles, String what) {
        if (!roles.contains(actor.role())) {
            throw new AccessDeniedException(actor, what);
        }
    }
}
