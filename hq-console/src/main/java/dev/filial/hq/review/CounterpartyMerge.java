package dev.filial.hq.review;

import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.store.Column;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges two counterparties that are one: every row that references the duplicate (contact persons,
 * contact points, activities, discount rules) is re-pointed to the kept one, the kept one's empty fields
 * are filled from the duplicate, and the duplicate is deleted. All of it is one edit at HQ, routed like
 * any other: nodes that held the duplicate lose it and get the kept one with its dependants.
 */
final class CounterpartyMerge {

    private static final String REFERENCE = "counterparty_id";

    private final Changes changes;
    private final RowReader reader;

    CounterpartyMerge(Changes changes, Dialect dialect) {
        this.changes = changes;
        this.reader = new RowReader(dialect);
    }

    /** Merges {@code dropped} into {@code kept}; both exist. Returns how many rows were re-pointed. */
    int merge(String kept, String dropped) {
        Map<String, Value> keptRow = changes.find(Schema.COUNTERPARTY, kept).orElseThrow();
        Map<String, Value> droppedRow = changes.find(Schema.COUNTERPARTY, dropped).orElseThrow();
        Map<String, Value> filled = new LinkedHashMap<>();
        for (Column column : Schema.COUNTERPARTY.columns()) {
            Value mine = keptRow.getOrDefault(column.name(), Value.NULL);
            Value theirs = droppedRow.getOrDefault(column.name(), Value.NULL);
            if (mine.equals(Value.NULL) && !theirs.equals(Value.NULL)) {
                filled.put(column.name(), theirs);
            }
        }
        int moved = 0;
        for (Table table : referencing()) {
            for (String id : referencingRows(table, dropped)) {
                changes.update(table, id, Map.of(REFERENCE, Value.of(kept)));
                moved++;
            }
        }
        if (!filled.isEmpty()) {
            changes.update(Schema.COUNTERPARTY, kept, filled);
        }
        changes.delete(Schema.COUNTERPARTY, dropped);
        return moved;
    }

    private static List<Table> referencing() {
        return Schema.TABLES.stream().filter(table -> table.has(REFERENCE)).toList();
    }

    private Iterable<String> referencingRows(Table table, String counterparty) {
        try {
            return reader.where(changes.connection(), table, REFERENCE, List.of(counterparty)).keySet();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + table.name() + " rows of counterparty "
                    + counterparty, e);
        }
    }
}
