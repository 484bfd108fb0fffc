package dev.filial.node.report;

/**
 * The kind of a report column's values, which decides how an export writes them: text as text, whole and
 * decimal numbers as numbers (decimals with a point), dates and instants in ISO form (real dates in XLSX).
 * Values are {@code String}, {@code Long}, {@code BigDecimal}, {@code LocalDate}, {@code Instant},
 * {@code Boolean} or null.
 */
public enum ColumnKind {
    TEXT("text"), INTEGER("integer"), DECIMAL("decimal"), DATE("date"), TIMESTAMP("timestamp"), BOOLEAN("boolean");

    private final String code;

    ColumnKind(String code) {
        this.code = code;
    }

    /** The name written in JSON ({@code "type": "decimal"}). */
    public String code() {
        return code;
    }
}
