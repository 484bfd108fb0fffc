package dev.filial.node.stock;

/** The database failed while stock was read or written; nothing of the operation was kept. */
public final class StockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StockException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
