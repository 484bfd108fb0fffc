package dev.filial.hq.consolidation;

/** HQ could not consolidate a batch for a reason of its own (storage), not because of the batch. */
public final class ConsolidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsolidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
