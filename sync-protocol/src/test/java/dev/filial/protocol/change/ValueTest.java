package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void decimalKeepsItsScale() {
        Value a = Value.of(new BigDecimal("1.50"));
        Value b = Value.of(new BigDecimal("1.5"));

        assertThat(a).isNotEqualTo(b);
        assertThat(((Value.Decimal) a).value().scale()).isEqualTo(2);
        assertThat(((Value.Decimal) a).value()).hasToString("1.50");
        assertThat(a).isEqualTo(Value.of(new BigDecimal("1.50")));
        assertThat(a.hashCode()).isEqualTo(Value.of(new BigDecimal("1.50")).hashCode());
    }

    @Test
    void decimalIsNotRoundedThroughDouble() {
        BigDecimal money = new BigDecimal("12345678901234567890.0100");

        assertThat(((Value.Decimal) Value.of(money)).value()).isEqualByComparingTo(money).hasToString(money.toString());
    }

    @Test
    void factoriesMapNullToNull() {
        assertThat(Value.of((String) null)).isSameAs(Value.NULL);
        assertThat(Value.of((BigDecimal) null)).isSameAs(Value.NULL);
        assertThat(Value.of((LocalDate) null)).isSameAs(Value.NULL);
        assertThat(Value.of((Instant) null)).isSameAs(Value.NULL);
    }

    @Test
    void nullIsItsOwnType() {
        assertThat(Value.NULL).isInstanceOf(Value.Null.class).isEqualTo(new Value.Null());
        assertThat(Value.NULL).isNotEqualTo(Value.of(""));
        assertThat(Value.NULL).isNotEqualTo(Value.of(0));
        assertThat(Value.NULL).isNotEqualTo(Value.of(false));
    }

    @Test
    void factoriesPickTheMatchingType() {
        assertThat(Value.of("x")).isEqualTo(new Value.Text("x"));
        assertThat(Value.of("")).isEqualTo(new Value.Text(""));
        assertThat(Value.of(42L)).isEqualTo(new Value.Int(42));
        assertThat(Value.of(Long.MIN_VALUE)).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(Value.of(LocalDate.of(2024, 2, 29))).isEqualTo(new Value.Date(LocalDate.of(2024, 2, 29)));
        Instant instant = Instant.parse("2024-02-29T10:15:30.123456789Z");
        assertThat(Value.of(instant)).isEqualTo(new Value.Timestamp(instant));
        assertThat(((Value.Timestamp) Value.of(instant)).value().getNano()).isEqualTo(123_456_789);
        assertThat(Value.of(true)).isEqualTo(new Value.Bool(true));
        assertThat(Value.of(false)).isEqualTo(new Value.Bool(false));
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqual() {
        assertThat(Value.of("1")).isNotEqualTo(Value.of(1));
        assertThat(Value.of(1)).isNotEqualTo(Value.of(BigDecimal.ONE));
        assertThat(Value.of(true)).isNotEqualTo(Value.of("true"));
    }

    @Test
    void constructorsRejectNullPayloads() {
        assertThatNullPointerException().isThrownBy(() -> new Value.Text(null)).withMessageContaining("text");
        assertThatNullPointerException().isThrownBy(() -> new Value.Decimal(null)).withMessageContaining("decimal");
        assertThatNullPointerException().isThrownBy(() -> new Value.Date(null)).withMessageContaining("date");
        assertThatNullPointerException().isThrownBy(() -> new Value.Timestamp(null))
                .withMessageContaining("timestamp");
    }
}
