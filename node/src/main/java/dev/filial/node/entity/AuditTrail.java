package dev.filial.node.entity;

import dev.filial.node.access.Actor;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the audit entry of a user's action in the same captured transaction as the change it records. */
public final class AuditTrail {

    private static final int SUMMARY = 4_000;

    private final NodeCode origin;

    public AuditTrail(NodeCode origin) {
        this.origin = origin;
    }

    /** Records that {@code actor} did {@code action} (create, update, delete, post, ...) to a row. */
    public void record(Changes changes, Actor actor, String action, Table table, String id, String summary) {
        Map<String, Value> entry = new LinkedHashMap<>();
        entry.put("logged_at", Value.of(Instant.now()));
        entry.put("actor", Value.of(actor.login()));
        entry.put("action", Value.of(action));
        entry.put("table_name", Value.of(table.name()));
        entry.put("row_id", Value.of(id));
        entry.put("origin", Value.of(origin.toString()));
        entry.put("summary", summary == null ? Value.NULL
                : Value.of(summary.length() > SUMMARY ? summary.substring(0, SUMMARY) : summary));
        changes.insert(Schema.AUDIT_ENTRY, entry);
    }
}
