package dev.filial.protocol.exchange;

/** A sync request the hub refuses before looking at its body, with a stable code and a hint. */
public final class RequestRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public RequestRefusedException(String code, String hint) {
        super(code + ": " + hint);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return getMessage().substring(code.length() + 2);
    }
}
