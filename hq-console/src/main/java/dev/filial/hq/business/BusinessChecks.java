package dev.filial.hq.business;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.Changes;
import dev.filial.node.capture.TransactionBody;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.sales.CustomerExposure;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Settings;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds broken business rules in what HQ consolidated from the nodes since the last pass (the hub log after
 * the {@value #CURSOR} setting), logs each in the conflict log with its documents, and settles it by the
 * rule of {@link BusinessRules} (an open entry waits for an operator). HQ's own transactions are not checked:
 * HQ's users are refused by the same rules as any node's when they write. Runs after HQ takes a batch and
 * before it packs one ({@link Hub}).
 *
 * <ul>
 *   <li>{@code negative-stock}: a node's posting took a warehouse's stock of a product below zero at HQ, where
 *       every node's postings meet (a shared warehouse issued from by two nodes that each saw enough).</li>
 *   <li>{@code credit-limit}: a confirmed order takes its customer's open orders and unpaid invoices over the
 *       credit limit at HQ (a branch and an agent each stayed within it on their own).</li>
 *   <li>{@code over-allocation}: payments recorded at several nodes settle an invoice beyond its gross; the
 *       excess is taken back from the allocations that arrived last and stays with their payments.</li>
 *   <li>{@code double-reversal}: a stock document its node and HQ both reversed; the extra reversal is
 *       undone at once.</li>
 *   <li>{@code closed-period}: a document dated on or before the closed period's end reached HQ after the
 *       period was closed (written offline before the node heard of the close).</li>
 * </ul>
 */
public final class BusinessChecks {

    /** The setting holding the last hub log entry checked. */
    public static final String CURSOR = "business.checked";
    private static final int ENTRIES_PER_READ = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A node's issue of stock: a negative ledger entry of one of its transactions. */
    private record Issue(String document, String origin, String hlc, String txId) {
    }

    /** A document row a node wrote. */
    private record Written(String table, String id, String origin, String hlc, String txId) {
    }

    /** What the pass found in the new hub log entries. */
    private static final class Found {
        final Map<String, List<Issue>> issues = new LinkedHashMap<>();
        final Map<String, Written> documents = new LinkedHashMap<>();
        final Map<String, Written> orders = new LinkedHashMap<>();
        /** Invoices that payments were allocated to, with the last allocation that arrived. */
        final Map<String, Written> allocated = new LinkedHashMap<>();
        /** Transfers whose receipts arrived, by id. */
        final Map<String, Written> received = new LinkedHashMap<>();
        /** Originals of the reversals that arrived, by id. */
        final Map<String, Written> reversed = new LinkedHashMap<>();
        long last;
    }

    private final Hub hub;
    private final BusinessRules rules;
    private final BusinessDecisions decisions;
    private final Clock clock;

    public BusinessChecks(Hub hub, BusinessRules rules, Clock clock) {
        this.hub = hub;
        this.rules = rules;
        this.decisions = new BusinessDecisions(hub);
        this.clock = clock;
    }

    /** Starts checking from the end of the hub log as it is now, if no pass ever ran. */
    public void start(Connection connection) throws SQLException {
        if (Settings.get(connection, CURSOR).isEmpty()) {
            Settings.put(connection, CURSOR, Long.toString(hub.log().last(connection)));
        }
    }

    /** Checks the entries consolidated since the last pass; returns the entries logged. */
    public synchronized List<Conflict> run() {
        List<Conflict> logged = new ArrayList<>();
        while (true) {
            Found found = hub.node().database().read(this::collect);
            if (found == null) {
                return logged;
            }
            logged.addAll(hub.write(changes -> judge(changes, found)));
        }
    }

    private Found collect(Connection connection) throws SQLException {
        long cursor = Long.parseLong(Settings.get(connection, CURSOR).orElse("0"));
        Found found = new Found();
        found.last = cursor;
        String hq = hub.code().toString();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, origin, body FROM hub_log WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, cursor);
            select.setMaxRows(ENTRIES_PER_READ);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.last = rows.getLong(1);
                    byte[] body = rows.getBytes(3);
                    if (!hq.equals(rows.getString(2)) && mentionsDocuments(body)) {
                        read(TransactionBody.decode(body), found);
                    }
                }
            }
        }
        return found.last == cursor ? null : found;
    }

    /**
     * Whether an encoded transaction names a table the checks read: most of a big sync is counterparties and
     * catalogue, and looking for the names in the bytes spares decoding those.
     */
    static boolean mentionsDocuments(byte[] body) {
        for (byte[] name : WATCHED) {
            if (contains(body, name)) {
                return true;
            }
        }
        return false;
    }

    /** The table names as the body writes them, quoted: {@code "payment"} is not {@code "payment_days"}. */
    private static final List<byte[]> WATCHED = Stream.of("stock_entry", "stock_document", "sales_document",
            "payment", "payment_allocation").map(name -> ('"' + name + '"').getBytes(StandardCharsets.US_ASCII))
            .toList();

    private static boolean contains(byte[] body, byte[] name) {
        outer:
        for (int i = 0; i <= body.length - name.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (body[i + j] != name[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Whether a change puts a document into its period: a new document, a new date, or a draft posted (issued,
     * confirmed). Reversing, shipping or paying an older document later is dated when it is done, so it does not.
     */
    private static boolean datesOrPosts(RowChange change) {
        if (change.operation() == Operation.INSERT) {
            return true;
        }
        return change.newValues().containsKey("doc_date") || change.newValues().containsKey("paid_on")
                || change.newValues().containsKey("status") && Value.of("draft").equals(change.oldValues()
                .get("status"));
    }

    private static void read(Transaction transaction, Found found) {
        String origin = transaction.origin().toString();
        String hlc = transaction.hlc().toString();
        for (RowChange change : transaction.changes()) {
            if (change.operation() == Operation.DELETE) {
                continue;
            }
            Map<String, Value> values = change.newValues();
            switch (change.table()) {
                case "stock_entry":
                    if (change.operation() == Operation.INSERT && values.get("quantity") instanceof Value.Decimal q
                            && q.value().signum() < 0) {
                        String key = text(values.get("warehouse_id")) + "/" + text(values.get("product_id"));
                        found.issues.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new Issue(text(values.get("document_id")), origin, hlc, transaction.id()));
                    }
                    break;
                case "sales_document":
                    if (Value.of("confirmed").equals(values.get("status"))) {
                        found.orders.put(change.rowId(), new Written(change.table(), change.rowId(), origin, hlc,
                                transaction.id()));
                    }
                    if (datesOrPosts(change)) {
                        found.documents.putIfAbsent(change.table() + "/" + change.rowId(),
                                new Written(change.table(), change.rowId(), origin, hlc, transaction.id()));
                    }
                    break;
                case "stock_document":
                    if (change.operation() == Operation.INSERT && values.get("reverses_id") instanceof Value.Text of) {
                        found.reversed.put(of.value(), new Written(change.table(), change.rowId(), origin, hlc,
                                transaction.id()));
                    }
                    if (change.operation() == Operation.INSERT && values.get("transfer_id") instanceof Value.Text of) {
                        found.received.put(of.value(), new Written(change.table(), change.rowId(), origin, hlc,
                                transaction.id()));
                    }
                    if (datesOrPosts(change)) {
                        found.documents.putIfAbsent(change.table() + "/" + change.rowId(),
                                new Written(change.table(), change.rowId(), origin, hlc, transaction.id()));
                    }
                    break;
                case "payment":
                    if (datesOrPosts(change)) {
                        found.documents.putIfAbsent(change.table() + "/" + change.rowId(),
                                new Written(change.table(), change.rowId(), origin, hlc, transaction.id()));
                    }
                    break;
                case "payment_allocation":
                    if (change.operation() == Operation.INSERT && values.get("invoice_id") instanceof Value.Text of
                            && decimal(values.get("amount")).signum() > 0) {
                        found.allocated.put(of.value(), new Written(change.table(), change.rowId(), origin, hlc,
                                transaction.id()));
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private List<Conflict> judge(Changes changes, Found found) {
        List<Conflict> conflicts = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Issue>> key : found.issues.entrySet()) {
                negativeStock(changes, key.getKey(), key.getValue()).ifPresent(conflicts::add);
            }
            for (Map.Entry<String, Written> original : found.reversed.entrySet()) {
                doubleReversal(changes, original.getKey(), original.getValue()).ifPresent(conflicts::add);
            }
            Map<String, Written> transfers = new LinkedHashMap<>(found.reversed);
            transfers.putAll(found.received);
            for (Map.Entry<String, Written> transfer : transfers.entrySet()) {
                reversedAfterReceipt(changes, transfer.getKey(), transfer.getValue()).ifPresent(conflicts::add);
            }
            for (Written order : found.orders.values()) {
                creditLimit(changes, order).ifPresent(conflicts::add);
            }
            for (Map.Entry<String, Written> invoice : found.allocated.entrySet()) {
                overAllocation(changes, invoice.getKey(), invoice.getValue()).ifPresent(conflicts::add);
            }
            Optional<LocalDate> closed = new ClosedPeriods(hub.node().database().dialect())
                    .closedUntil(changes.connection());
            if (closed.isPresent()) {
                for (Written document : found.documents.values()) {
                    closedPeriod(changes, document, closed.get()).ifPresent(conflicts::add);
                }
            }
            hub.conflicts().add(changes.connection(), conflicts);
            Settings.put(changes.connection(), CURSOR, Long.toString(found.last));
        } catch (SQLException e) {
            throw new IllegalStateException("the business checks could not read HQ's data: " + e.getMessage(), e);
        }
        return conflicts;
    }

    private Optional<Conflict> negativeStock(Changes changes, String key, List<Issue> issues) throws SQLException {
        String warehouse = key.substring(0, key.indexOf('/'));
        String product = key.substring(key.indexOf('/') + 1);
        StockBalances balances = new StockBalances(hub.node().database().dialect());
        Balance balance = balances.of(changes, warehouse, List.of(product)).get(product);
        if (balance.onHand().signum() >= 0) {
            return Optional.empty();
        }
        Issue last = issues.get(issues.size() - 1);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("warehouse_id", warehouse);
        subject.put("warehouse", name(changes, Schema.WAREHOUSE.name(), "code", warehouse));
        subject.put("product_id", product);
        subject.put("sku", name(changes, Schema.PRODUCT.name(), "sku", product));
        subject.put("on_hand", balance.onHand().toPlainString());
        List<String> arrived = issues.stream().map(Issue::document).distinct().toList();
        List<String> documents = new ArrayList<>(earlierIssues(changes, warehouse, product, arrived));
        documents.addAll(arrived);
        subject.put("documents", documents(changes, documents));
        subject.put("arrived", arrived);
        Map<String, Object> status = Map.of("on_hand", balance.onHand().toPlainString());
        Conflict entry = entry("negative-stock", Schema.STOCK_DOCUMENT.name(), last.document(), rules.negativeStock(),
                last.origin(), last.hlc(), last.txId(), subject, status, "stock of " + subject.get("sku") + " in "
                        + subject.get("warehouse") + " is " + balance.onHand().toPlainString() + " at HQ");
        if (rules.negativeStock() == BusinessRules.Action.REVERSE) {
            return Optional.of(decisions.reverseUntilCovered(changes, entry, warehouse, product, arrived, "rule"));
        }
        return Optional.of(entry);
    }

    /**
     * The posted documents that issued the product from the warehouse on or after the earliest date of
     * {@code arrived} (the other side of "two nodes issued the same stock"), read through the ledger's date index.
     */
    private List<String> earlierIssues(Changes changes, String warehouse, String product, List<String> arrived)
            throws SQLException {
        LocalDate from = null;
        for (String id : arrived) {
            Value date = changes.find(Schema.STOCK_DOCUMENT, id).map(row -> row.get("doc_date")).orElse(Value.NULL);
            if (date instanceof Value.Date day && (from == null || day.value().isBefore(from))) {
                from = day.value();
            }
        }
        List<String> earlier = new ArrayList<>();
        if (from == null) {
            return earlier;
        }
        PreparedStatement select = changes.prepared("SELECT e.document_id, e.quantity FROM stock_entry e"
                + " JOIN stock_document d ON d.id = e.document_id WHERE e.entry_date >= ? AND e.warehouse_id = ?"
                + " AND e.product_id = ? AND d.status = 'posted' ORDER BY e.entry_date, e.id");
        hub.node().database().dialect().bind(select, 1, ColumnType.DATE, Value.of(from));
        select.setString(2, warehouse);
        select.setString(3, product);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String document = rows.getString(1);
                Value quantity = hub.node().database().dialect().read(rows, 2, ColumnType.DECIMAL);
                if (decimal(quantity).signum() < 0 && !arrived.contains(document) && !earlier.contains(document)) {
                    earlier.add(document);
                }
            }
        }
        return earlier;
    }

    /**
     * A document reversed twice (its node reversed it while HQ did too): the reversals after the first are
     * undone at once, since the stock would otherwise count the correction twice.
     */
    private Optional<Conflict> doubleReversal(Changes changes, String original, Written arrived) throws SQLException {
        List<String> reversals = posted(changes, "reverses_id", original);
        if (reversals.size() < 2) {
            return Optional.empty();
        }
        List<String> extra = reversals.subList(1, reversals.size());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("original", documents(changes, List.of(original)));
        subject.put("documents", documents(changes, reversals));
        Conflict entry = entry("double-reversal", Schema.STOCK_DOCUMENT.name(), extra.get(extra.size() - 1),
                BusinessRules.Action.REVERSE, arrived.origin(), arrived.hlc(), arrived.txId(), subject,
                Map.of("reversals", reversals.size()), name(changes, Schema.STOCK_DOCUMENT.name(), "number", original)
                        + " was reversed " + reversals.size() + " times");
        return Optional.of(decisions.undoReversals(changes, entry, extra));
    }

    /**
     * A transfer its sender reversed while the receiving branch received the goods (each offline): the goods
     * arrived, so the sender's reversal is undone and the transfer stands, posted.
     */
    private Optional<Conflict> reversedAfterReceipt(Changes changes, String transfer, Written arrived)
            throws SQLException {
        Optional<Map<String, Value>> row = changes.find(Schema.STOCK_DOCUMENT, transfer);
        if (row.isEmpty() || !Value.of("transfer").equals(row.get().get("kind"))) {
            return Optional.empty();
        }
        List<String> receipts = posted(changes, "transfer_id", transfer);
        List<String> reversals = posted(changes, "reverses_id", transfer);
        if (receipts.isEmpty() || reversals.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("transfer", documents(changes, List.of(transfer)));
        subject.put("receipts", documents(changes, receipts));
        subject.put("reversals", documents(changes, reversals));
        Conflict entry = entry("reversed-after-receipt", Schema.STOCK_DOCUMENT.name(), transfer,
                BusinessRules.Action.REVERSE, arrived.origin(), arrived.hlc(), arrived.txId(), subject,
                Map.of("receipts", receipts.size()), "transfer " + text(row.get().get("number"))
                        + " was reversed by its sender and received by its branch");
        Conflict settled = decisions.undoReversals(changes, entry, reversals);
        if (Conflict.DECIDED.equals(settled.status())) {
            changes.update(Schema.STOCK_DOCUMENT, transfer, Map.of("status", Value.of("posted")));
        }
        return Optional.of(settled);
    }

    /** The posted stock documents whose {@code column} names {@code id}. */
    private static List<String> posted(Changes changes, String column, String id) throws SQLException {
        PreparedStatement select = changes.prepared("SELECT id FROM stock_document WHERE " + column + " = ?"
                + " AND status = 'posted' ORDER BY posted_at, number");
        select.setString(1, id);
        List<String> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }

    private Optional<Conflict> closedPeriod(Changes changes, Written document, LocalDate closedUntil) {
        Optional<Map<String, Value>> row = changes.find(Schema.table(document.table()).orElseThrow(), document.id());
        Value date = row.map(r -> r.getOrDefault("doc_date", r.get("paid_on"))).orElse(Value.NULL);
        if (!(date instanceof Value.Date day) || day.value().isAfter(closedUntil)) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("number", text(row.get().get("number")));
        subject.put("date", day.value().toString());
        subject.put("closed_until", closedUntil.toString());
        subject.put("status", text(row.get().get("status")));
        BusinessRules.Action action = rules.closedPeriod() == BusinessRules.Action.REVERSE
                && document.table().equals(Schema.STOCK_DOCUMENT.name())
                && "posted".equals(text(row.get().get("status"))) ? BusinessRules.Action.REVERSE
                : BusinessRules.Action.REVIEW;
        Conflict entry = entry("closed-period", document.table(), document.id(), action, document.origin(),
                document.hlc(), document.txId(), subject, Map.of("closed_until", closedUntil.toString()),
                subject.get("number") + " dated " + day.value() + " reached HQ after the period was closed up to "
                        + closedUntil);
        if (action == BusinessRules.Action.REVERSE) {
            return Optional.of(decisions.reverseDocument(changes, entry, closedUntil.plusDays(1), "rule"));
        }
        return Optional.of(entry);
    }

    /**
     * A confirmed order that takes its customer over the credit limit at HQ, where the orders of every node
     * meet (a branch and an agent each stayed within the limit on their own).
     */
    private Optional<Conflict> creditLimit(Changes changes, Written order) throws SQLException {
        Optional<Map<String, Value>> row = changes.find(Schema.SALES_DOCUMENT, order.id());
        if (row.isEmpty() || !Value.of("confirmed").equals(row.get().get("status"))
                || !Value.of("order").equals(row.get().get("kind"))) {
            return Optional.empty();
        }
        String customer = text(row.get().get("counterparty_id"));
        String currency = text(row.get().get("currency"));
        CustomerExposure.Exposure exposure = new CustomerExposure(hub.node().database()).of(changes.connection(),
                customer, currency,
                ((Value.Date) row.get().get("doc_date")).value());
        if (exposure.limit() == null || exposure.total().compareTo(exposure.limit()) <= 0) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("counterparty_id", customer);
        subject.put("customer", name(changes, Schema.COUNTERPARTY.name(), "name", customer));
        subject.put("currency", currency);
        subject.put("credit_limit", exposure.limit().toPlainString());
        subject.put("open_orders", exposure.openOrders().toPlainString());
        subject.put("outstanding_invoices", exposure.outstanding().toPlainString());
        subject.put("exposure", exposure.total().toPlainString());
        subject.put("orders", openOrders(changes, customer));
        Conflict entry = entry("credit-limit", Schema.SALES_DOCUMENT.name(), order.id(), rules.creditLimit(),
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
    private Optional<Conflict> overAllocation(Changes changes, String invoice, Written last) throws SQLException {
        Optional<Map<String, Value>> row = changes.find(Schema.SALES_DOCUMENT, invoice);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal gross = decimal(row.get().get("gross"));
        PreparedStatement select = changes.prepared("SELECT a.id, a.payment_id, a.amount, p.number, p.owning_branch"
                + " FROM payment_allocation a JOIN payment p ON p.id = a.payment_id WHERE a.invoice_id = ?"
                + " ORDER BY a.id");
        select.setString(1, invoice);
        List<Map<String, Object>> allocations = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                BigDecimal amount = decimal(hub.node().database().dialect().read(rows, 3, ColumnType.DECIMAL));
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
        subject.put("invoice", text(row.get().get("number")));
        subject.put("gross", gross.toPlainString());
        subject.put("allocated", total.toPlainString());
        List<Map<String, Object>> shown = new ArrayList<>();
        allocations.forEach(allocation -> {
            Map<String, Object> copy = new LinkedHashMap<>(allocation);
            copy.put("amount", ((BigDecimal) allocation.get("amount")).toPlainString());
            shown.add(copy);
        });
        subject.put("allocations", shown);
        Conflict entry = entry("over-allocation", Schema.SALES_DOCUMENT.name(), invoice,
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

    /** An open entry (the rule's action, if any, then decides it). */
    private Conflict entry(String kind, String table, String rowId, BusinessRules.Action action, String origin,
                           String hlc, String txId, Object subject, Object status, String note) {
        return new Conflict(Uuid7.next(), clock.instant().toString(), kind, Conflict.OPEN, table, rowId, null,
                action.code(), origin, hlc, json(subject), null, null, json(status), "pending", action.code(), txId,
                note);
    }

    private static List<Map<String, Object>> documents(Changes changes, List<String> ids) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String id : ids) {
            changes.find(Schema.STOCK_DOCUMENT, id).ifPresent(row -> {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("id", id);
                document.put("number", text(row.get("number")));
                document.put("kind", text(row.get("kind")));
                document.put("owning_branch", text(row.get("owning_branch")));
                document.put("status", text(row.get("status")));
                documents.add(document);
            });
        }
        return documents;
    }

    private static String name(Changes changes, String table, String column, String id) {
        Optional<Map<String, Value>> row = changes.find(Schema.table(table).orElseThrow(), id);
        return row.map(r -> text(r.get(column))).orElse(id);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Value value) {
        return value instanceof Value.Text text ? text.value() : null;
    }

    static BigDecimal decimal(Value value) {
        return value instanceof Value.Decimal decimal ? decimal.value() : BigDecimal.ZERO;
    }
}
