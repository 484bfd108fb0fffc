package dev.filial.hq.business;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds business entries of the conflict log: their subject and state as JSON, documents named by number. */
final class Entries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    Entries(Clock clock) {
        this.clock = clock;
    }

    /** An open entry (the rule's action, if any, then decides it). */
    Conflict entry(String kind, String table, String rowId, BusinessRules.Action action, String origin,
                           String hlc, String txId, Object subject, Object status, String note) {
        return new Conflict(Uuid7.next(), clock.instant().toString(), kind, Conflict.OPEN, table, rowId, null,
                action.code(), origin, hlc, json(subject), null, null, json(status), "pending", action.code(), txId,
                note);
    }

    static List<Map<String, Object>> documents(Changes changes, List<String> ids) {
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

    static String name(Changes changes, String table, String column, String id) {
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
