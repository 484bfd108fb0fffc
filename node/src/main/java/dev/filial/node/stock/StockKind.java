package dev.filial.node.stock;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of stock document, their number series and which way each moves stock. */
public enum StockKind {
    /** Goods come in (from a supplier, or the receiving side of a transfer between branches). */
    RECEIPT("receipt", "RC"),
    /** Goods go out without an order. */
    ISSUE("issue", "IS"),
    /** Goods go out against a customer order; the order's reservation is released. */
    SHIPMENT("shipment", "SH"),
    /** Goods move to another warehouse; to another branch's, that branch posts the receipt. */
    TRANSFER("transfer", "TR"),
    /** Goods are lost, spoiled or used up. */
    WRITE_OFF("write_off", "WO"),
    /** A count: posting moves the book quantity to the counted one. */
    INVENTORY("inventory", "IC");

    private final String code;
    private final String series;

    StockKind(String code, String series) {
        this.code = code;
        this.series = series;
    }

    public String code() {
        return code;
    }

    /** The number series ({@code MSK-RC-000001}). */
    public String series() {
        return series;
    }

    /** Whether posting takes the lines' quantities out of the document's warehouse. */
    public boolean takesOut() {
        return this == ISSUE || this == SHIPMENT || this == TRANSFER || this == WRITE_OFF;
    }

    public static Optional<StockKind> parse(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst();
    }

    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(StockKind::code).toList());
    }
}
