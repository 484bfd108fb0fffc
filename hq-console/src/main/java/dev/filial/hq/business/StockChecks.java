package dev.filial.hq.business;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;

/**
 * The business rules over stock: a node's issue that took a warehouse below zero at HQ, a document reversed
 * twice, a transfer its sender reversed while its branch received it.
 */
final class StockChecks {

    /** A node's issue of stock: a negative ledger entry of one of its transactions. */
    record Issue(String document, String origin, String hlc, String txId) {
    }

    private final Hub hub;
    private final BusinessRules rules;
    private final BusinessDecisions decisions;
    private final Entries entries;

    StockChecks(Hub hub, BusinessRules rules, BusinessDecisions decisions, Entries entries) {
        this.hub = hub;
        this.rules = rules;
        this.decisions = decisions;
        this.entries = entries;
    }

    Optional<Conflict> negativeStock(Changes changes, String key, List<Issue> issues) throws SQLException {
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
        subject.put("warehouse", Entries.name(changes, Schema.WAREHOUSE.name(), "code", warehouse));
        subject.put("product_id", product);
        subject.put("sku", Entries.name(changes, Schema.PRODUCT.name(), "sku", product));
        subject.put("on_hand", balance.onHand().toPlainString());
        List<String> arrived = issues.stream().map(Issue::document).distinct().toList();
        List<String> documents = new ArrayList<>(earlierIssues(changes, warehouse, product, arrived));
        documents.addAll(arrived);
        subject.put("documents", Entries.documents(changes, documents));
        subject.put("arrived", arrived);
        Map<String, Object> status = Map.of("on_hand", balance.onHand().toPlainString());
        Conflict entry = entries.entry("negative-stock", Schema.STOCK_DOCUMENT.name(), last.document(),
                rules.negativeStock(),
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
                if (Entries.decimal(quantity).signum() < 0 && !arrived.contains(document)
                        && !earlier.contains(document)) {
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
    Optional<Conflict> doubleReversal(Changes changes, String original, Written arrived) throws SQLException {
        List<String> reversals = posted(changes, "reverses_id", original);
        if (reversals.size() < 2) {
            return Optional.empty();
        }
        List<String> extra = reversals.subList(1, reversals.size());
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("original", Entries.documents(changes, List.of(original)));
        subject.put("documents", Entries.documents(changes, reversals));
        Conflict entry = entries.entry("double-reversal", Schema.STOCK_DOCUMENT.name(), extra.get(extra.size() - 1),
                BusinessRules.Action.REVERSE, arrived.origin(), arrived.hlc(), arrived.txId(), subject,
                Map.of("reversals", reversals.size()),
                Entries.name(changes, Schema.STOCK_DOCUMENT.name(), "number", original)
                        + " was reversed " + reversals.size() + " times");
        return Optional.of(decisions.undoReversals(changes, entry, extra));
    }

    /**
     * A transfer its sender reversed while the receiving branch received the goods (each offline): the goods
     * arrived, so the sender's reversal is undone and the transfer stands, posted.
     */
    Optional<Conflict> reversedAfterReceipt(Changes changes, String transfer, Written arrived)
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
        subject.put("transfer", Entries.documents(changes, List.of(transfer)));
        subject.put("receipts", Entries.documents(changes, receipts));
        subject.put("reversals", Entries.documents(changes, reversals));
        Conflict entry = entries.entry("reversed-after-receipt", Schema.STOCK_DOCUMENT.name(), transfer,
                BusinessRules.Action.REVERSE, arrived.origin(), arrived.hlc(), arrived.txId(), subject,
                Map.of("receipts", receipts.size()), "transfer " + Entries.text(row.get().get("number"))
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
}
