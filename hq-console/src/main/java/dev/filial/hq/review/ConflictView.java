package dev.filial.hq.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.consolidation.Conflict;
import java.util.LinkedHashMap;
import java.util.Map;

/** A conflict log entry as JSON for the REST API, both versions as JSON values rather than text. */
final class ConflictView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConflictView() {
    }

    static Map<String, Object> json(Conflict conflict) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conflict.id());
        json.put("detectedAt", conflict.detectedAt());
        json.put("kind", conflict.kind());
        json.put("status", conflict.status());
        json.put("table", conflict.table());
        json.put("rowId", conflict.rowId());
        json.put("column", conflict.column());
        json.put("policy", conflict.policy());
        json.put("incoming", version(conflict.incomingOrigin(), conflict.incomingHlc(), conflict.incomingValue()));
        json.put("current", version(conflict.currentOrigin(), conflict.currentHlc(), conflict.currentValue()));
        json.put("decision", conflict.decision());
        json.put("decidedBy", conflict.decidedBy());
        json.put("txId", conflict.txId());
        json.put("note", conflict.note());
        return json;
    }

    private static Map<String, Object> version(String origin, String hlc, String value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("origin", origin);
        json.put("hlc", hlc);
        try {
            json.put("value", value == null ? null : JSON.readValue(value, Object.class));
        } catch (JsonProcessingException e) {
            json.put("value", value);
        }
        return json;
    }
}
