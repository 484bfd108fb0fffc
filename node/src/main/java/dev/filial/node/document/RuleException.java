package dev.filial.node.document;

import java.util.List;
import java.util.Map;

/**
 * A business rule refused an operation on a document (stock would go negative, the period is closed, the
 * document is no longer a draft). Nothing was written. {@code code} is stable for programs, {@code hint}
 * tells the user what to do, and {@code details} names what broke the rule (one map per line or row).
 */
public final class RuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String hint;
    private final transient List<Map<String, Object>> details;

    public RuleException(String code, String message, String hint, List<Map<String, Object>> details) {
        super(message);
        this.code = code;
        this.hint = hint;
        this.details = List.copyOf(details);
    }

    public RuleException(String code, String message, String hint) {
        this(code, message, hint, List.of());
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    public List<Map<String, Object>> details() {
        return details;
    }
}
