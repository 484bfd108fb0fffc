package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"HQ", "MSK", "AG07", "A1", "ABCDEFGHIJKLMNOP", "Z999999999999999"})
    void parseAndToStringRoundTrip(String text) {
        NodeCode code = NodeCode.parse(text);

        assertThat(code.value()).isEqualTo(text);
        assertThat(code).hasToString(text);
        assertThat(NodeCode.parse(code.toString())).isEqualTo(code);
    }

    @Test
    void codesWithTheSameTextAreEqual() {
        assertThat(NodeCode.parse("HQ")).isEqualTo(new NodeCode("HQ")).hasSameHashCodeAs(new NodeCode("HQ"));
        assertThat(NodeCode.parse("HQ")).isNotEqualTo(NodeCode.parse("MSK"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"H", "hq", "Hq", "1HQ", "07AG", "H-Q", "H Q", " HQ", "HQ ", "H_Q",
            "ABCDEFGHIJKLMNOPQ", "\u041c\u0421\u041a", "HQ\n"})
    void badCodesAreRejectedWithAMessage(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodeCode.parse(text))
                .withMessageContaining("node code must be 2-16 upper-case letters or digits starting with a letter")
                .withMessageContaining(String.valueOf(text));
    }
}
