package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OperationTest {

    @Test
    void wireCodesAreFixed() {
        assertThat(Operation.INSERT.code()).isEqualTo("I");
        assertThat(Operation.UPDATE.code()).isEqualTo("U");
        assertThat(Operation.DELETE.code()).isEqualTo("D");
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void codeRoundTrips(Operation operation) {
        assertThat(Operation.fromCode(operation.code())).isSameAs(operation);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"i", "u", "d", "X", "INSERT", "II", " I", "0"})
    void unknownCodeIsRejectedNamingTheKnownCodes(String code) {
        assertThatIllegalArgumentException().isThrownBy(() -> Operation.fromCode(code))
                .withMessageContaining("unknown operation code '" + code + "'")
                .withMessageContaining("I, U or D");
    }
}
