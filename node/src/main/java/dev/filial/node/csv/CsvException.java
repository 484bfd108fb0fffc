package dev.filial.node.csv;

/**
 * A CSV file refused as a whole: {@code code} is stable for programs ({@code too-large}, {@code too-many-rows},
 * {@code encoding}, {@code empty}, {@code unclosed-quote}, {@code stray-quote}, {@code field-count},
 * {@code delimiter}), {@code line} the line of the file it was found on (1 is the header; 0 when no one line
 * is to blame) and {@code hint} what the user can do about it.
 */
public final class CsvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int line;
    private final String hint;

    public CsvException(String code, int line, String message, String hint) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.code = code;
        this.line = line;
        this.hint = hint;
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
