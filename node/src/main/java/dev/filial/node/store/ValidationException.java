package dev.filial.node.store;

import java.util.List;
import java.util.stream.Collectors;

/** Input refused before anything was written: one {@link FieldError} per bad field. */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final transient List<FieldError> errors;

    public ValidationException(String entity, List<FieldError> errors) {
        super(entity + ": " + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        this.entity = entity;
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String entity, String field, String code, String message) {
        return new ValidationException(entity, List.of(new FieldError(field, code, message)));
    }

    public String entity() {
        return entity;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
