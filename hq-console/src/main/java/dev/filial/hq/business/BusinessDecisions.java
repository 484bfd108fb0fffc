package dev.filial.hq.business;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.Changes;
import dev.filial.node.document.ClosedPeriods;
import dev.filial.node.document.RuleException;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.Reservations;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries out the outcome of a business entry as HQ's own edits in the caller's transaction, so that it
 * reaches every node holding the documents like any change: reversing stock documents (a reversal dated
 * when HQ decides, or the first open day after a closed period), putting an order on hold, releasing it, or
 * cancelling it with its reservations. Each returns the entry as decided, with what was done in its note.
 */
public final class BusinessDecisions {

    /** The business entry kinds and the actions an operator may take on each. */
    public static final Map<String, List<String>> ACTIONS = Map.of(
            "negative-stock", List.of("accept", "reverse"),
            "closed-period", List.of("accept", "reverse"),
            "credit-limit", List.of("release", "cancel"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;

    public BusinessDecisions(Hub hub) {
        this.hub = hub;
    }

    /**
     * An operator's decision on an open business entry, inside the caller's (HQ's) write transaction: {@code
     * accept} leaves things as they are; {@code reverse} reverses the entry's documents (negative stock: the
     * latest first until stock is back at zero; closed period: the document, dated the first open day);
     * {@code release} confirms an order on hold again; {@code cancel} cancels it. Returns the entry as settled.
     *
     * @throws RuleException {@code wrong-action} when the action does not fit the entry
     */
    public Conflict settle(Changes changes, Conflict entry, String action, String who) {
        List<String> allowed = ACTIONS.get(entry.kind());
        if (allowed == null || !allowed.contains(action)) {
            throw new RuleException("wrong-action", "a " + entry.kind() + " entry cannot be settled with '" + action
                    + "'", allowed == null ? "this entry is not a business entry" : "use one of " + allowed);
        }
        switch (action) {
            case "accept":
                return decided(entry, "accepted", who, "accepted as it is by " + who, true);
            case "release":
                return release(changes, entry, who);
            case "cancel":
                return cancel(changes, entry, who);
            default:
                break;
        }
        if (entry.kind().equals("closed-period")) {
            LocalDate closed;
            try {
                closed = new ClosedPeriods(hub.node().database().dialect()).closedUntil(changes.connection())
                        .orElse(LocalDate.now().minusDays(1));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the closed period: " + e.getMessage(), e);
            }
            return reverseDocument(changes, entry, closed.plusDays(1), who);
        }
        JsonNode subject;
        try {
            subject = JSON.readTree(entry.incomingValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entry " + entry.id() + " holds no readable documents", e);
        }
        // the documents that arrived last go first, then the others: reversed from the end of the list
        List<String> documents = new ArrayList<>();
        subject.path("documents").forEach(document -> documents.add(document.path("id").asText()));
        subject.path("arrived").forEach(id -> {
            documents.remove(id.asText());
            documents.add(id.asText());
        });
        return reverseUntilCovered(changes, entry, subject.path("warehouse_id").asText(),
                subject.path("product_id").asText(), documents, who);
    }

    /**
     * Reverses {@code documents} (in hub log order), latest first, until the product's stock in the warehouse
     * is back at zero or above; a document that cannot be reversed any more is skipped and named.
     */
    Conflict reverseUntilCovered(Changes changes, Conflict entry, String warehouse, String product,
                                 List<String> documents, String who) {
        StockBalances balances = new StockBalances(hub.node().database().dialect());
        List<String> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            for (int i = documents.size() - 1; i >= 0 && onHand(balances, changes, warehouse, product).signum() < 0;
                 i--) {
                String number = number(changes, documents.get(i));
                try {
                    hub.node().stock().reverse(changes, actor(who), documents.get(i), LocalDate.now());
                    done.add(number);
                } catch (RuleException e) {
                    skipped.add(number + " (" + e.getMessage() + ")");
                }
            }
            boolean covered = onHand(balances, changes, warehouse, product).signum() >= 0;
            String note = (done.isEmpty() ? "nothing reversed" : "reversed " + String.join(", ", done))
                    + (skipped.isEmpty() ? "" : "; could not reverse " + String.join(", ", skipped))
                    + (covered ? "" : "; stock is still below zero");
            return decided(entry, covered ? "reversed" : "pending", who, note, covered);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stock of " + product + ": " + e.getMessage(), e);
        }
    }

    /** Reverses the reversals {@code extra} of a document reversed more than once. */
    Conflict undoReversals(Changes changes, Conflict entry, List<String> extra) {
        List<String> done = new ArrayList<>();
        for (String reversal : extra) {
            try {
                hub.node().stock().reverse(changes, actor("rule"), reversal, LocalDate.now());
                done.add(number(changes, reversal));
            } catch (RuleException e) {
                return decided(entry, "pending", "rule", "could not undo " + number(changes, reversal) + ": "
                        + e.getMessage(), false);
            }
        }
        return decided(entry, "reversed", "rule", "undid the extra reversal(s) " + String.join(", ", done), true);
    }

    /**
     * Takes {@code excess} back from the positive {@code allocations} of an invoice, the latest first, with
     * negative allocation rows dated today: what is taken back stays with its payment, unallocated.
     */
    Conflict trimAllocations(Changes changes, Conflict entry, String invoice, List<Map<String, Object>> allocations,
                             BigDecimal excess) {
        BigDecimal left = excess;
        List<String> trimmed = new ArrayList<>();
        for (int i = allocations.size() - 1; i >= 0 && left.signum() > 0; i--) {
            BigDecimal amount = (BigDecimal) allocations.get(i).get("amount");
            if (amount.signum() <= 0) {
                continue;
            }
            BigDecimal back = amount.min(left);
            changes.insert(Schema.PAYMENT_ALLOCATION, Map.of("payment_id",
                    Value.of((String) allocations.get(i).get("payment_id")), "invoice_id", Value.of(invoice),
                    "amount", Value.of(back.negate()), "allocated_on", Value.of(LocalDate.now())));
            trimmed.add(back.toPlainString() + " of " + allocations.get(i).get("payment"));
            left = left.subtract(back);
        }
        return decided(entry, "trimmed", "rule", "took back " + String.join(", ", trimmed)
                + "; it stays with those payments as an advance", true);
    }

    /** Reverses one posted stock document, dated {@code date}. */
    Conflict reverseDocument(Changes changes, Conflict entry, LocalDate date, String who) {
        String number = number(changes, entry.rowId());
        try {
            hub.node().stock().reverse(changes, actor(who), entry.rowId(), date);
            return decided(entry, "reversed", who, "reversed " + number + " dated " + date, true);
        } catch (RuleException e) {
            return decided(entry, "pending", who, "could not reverse " + number + ": " + e.getMessage(), false);
        }
    }

    /** Puts a confirmed order on hold: it cannot ship until HQ releases it. */
    Conflict hold(Changes changes, Conflict entry, String who) {
        Map<String, Value> order = changes.find(Schema.SALES_DOCUMENT, entry.rowId()).orElse(Map.of());
        if (!Value.of("confirmed").equals(order.get("status"))) {
            return decided(entry, "pending", who, "the order is " + Entries.text(order.get("status"))
                    + ", not confirmed; nothing held", false);
        }
        changes.update(Schema.SALES_DOCUMENT, entry.rowId(), Map.of("status", Value.of("on_hold")));
        return decided(entry, "held", who, "order " + Entries.text(order.get("number")) + " put on hold", true);
    }

    /** Releases an order on hold: it is confirmed again and may ship. */
    Conflict release(Changes changes, Conflict entry, String who) {
        Map<String, Value> order = requireOrder(changes, entry, "on_hold");
        changes.update(Schema.SALES_DOCUMENT, entry.rowId(), Map.of("status", Value.of("confirmed")));
        return decided(entry, "released", who, "order " + Entries.text(order.get("number"))
                + " released", true);
    }

    /** Cancels an order on hold or confirmed, releasing what it reserved. */
    Conflict cancel(Changes changes, Conflict entry, String who) {
        Map<String, Value> order = changes.find(Schema.SALES_DOCUMENT, entry.rowId()).orElse(Map.of());
        Value status = order.get("status");
        if (!Value.of("on_hold").equals(status) && !Value.of("confirmed").equals(status)) {
            throw new RuleException("not-open", "order " + entry.rowId() + " is " + Entries.text(status),
                    "only a confirmed order or one on hold is cancelled");
        }
        if (shipped(changes, entry.rowId())) {
            throw new RuleException("shipped", "order " + Entries.text(order.get("number"))
                    + " has shipments posted", "release it instead, or have its branch reverse the shipments first");
        }
        changes.update(Schema.SALES_DOCUMENT, entry.rowId(), Map.of("status", Value.of("cancelled")));
        new Reservations(hub.node().database().dialect()).releaseAll(changes, entry.rowId(), LocalDate.now());
        return decided(entry, "cancelled", who, "order " + Entries.text(order.get("number"))
                + " cancelled and its reservations released", true);
    }

    private static boolean shipped(Changes changes, String order) {
        PreparedStatement select = changes.prepared("SELECT 1 FROM stock_document WHERE order_id = ?"
                + " AND kind = 'shipment' AND status = 'posted' AND reverses_id IS NULL");
        try {
            select.setString(1, order);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shipments of order " + order + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Value> requireOrder(Changes changes, Conflict entry, String status) {
        Map<String, Value> order = changes.find(Schema.SALES_DOCUMENT, entry.rowId()).orElse(Map.of());
        if (!Value.of(status).equals(order.get("status"))) {
            throw new RuleException("not-" + status.replace('_', '-'), "order " + entry.rowId() + " is "
                    + Entries.text(order.get("status")) + ", not " + status, "nothing to do");
        }
        return order;
    }

    private static BigDecimal onHand(StockBalances balances, Changes changes, String warehouse,
                                               String product) throws SQLException {
        Balance balance = balances.of(changes, warehouse, List.of(product)).get(product);
        return balance.onHand();
    }

    private static String number(Changes changes, String id) {
        return changes.find(Schema.STOCK_DOCUMENT, id).map(row -> Entries.text(row.get("number"))).orElse(id);
    }

    private static Actor actor(String who) {
        return new Actor(who, Role.ADMIN);
    }

    private static Conflict decided(Conflict entry, String decision, String who, String note, boolean closed) {
        return new Conflict(entry.id(), entry.detectedAt(), entry.kind(), closed ? Conflict.DECIDED : Conflict.OPEN,
                entry.table(), entry.rowId(), entry.column(), entry.policy(), entry.incomingOrigin(),
                entry.incomingHlc(), entry.incomingValue(), entry.currentOrigin(), entry.currentHlc(),
                entry.currentValue(), decision, who, entry.txId(), entry.note() == null ? note
                : entry.note() + "; " + note);
    }
}
