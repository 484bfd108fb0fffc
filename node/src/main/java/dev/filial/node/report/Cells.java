package dev.filial.node.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Values of report cells as text: decimals with a point and no exponent, dates and instants ISO-8601. */
final class Cells {

    private Cells() {
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDate || value instanceof Instant) {
            return value.toString();
        }
        return value.toString();
    }
}
