package dev.filial.node.imports;

import dev.filial.node.csv.CsvException;

/**
 * A whole import file refused before any row was written: {@code code} is stable for programs (the
 * {@link CsvException} codes, and {@code unknown-kind}, {@code unknown-column}, {@code missing-column},
 * {@code column-conflict}), {@code line} the line of the file to look at (0 when none) and {@code hint} what
 * to change.
 */
public final class ImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int line;
    private final String hint;

    public ImportException(String code, int line, String message, String hint) {
        super(line > 0 && !message.startsWith("line ") ? "line " + line + ": " + message : message);
        this.code = code;
        this.line = line;
        this.hint = hint;
    }

    static ImportException of(CsvException e) {
        return new ImportException(e.code(), e.line(), e.getMessage(), e.hint());
    }

    public String code() {
        return code;
    }

    public int line() {
        return line;
    }

    public String hint() {
        return hint;
    }
}
