package dev.filial.protocol.change;

/** What a row change does to its row. Each constant has a fixed wire code; never use {@code ordinal()}. */
public enum Operation {
    INSERT("I"),
    UPDATE("U"),
    DELETE("D");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The one-letter code written on the wire. */
    public String code() {
        return code;
    }

    /** The operation with this wire code, or an {@link IllegalArgumentException} naming the codes that exist. */
    public static Operation fromCode(String code) {
        for (Operation op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation code '" + code + "' (expected I, U or D)");
    }
}
