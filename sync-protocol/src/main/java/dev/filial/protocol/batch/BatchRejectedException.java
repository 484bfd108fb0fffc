package dev.filial.protocol.batch;

/**
 * A batch file was refused: what was wrong ({@link #detail()}), a stable {@link #reason()} code,
 * and the reason's hint for the operator. Nothing from a refused batch is applied.
 */
public final class BatchRejectedException extends RuntimeException {

    private final RejectReason reason;
    private final String detail;

    public BatchRejectedException(RejectReason reason, String detail) {
        this(reason, detail, null);
    }

    public BatchRejectedException(RejectReason reason, String detail, Throwable cause) {
        super(reason.code() + ": " + detail + ". Hint: " + reason.hint(), cause);
        this.reason = reason;
        this.detail = detail;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return reason.hint();
    }
}
