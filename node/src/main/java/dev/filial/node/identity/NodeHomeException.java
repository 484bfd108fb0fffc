package dev.filial.node.identity;

/** A node home directory is missing, incomplete or not usable; the message says what to do. */
public final class NodeHomeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeHomeException(String message) {
        super(message);
    }

    public NodeHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
