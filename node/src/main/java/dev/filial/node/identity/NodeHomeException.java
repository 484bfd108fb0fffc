package dev.filial.node.identity;

import java.util.Optional;

/** A node home directory is missing, incomplete or not usable; the message says what to do. */
public class NodeHomeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeHomeException(String message) {
        super(message);
    }

    public NodeHomeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The home problem inside {@code failure} (say, a server that could not start), if there is one. */
    public static Optional<NodeHomeException> within(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NodeHomeException home) {
                return Optional.of(home);
            }
        }
        return Optional.empty();
    }
}
