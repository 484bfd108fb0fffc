package dev.filial.node.store;

/**
 * One refused field of an input: which field, a stable code ({@code required}, {@code too-long},
 * {@code scale}, {@code type}, {@code unknown}, {@code invalid}, {@code duplicate}, {@code not-found}),
 * and a message for the person who typed it.
 */
public record FieldError(String field, String code, String message) {
}
