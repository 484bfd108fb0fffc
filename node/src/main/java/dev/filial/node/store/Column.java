package dev.filial.node.store;

import dev.filial.protocol.change.RowChange;
import java.util.Objects;

/**
 * One column of a replicated table.
 *
 * @param name      lower-case SQL and wire name
 * @param type      value kind
 * @param required  whether null is refused
 * @param size      maximum text length for {@link ColumnType#TEXT}, the scale (digits after the point)
 *                  for {@link ColumnType#DECIMAL}, 0 otherwise
 * @param refersTo  for a reference to another row (an id), the name of that row's table; null otherwise
 */
public record Column(String name, ColumnType type, boolean required, int size, String refersTo) {

    public Column {
        Objects.requireNonNull(type, "type");
        if (!RowChange.isValidName(name)) {
            throw new IllegalArgumentException("bad column name " + name);
        }
    }

    public Column(String name, ColumnType type, boolean required, int size) {
        this(name, type, required, size, null);
    }

    public static Column text(String name, int maxLength) {
        return new Column(name, ColumnType.TEXT, false, maxLength);
    }

    public static Column decimal(String name, int scale) {
        return new Column(name, ColumnType.DECIMAL, false, scale);
    }

    /** A reference to a row of {@code table}: its id. */
    public static Column ref(String name, String table) {
        return new Column(name, ColumnType.TEXT, false, Schema.ID_LENGTH, table);
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, 0);
    }

    /** The same column with nulls refused. */
    public Column notNull() {
        return new Column(name, type, true, size, refersTo);
    }
}
