package dev.filial.hq.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.Hub;
import dev.filial.hq.business.BusinessDecisions;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.hq.consolidation.ConflictLog;
import dev.filial.hq.routing.DeletedRows;
import dev.filial.hq.review.ReviewException.Problem;
import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.Changes;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Column;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An operator's review of the conflict log (BRIEF section 5): shows an entry with both versions and
 * HQ's value now, and settles it by choosing a version, entering a value, merging duplicate
 * counterparties or keeping both. A decision is an ordinary edit at HQ, so it reaches every node that
 * holds the row as an authoritative change; the entry records who decided, in the same transaction.
 */
public final class ConflictReview {

    /** Choose the node's version. */
    public static final String INCOMING = "incoming";
    /** Choose the version HQ had before the decision. */
    public static final String CURRENT = "current";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Hub hub;
    private final ConflictLog log;

    public ConflictReview(Hub hub) {
        this.hub = hub;
        this.log = hub.conflicts();
    }

    /** Entries newest first: all, or only those with {@code status} ({@code open}, {@code decided}). */
    public List<Conflict> list(String status, int limit) {
        return log.list(status, limit);
    }

    /** The entry {@code id}. */
    public Conflict show(String id) {
        return log.find(id).orElseThrow(() -> notFound(id));
    }

    /** HQ's value now of the entry's column, or its whole row for a row entry; empty if the row is gone. */
    public Optional<Object> now(Conflict conflict) {
        Optional<Map<String, Value>> row = hub.node().writer().find(table(conflict), conflict.rowId());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (conflict.column() == null || BusinessDecisions.ACTIONS.containsKey(conflict.kind())) {
            return Optional.of(JsonValues.toJson(conflict.rowId(), row.get()));
        }
        return Optional.ofNullable(JsonValues.toJson(row.get().getOrDefault(conflict.column(), Value.NULL)));
    }

    /** Settles the entry with one of its two versions: {@link #INCOMING} or {@link #CURRENT}. */
    public Conflict choose(String id, String choice, Actor operator) {
        allowed(operator);
        if (!INCOMING.equals(choice) && !CURRENT.equals(choice)) {
            throw new ReviewException(Problem.BAD_REQUEST, "unknown choice '" + choice + "'");
        }
        Conflict conflict = show(id);
        String who = operator.login();
        switch (conflict.kind()) {
            case "column":
                String version = INCOMING.equals(choice) ? conflict.incomingValue() : conflict.currentValue();
                return setColumn(conflict, parse(column(conflict), version), choice, who);
            case "update-delete":
                return settleUpdateDelete(conflict, choice, who);
            default:
                throw wrongAction(conflict, "choose a version");
        }
    }

    /** Settles a column entry with the operator's own value (JSON: text, number, boolean or null). */
    public Conflict enter(String id, Object value, Actor operator) {
        allowed(operator);
        Conflict conflict = show(id);
        if (!"column".equals(conflict.kind())) {
            throw wrongAction(conflict, "enter a value");
        }
        Map<String, Object> json = new HashMap<>();
        json.put(conflict.column(), value);
        Value parsed = JsonValues.fromJson(table(conflict), json).get(conflict.column());
        return setColumn(conflict, parsed, "value", operator.login());
    }

    /**
     * Settles a business entry (negative stock, credit limit, closed period) with {@code action}; see
     * {@link BusinessDecisions#settle}. The outcome is HQ's edit and reaches the nodes. A decision by rule may be
     * overridden (an order the rule held is released), except a reversal, which is final.
     */
    public Conflict settle(String id, String action, Actor operator) {
        allowed(operator);
        Conflict conflict = show(id);
        if (!BusinessDecisions.ACTIONS.containsKey(conflict.kind())) {
            throw wrongAction(conflict, "settle it with an action");
        }
        // an operator overrides a decision, except a reversal (final: corrected by a new document) or by accepting
        if (!Conflict.OPEN.equals(conflict.status())
                && ("reversed".equals(conflict.decision()) || "accept".equals(action))) {
            throw new ReviewException(Problem.WRONG_ACTION, "conflict " + id + " is " + conflict.status()
                    + " already (" + conflict.decision() + " by " + conflict.decidedBy() + ")");
        }
        hub.write(changes -> {
            Conflict settled = new BusinessDecisions(hub).settle(changes, conflict, action, operator.login());
            try {
                log.record(changes.connection(), settled);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the decision on conflict " + id, e);
            }
            return null;
        });
        return show(id);
    }

    /** Closes a duplicate entry: the two counterparties are different ones and both stay. */
    public Conflict keepBoth(String id, Actor operator) {
        allowed(operator);
        Conflict conflict = show(id);
        if (!"duplicate".equals(conflict.kind())) {
            throw wrongAction(conflict, "keep both");
        }
        return decide(conflict, "kept-both", operator.login(), changes -> "both kept as different counterparties");
    }

    /**
     * Merges a duplicate entry's two counterparties into {@code keep} (either of them; null keeps the one
     * that was there first): see {@link CounterpartyMerge}.
     */
    public Conflict merge(String id, String keep, Actor operator) {
        allowed(operator);
        Conflict conflict = show(id);
        if (!"duplicate".equals(conflict.kind())) {
            throw wrongAction(conflict, "merge");
        }
        String other = (String) parse(conflict.currentValue());
        String kept = keep == null ? other : keep;
        if (!kept.equals(other) && !kept.equals(conflict.rowId())) {
            throw new ReviewException(Problem.BAD_REQUEST, "counterparty " + kept + " is not one of the duplicates "
                    + conflict.rowId() + " and " + other);
        }
        String dropped = kept.equals(other) ? conflict.rowId() : other;
        return decide(conflict, "merged", operator.login(), changes -> {
            for (String counterparty : new String[] {kept, dropped}) {
                if (changes.find(Schema.COUNTERPARTY, counterparty).isEmpty()) {
                    throw goneRow(conflict, counterparty);
                }
            }
            int moved = new CounterpartyMerge(changes, hub.node().database().dialect()).merge(kept, dropped);
            return "merged " + dropped + " into " + kept + "; " + moved + " rows re-pointed";
        });
    }

    private Conflict settleUpdateDelete(Conflict conflict, String choice, String who) {
        Table table = table(conflict);
        boolean incomingDeleted = conflict.incomingValue() == null;
        if (incomingDeleted && INCOMING.equals(choice)) {
            return decide(conflict, choice, who, changes -> {
                if (changes.find(table, conflict.rowId()).isPresent()) {
                    changes.delete(table, conflict.rowId());
                }
                return "the node's delete chosen: the row is deleted everywhere";
            });
        }
        if (incomingDeleted) {
            Map<String, Value> row = JsonValues.fromJson(table, object(conflict.currentValue()));
            return decide(conflict, choice, who, changes -> {
                if (changes.find(table, conflict.rowId()).isEmpty()) {
                    changes.insert(table, conflict.rowId(), row);
                    return "HQ's row chosen: it is restored everywhere";
                }
                return "HQ's row chosen: it stays";
            });
        }
        if (CURRENT.equals(choice)) {
            return decide(conflict, choice, who, changes -> {
                if (changes.find(table, conflict.rowId()).isPresent()) {
                    changes.delete(table, conflict.rowId());
                    return "HQ's delete chosen: the row is deleted everywhere again";
                }
                return "HQ's delete confirmed";
            });
        }
        Map<String, Value> update = JsonValues.fromJson(table, object(conflict.incomingValue()));
        return decide(conflict, choice, who, changes -> {
            if (changes.find(table, conflict.rowId()).isPresent()) {
                return "the node's update chosen: the row stays";
            }
            Map<String, Value> row = new HashMap<>(lastValues(changes, conflict));
            row.putAll(update);
            changes.insert(table, conflict.rowId(), row);
            return "the node's update chosen: the row is back everywhere with its last values and the update";
        });
    }

    /** The values the conflict's row had when HQ last deleted it. */
    private static Map<String, Value> lastValues(Changes changes, Conflict conflict) {
        try {
            return DeletedRows.last(changes.connection(), conflict.table(), conflict.rowId())
                    .orElseThrow(() -> new ReviewException(Problem.ROW_GONE, conflict.table() + " " + conflict.rowId()
                            + " was deleted at HQ before it kept the values of deleted rows; enter it again"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the last values of " + conflict.rowId(), e);
        }
    }

    private Conflict setColumn(Conflict conflict, Value value, String decision, String who) {
        Table table = table(conflict);
        return decide(conflict, decision, who, changes -> {
            if (changes.find(table, conflict.rowId()).isEmpty()) {
                throw goneRow(conflict, conflict.rowId());
            }
            changes.update(table, conflict.rowId(), Map.of(conflict.column(), value));
            return conflict.column() + " set to " + JsonValues.toJson(value);
        });
    }

    /**
     * Runs {@code edit} as HQ's edit and records the decision, with what the edit says it did, in the same
     * transaction.
     */
    private Conflict decide(Conflict conflict, String decision, String who, Function<Changes, String> edit) {
        hub.write(changes -> {
            String note = "decided by " + who + " at " + Instant.now() + ": " + edit.apply(changes);
            try {
                log.decide(changes.connection(), conflict.id(), decision, who, note);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the decision on conflict " + conflict.id(), e);
            }
            return null;
        });
        return show(conflict.id());
    }

    private static void allowed(Actor operator) {
        if (operator.role() != Role.ADMIN && operator.role() != Role.MANAGER) {
            throw new AccessDeniedException(operator, "decide conflicts");
        }
    }

    private static Table table(Conflict conflict) {
        return Schema.table(conflict.table()).orElseThrow(() -> new ReviewException(Problem.WRONG_ACTION,
                "conflict " + conflict.id() + " is about table " + conflict.table() + ", which this HQ does not know"));
    }

    private static Column column(Conflict conflict) {
        return table(conflict).column(conflict.column()).orElseThrow(() -> new ReviewException(Problem.WRONG_ACTION,
                "conflict " + conflict.id() + " names column " + conflict.column() + ", which " + conflict.table()
                        + " does not have"));
    }

    private static Value parse(Column column, String json) {
        return JsonValues.fromJson(column, parse(json));
    }

    private static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the conflict log holds a value that is not JSON: " + json, e);
        }
    }

    private static Map<String, Object> object(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the conflict log holds a row that is not a JSON object: " + json, e);
        }
    }

    private static ReviewException notFound(String id) {
        return new ReviewException(Problem.NOT_FOUND, "there is no conflict " + id);
    }

    private static ReviewException wrongAction(Conflict conflict, String action) {
        return new ReviewException(Problem.WRONG_ACTION, "cannot " + action + " on conflict " + conflict.id()
                + " of kind " + conflict.kind());
    }

    private static ReviewException goneRow(Conflict conflict, String id) {
        return new ReviewException(Problem.ROW_GONE, conflict.table() + " " + id + " of conflict " + conflict.id()
                + " is no longer at HQ");
    }
}
