package dev.filial.node.exchange;

/** An exchange with the hub that could not be done, with a stable code and a hint. */
public final class ExchangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String hint;

    public ExchangeException(String code, String hint) {
        super(code + ": " + hint);
        this.code = code;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }
}
