package dev.filial.node.catalog;

import java.util.Objects;

/**
 * A price could not be quoted. {@link #code()} is stable and meant for programs (the HTTP API, the
 * CLI); the message says what is missing and {@link #hint()} what an operator can do about it.
 */
public final class PriceQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why no quote could be given. */
    public enum Code {
        /** No counterparty with that id on this node. */
        UNKNOWN_COUNTERPARTY("unknown-counterparty"),
        /** No product with that id on this node. */
        UNKNOWN_PRODUCT("unknown-product"),
        /** The counterparty or the product is marked inactive. */
        INACTIVE("inactive"),
        /** The counterparty's price type does not exist, or it has none and no price type is the default. */
        NO_PRICE_TYPE("no-price-type"),
        /** The product has no price of that type valid on the date. */
        NO_PRICE("no-price"),
        /** A currency needed for the conversion has no exchange rate valid on the date. */
        NO_RATE("no-rate");

        private final String code;

        Code(String code) {
            this.code = code;
        }

        /** The stable code, e.g. {@code no-price}. */
        public String code() {
            return code;
        }

        @Override
        public String toString() {
            return code;
        }
    }

    private final Code code;
    private final String hint;

    PriceQueryException(Code code, String message, String hint) {
        super(message + "; " + hint);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint;
    }

    public Code code() {
        return code;
    }

    /** What an operator can do to make the quote possible. */
    public String hint() {
        return hint;
    }
}
