package dev.filial.hq.convergence;

import dev.filial.hq.routing.Scope;
import dev.filial.node.Node;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The replicated rows of one site, by table and id, read at one moment. */
record Contents(Map<String, Map<String, Map<String, Value>>> tables) {

    /** Every replicated table of {@code node} but the audit log, which stays where it was written. */
    static Contents of(Node node) {
        return new Contents(Scope.held(node.database()).tables());
    }

    Map<String, Map<String, Value>> rows(Table table) {
        return tables.getOrDefault(table.name(), Map.of());
    }

    Optional<Map<String, Value>> find(Table table, String id) {
        return Optional.ofNullable(rows(table).get(id));
    }

    /** How {@code actual} differs from this, row by row, at most {@code limit} lines. */
    List<String> differences(Contents actual, int limit) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Value>>> table : tables.entrySet()) {
            Map<String, Map<String, Value>> theirs = actual.tables.getOrDefault(table.getKey(), Map.of());
            for (Map.Entry<String, Map<String, Value>> row : table.getValue().entrySet()) {
                Map<String, Value> other = theirs.get(row.getKey());
                if (other == null) {
                    found.add("missing " + table.getKey() + " " + row.getKey() + " " + row.getValue());
                } else if (!other.equals(row.getValue())) {
                    found.add("differs " + table.getKey() + " " + row.getKey() + ": expected " + row.getValue()
                            + " but was " + other);
                }
            }
            for (Map.Entry<String, Map<String, Value>> row : theirs.entrySet()) {
                if (!table.getValue().containsKey(row.getKey())) {
                    found.add("unexpected " + table.getKey() + " " + row.getKey() + " " + row.getValue());
                }
            }
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }
}
