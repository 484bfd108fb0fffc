package dev.filial.hq.business;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.Changes;
import dev.filial.node.capture.TransactionBody;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Settings;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
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


    /** What the pass found in the new hub log entries. */
    private static final class Found {
        final Map<String, List<StockChecks.Issue>> issues = new LinkedHashMap<>();
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
    private final Entries entries;
    private final StockChecks stock;
    private final SalesChecks sales;

    public BusinessChecks(Hub hub, BusinessRules rules, Clock clock) {
        this.hub = hub;
        this.rules = rules;
        this.decisions = new BusinessDecisions(hub);
        this.entries = new Entries(clock);
        this.stock = new StockChecks(hub, rules, decisions, entries);
        this.sales = new SalesChecks(hub, rules, decisions, entries);
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
                        String key = Entries.text(values.get("warehouse_id")) + "/"
                                + Entries.text(values.get("product_id"));
                        found.issues.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new StockChecks.Issue(Entries.text(values.get("document_id")), origin, hlc,
                                        transaction.id()));
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
                            && Entries.decimal(values.get("amount")).signum() > 0) {
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
            for (Map.Entry<String, List<StockChecks.Issue>> key : found.issues.entrySet()) {
                stock.negativeStock(changes, key.getKey(), key.getValue()).ifPresent(conflicts::add);
            }
            for (Map.Entry<String, Written> original : found.reversed.entrySet()) {
                stock.doubleReversal(changes, original.getKey(), original.getValue()).ifPresent(conflicts::add);
            }
            Map<String, Written> transfers = new LinkedHashMap<>(found.reversed);
            transfers.putAll(found.received);
            for (Map.Entry<String, Written> transfer : transfers.entrySet()) {
                stock.reversedAfterReceipt(changes, transfer.getKey(), transfer.getValue()).ifPresent(conflicts::add);
            }
            for (Written order : found.orders.values()) {
                sales.creditLimit(changes, order).ifPresent(conflicts::add);
            }
            for (Map.Entry<String, Written> invoice : found.allocated.entrySet()) {
                sales.overAllocation(changes, invoice.getKey(), invoice.getValue()).ifPresent(conflicts::add);
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

    private Optional<Conflict> closedPeriod(Changes changes, Written document, LocalDate closedUntil) {
        Optional<Map<String, Value>> row = changes.find(Schema.table(document.table()).orElseThrow(), document.id());
        Value date = row.map(r -> r.getOrDefault("doc_date", r.get("paid_on"))).orElse(Value.NULL);
        if (!(date instanceof Value.Date day) || day.value().isAfter(closedUntil)) {
            return Optional.empty();
        }
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("number", Entries.text(row.get().get("number")));
        subject.put("date", day.value().toString());
        subject.put("closed_until", closedUntil.toString());
        subject.put("status", Entries.text(row.get().get("status")));
        BusinessRules.Action action = rules.closedPeriod() == BusinessRules.Action.REVERSE
                && document.table().equals(Schema.STOCK_DOCUMENT.name())
                && "posted".equals(Entries.text(row.get().get("status"))) ? BusinessRules.Action.REVERSE
                : BusinessRules.Action.REVIEW;
        Conflict entry = entries.entry("closed-period", document.table(), document.id(), action, document.origin(),
                document.hlc(), document.txId(), subject, Map.of("closed_until", closedUntil.toString()),
                subject.get("number") + " dated " + day.value() + " reached HQ after the period was closed up to "
                        + closedUntil);
        if (action == BusinessRules.Action.REVERSE) {
            return Optional.of(decisions.reverseDocument(changes, entry, closedUntil.plusDays(1), "rule"));
        }
        return Optional.of(entry);
    }

}
