package dev.filial.protocol.change;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A column value that keeps its type exactly through a round trip: text, integer, decimal (scale
 * kept, no float rounding of money), date, timestamp, boolean or null.
 */
public sealed interface Value {

    /** The SQL null. */
    Value NULL = new Null();

    static Value of(String text) {
        return text == null ? NULL : new Text(text);
    }

    static Value of(long integer) {
        return new Int(integer);
    }

    static Value of(BigDecimal decimal) {
        return decimal == null ? NULL : new Decimal(decimal);
    }

    static Value of(LocalDate date) {
        return date == null ? NULL : new Date(date);
    }

    static Value of(Instant timestamp) {
        return timestamp == null ? NULL : new Timestamp(timestamp);
    }

    static Value of(boolean bool) {
        return bool ? Bool.TRUE : Bool.FALSE;
    }

    /** Text of any length the reader limits allow. */
    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "text");
        }
    }

    /** A signed 64-bit integer. */
    record Int(long value) implements Value {
    }

    /** An exact decimal; {@code 1.50} and {@code 1.5} are different values because their scales differ. */
    record Decimal(BigDecimal value) implements Value {
        public Decimal {
            Objects.requireNonNull(value, "decimal");
        }
    }

    /** A calendar date without time zone. */
    record Date(LocalDate value) implements Value {
        public Date {
            Objects.requireNonNull(value, "date");
        }
    }

    /** An instant on the UTC time line, nanosecond precision. */
    record Timestamp(Instant value) implements Value {
        public Timestamp {
            Objects.requireNonNull(value, "timestamp");
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements Value {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);
    }

    /** The SQL null; use {@link Value#NULL}. */
    record Null() implements Value {
    }
}
