package dev.filial.hq.demo;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;

/** One conflict log entry told in a line, rows named by their names rather than ids. */
final class ConflictLine {

    private ConflictLine() {
    }

    static String of(Conflict conflict, Hub hub) {
        String row = name(hub, conflict.table(), conflict.rowId());
        switch (conflict.kind()) {
            case "column":
                String held = conflict.currentOrigin() == null ? "HQ" : conflict.currentOrigin();
                boolean incoming = "incoming".equals(conflict.decision());
                return String.format("%s %s.%s, %s: %s's %s %s %s's %s%s", conflict.table(), row, conflict.column(),
                        conflict.policy(), incoming ? conflict.incomingOrigin() : held,
                        incoming ? conflict.incomingValue() : conflict.currentValue(),
                        "beat", incoming ? held : conflict.incomingOrigin(),
                        incoming ? conflict.currentValue() : conflict.incomingValue(),
                        Conflict.OPEN.equals(conflict.status()) ? " (open for review)" : "");
            case "duplicate":
                String other = conflict.currentValue() == null ? "?" : conflict.currentValue().replace("\"", "");
                return String.format("duplicate: %s %s from %s has the %s of %s, open for review (merge or keep both)",
                        conflict.table(), row, conflict.incomingOrigin(), conflict.column(), name(hub, conflict.table(),
                                other));
            default:
                return String.format("%s %s %s: %s, %s", conflict.kind(), conflict.table(), row, conflict.decision(),
                        conflict.note());
        }
    }

    private static String name(Hub hub, String table, String id) {
        if (Schema.STOCK_DOCUMENT.name().equals(table) || Schema.SALES_DOCUMENT.name().equals(table)) {
            return hub.node().writer().find(Schema.table(table).orElseThrow(), id).map(row -> row.get("number"))
                    .filter(Value.Text.class::isInstance).map(value -> ((Value.Text) value).value()).orElse(id);
        }
        if (!Schema.COUNTERPARTY.name().equals(table)) {
            return id;
        }
        return hub.node().writer().find(Schema.COUNTERPARTY, id).map(row -> row.get("name"))
                .filter(Value.Text.class::isInstance).map(value -> "'" + ((Value.Text) value).value() + "'").orElse(id);
    }
}
