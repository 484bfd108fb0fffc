package dev.filial.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceTest {

    @Test
    void valuesInTheirStoredFormComeBackAsTheyAre() {
        Map<String, Value> values = Map.of("name", Value.of("Volga Trade"), "credit_limit",
                Value.of(new BigDecimal("1000.00")));

        assertThat(Conformance.conform(Schema.COUNTERPARTY, values, false)).isSameAs(values);
    }

    @Test
    void aValueToConformIsReplacedAndTheOrderKept() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("name", Value.of("Volga Trade"));
        values.put("credit_limit", Value.of(new BigDecimal("1000.5")));
        values.put("note", null);
        values.put("manager", Value.of("petrov"));

        Map<String, Value> conformed = Conformance.conform(Schema.COUNTERPARTY, values, false);

        assertThat(conformed).containsExactly(Map.entry("name", Value.of("Volga Trade")),
                Map.entry("credit_limit", Value.of(new BigDecimal("1000.50"))), Map.entry("note", Value.NULL),
                Map.entry("manager", Value.of("petrov")));
        assertThat(values.get("credit_limit")).isEqualTo(Value.of(new BigDecimal("1000.5")));
    }

    @Test
    void refusesEveryBadColumnAtOnce() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("name", Value.of(12));
        values.put("colour", Value.of("red"));

        assertThatThrownBy(() -> Conformance.conform(Schema.COUNTERPARTY, values, true))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("name").hasMessageContaining("colour").hasMessageContaining("kind");
    }
}
