package dev.filial.node.store;

/** A database operation failed; the message says what was being done and what an operator can check. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
