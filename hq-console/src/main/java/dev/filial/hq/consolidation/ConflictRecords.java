package dev.filial.hq.consolidation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds conflict log entries, values written as JSON the way the REST API writes them. */
final class ConflictRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    ConflictRecords(Clock clock) {
        this.clock = clock;
    }

    Conflict columnConflict(Table table, String id, String column, Policy policy, Transaction incoming,
                            Value incomingValue, Value current, Stamp held, boolean incomingWon) {
        return new Conflict(Uuid7.next(), clock.instant().toString(), "column",
                policy == Policy.MANUAL ? Conflict.OPEN : Conflict.DECIDED, table.name(), id, column, policy.code(),
                incoming.origin().toString(), incoming.hlc().toString(), json(incomingValue),
                held == Stamp.UNKNOWN ? null : held.origin(), held == Stamp.UNKNOWN ? null : held.hlc().toString(),
                json(current), incomingWon ? "incoming" : "current", policy.code(), incoming.id(),
                policy == Policy.MANUAL ? "provisional: " + (incomingWon ? "the node's value" : "HQ's value")
                        + " applied until an operator decides" : null);
    }

    Conflict rowConflict(String kind, Table table, String id, Policy policy, Transaction incoming,
                         Map<String, Value> incomingRow, Map<String, Value> currentRow, String decision, String note) {
        return new Conflict(Uuid7.next(), clock.instant().toString(), kind, Conflict.DECIDED, table.name(), id, null,
                policy.code(), incoming.origin().toString(), incoming.hlc().toString(), json(incomingRow),
                null, null, json(currentRow), decision, policy.code(), incoming.id(), note);
    }

    Conflict rejected(RowChange first, Transaction incoming, String reason) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (RowChange change : incoming.changes()) {
            changes.put(change.operation().name().toLowerCase(Locale.ROOT) + " " + change.table() + " "
                    + change.rowId(), values(change.operation() == Operation.DELETE
                    ? change.oldValues() : change.newValues()));
        }
        return new Conflict(Uuid7.next(), clock.instant().toString(), "rejected", Conflict.DECIDED, first.table(),
                first.rowId(), null, "validation", incoming.origin().toString(), incoming.hlc().toString(),
                write(changes), null, null, null, "rejected", "validation", incoming.id(), reason);
    }

    Conflict duplicate(String table, String id, String column, Value value, String other, Transaction incoming) {
        return new Conflict(Uuid7.next(), clock.instant().toString(), "duplicate", Conflict.OPEN, table, id, column,
                "manual", incoming.origin().toString(), incoming.hlc().toString(), json(value), null, null,
                write(other), "kept-both", "duplicate check", incoming.id(),
                "counterparty " + other + " has the same " + column + "; merge them or keep both");
    }

    static String json(Value value) {
        return value == null ? null : write(JsonValues.toJson(value));
    }

    static String json(Map<String, Value> row) {
        return row == null ? null : write(values(row));
    }

    private static Map<String, Object> values(Map<String, Value> row) {
        Map<String, Object> json = new LinkedHashMap<>();
        row.forEach((name, value) -> json.put(name, JsonValues.toJson(value)));
        return json;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a conflict value as JSON", e);
        }
    }
}
