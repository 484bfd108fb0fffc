package dev.filial.hq.registry;

/** A registry operation that cannot be done, with a stable code and a hint for the operator. */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public RegistryException(String code, String hint) {
        super(code + ": " + hint);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
