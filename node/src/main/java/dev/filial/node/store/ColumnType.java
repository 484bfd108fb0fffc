package dev.filial.node.store;

import dev.filial.protocol.change.Value;

/** The value kinds a replicated column can hold; each maps to one {@link Value} type on the wire. */
public enum ColumnType {
    TEXT(Value.Text.class),
    INT(Value.Int.class),
    DECIMAL(Value.Decimal.class),
    DATE(Value.Date.class),
    TIMESTAMP(Value.Timestamp.class),
    BOOL(Value.Bool.class);

    private final Class<? extends Value> valueType;

    ColumnType(Class<? extends Value> valueType) {
        this.valueType = valueType;
    }

    /** Whether {@code value} is null or of this column's kind. */
    public boolean accepts(Value value) {
        return value instanceof Value.Null || valueType.isInstance(value);
    }
}
