package dev.filial.node.store;

import dev.filial.protocol.change.RowChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replicated table: a text primary key {@code id} (a UUIDv7) and typed columns. Rows of these
 * tables are written only through the capture write path.
 */
public final class Table {

    /** Name of the primary key column every replicated table has. */
    public static final String ID = "id";

    private final String name;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<Column> ordered;
    private final List<Column> references;

    public Table(String name, List<Column> columns) {
        if (!RowChange.isValidName(name)) {
            throw new IllegalArgumentException("bad table name " + name);
        }
        this.name = name;
        for (Column column : columns) {
            if (column.name().equals(ID) || this.columns.put(column.name(), column) != null) {
                throw new IllegalArgumentException("duplicate column " + column.name() + " in " + name);
            }
        }
        this.ordered = List.copyOf(this.columns.values());
        this.references = ordered.stream().filter(column -> column.refersTo() != null).toList();
    }

    public String name() {
        return name;
    }

    /** The columns other than {@code id}, in declaration order. */
    public List<Column> columns() {
        return ordered;
    }

    /** The columns that name another row by its id ({@link Column#refersTo}), in declaration order. */
    public List<Column> references() {
        return references;
    }

    public Optional<Column> column(String columnName) {
        return Optional.ofNullable(columns.get(columnName));
    }

    /** The column named {@code columnName}, or null: for hot paths that would otherwise wrap it. */
    Column columnOrNull(String columnName) {
        return columns.get(columnName);
    }

    public boolean has(String columnName) {
        return columns.containsKey(columnName);
    }

    @Override
    public String toString() {
        return name;
    }
}
