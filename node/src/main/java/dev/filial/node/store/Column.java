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
 */
public record Column(String name, ColumnType type, boolean required, int size) {

    public Column {
        Objects.requireNonNull(type, "type");
        if (!RowChange.isValidName(name)) {
            throw new IllegalArgumentException("bad column name " + name);
        }
    }

    public static Column text(String name, int maxLength) {
        return new Column(name, ColumnType.TEXT, false, maxLength);
    }

    public static Column decimal(String name, int scale) {
        return new Column(name, ColumnType.DECIMAL, false, scale);
    }

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, false, 0);
    }

    /** The same column with nulls refused. */
    public Column notNull() {
        return new Column(name, type, true, size);
    }
}
