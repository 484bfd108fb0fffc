package dev.filial.node.capture;

import java.sql.SQLException;

/** A write through the write path failed in the database; the whole transaction was rolled back. */
public final class CaptureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CaptureException(String what, SQLException cause) {
        super(what + " failed: " + cause.getMessage() + "; nothing of this transaction was stored", cause);
    }
}
