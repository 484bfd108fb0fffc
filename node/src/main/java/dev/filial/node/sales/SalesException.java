package dev.filial.node.sales;

/** The database failed while sales documents or payments were read or written; nothing of the operation was kept. */
public final class SalesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SalesException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
