package dev.filial.hq.routing;

import dev.filial.node.capture.RowReader;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated rows of a database, table by table, and the part of HQ's rows a node should hold by
 * the routing rules. It reads whole tables into memory: it is meant for checks of small networks (the
 * demo, tests), not for production-sized data.
 */
public final class Scope {

    private final Map<String, Map<String, Map<String, Value>>> tables;

    private Scope(Map<String, Map<String, Map<String, Value>>> tables) {
        this.tables = tables;
    }

    /** Every replicated row of {@code database} (the audit log excepted: it stays where it was written). */
    public static Scope held(Database database) {
        Map<String, Map<String, Map<String, Value>>> tables = new LinkedHashMap<>();
        database.read(connection -> {
            RowReader reader = new RowReader(database.dialect());
            for (Table table : Schema.TABLES) {
                if (table != Schema.AUDIT_ENTRY) {
                    Map<String, Map<String, Value>> rows = new TreeMap<>();
                    reader.each(connection, table, rows::put);
                    tables.put(table.name(), rows);
                }
            }
            return null;
        });
        return new Scope(tables);
    }

    /** The rows of {@code hub} (HQ's database) that {@code router} sends to {@code node}. */
    public static Scope of(Database hub, Router router, NodeCode node) {
        Scope all = held(hub);
        Router.Rows rows = (table, id) -> Optional.ofNullable(all.tables.get(table.name()).get(id));
        Map<String, Map<String, Map<String, Value>>> tables = new LinkedHashMap<>();
        all.tables.forEach((name, byId) -> {
            Table table = Schema.table(name).orElseThrow();
            Map<String, Map<String, Value>> routed = new TreeMap<>();
            byId.forEach((id, row) -> {
                if (router.audience(table, row, rows).includes(node)) {
                    routed.put(id, row);
                }
            });
            tables.put(name, routed);
        });
        return new Scope(tables);
    }

    /** The rows, by table name and id. */
    public Map<String, Map<String, Map<String, Value>>> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** How many rows each table holds. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tables.forEach((name, rows) -> counts.put(name, rows.size()));
        return counts;
    }

    /**
     * Where {@code other} differs from this scope: per table, the ids missing from {@code other}, those it
     * has in excess, and those with other values. Empty when they are equal.
     */
    public Map<String, String> differences(Scope other) {
        Map<String, String> differences = new HashMap<>();
        tables.forEach((name, mine) -> {
            Map<String, Map<String, Value>> theirs = other.tables.getOrDefault(name, Map.of());
            long missing = mine.keySet().stream().filter(id -> !theirs.containsKey(id)).count();
            long extra = theirs.keySet().stream().filter(id -> !mine.containsKey(id)).count();
            long changed = mine.entrySet().stream()
                    .filter(row -> theirs.containsKey(row.getKey()) && !theirs.get(row.getKey()).equals(row.getValue()))
                    .count();
            if (missing + extra + changed > 0) {
                differences.put(name, missing + " missing, " + extra + " extra, " + changed + " different");
            }
        });
        return differences;
    }
}
