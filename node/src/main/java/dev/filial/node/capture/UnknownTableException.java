package dev.filial.node.capture;

/** An incoming change names a table this node's schema does not have. */
public final class UnknownTableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownTableException(String table) {
        super("incoming change to unknown table '" + table + "'; the sender runs a different schema: "
                + "upgrade this node or check the sender");
    }
}
