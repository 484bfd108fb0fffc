package dev.filial.node.entity;

import java.util.List;

/**
 * A page of a list: filters (all must hold), sort keys and the page.
 *
 * @param filters conditions on columns
 * @param sort    columns to sort by, in order; {@code id} is always the last key so pages are stable
 * @param page    page number from 0
 * @param size    rows per page, 1 to {@link #MAX_SIZE}
 */
public record ListQuery(List<Filter> filters, List<Sort> sort, int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final int DEFAULT_SIZE = 50;

    /** Comparison operators of a filter, as written after the column name ({@code credit_limit.gte=100}). */
    public enum Operator {
        EQ("eq"), NE("ne"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), LIKE("like"), NULL("null");

        private final String code;

        Operator(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Operator parse(String code) {
            for (Operator operator : values()) {
                if (operator.code.equals(code)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown operator '" + code + "'; use eq, ne, lt, lte, gt, gte, like or null");
        }
    }

    /** {@code column operator value}; the value is text as given, converted to the column's type. */
    public record Filter(String column, Operator operator, String value) {
    }

    public record Sort(String column, boolean descending) {
    }
}
