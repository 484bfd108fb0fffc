package dev.filial.protocol.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HlcTest {

    private static final long TOP_BIT = 1L << 47;

    private static List<Hlc> samples() {
        List<Hlc> list = new ArrayList<>(List.of(
                Hlc.ZERO,
                new Hlc(0, 1),
                new Hlc(0, Hlc.MAX_LOGICAL),
                new Hlc(1, 0),
                new Hlc(1_700_000_000_000L, 0),
                new Hlc(1_700_000_000_000L, 42),
                new Hlc(TOP_BIT - 1, Hlc.MAX_LOGICAL),
                new Hlc(TOP_BIT, 0),
                new Hlc(TOP_BIT, 1),
                new Hlc(TOP_BIT + 1, 0),
                new Hlc(Hlc.MAX_PHYSICAL - 1, Hlc.MAX_LOGICAL),
                new Hlc(Hlc.MAX_PHYSICAL, 0),
                new Hlc(Hlc.MAX_PHYSICAL, Hlc.MAX_LOGICAL)));
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            list.add(new Hlc(random.nextLong() & Hlc.MAX_PHYSICAL, random.nextInt(Hlc.MAX_LOGICAL + 1)));
        }
        return list;
    }

    @Test
    void packsPhysicalAboveLogical() {
        Hlc hlc = new Hlc(0x0123_4567_89abL, 0xcdef);

        assertThat(hlc.packed()).isEqualTo(0x0123_4567_89ab_cdefL);
        assertThat(hlc).hasToString("0123456789abcdef");
    }

    @Test
    void packedFormRoundTrips() {
        for (Hlc hlc : samples()) {
            assertThat(Hlc.fromPacked(hlc.packed())).isEqualTo(hlc);
        }
    }

    @Test
    void textFormIsSixteenLowerCaseHexDigitsAndRoundTrips() {
        for (Hlc hlc : samples()) {
            String text = hlc.toString();
            assertThat(text).hasSize(16).matches("[0-9a-f]{16}");
            assertThat(Hlc.parse(text)).isEqualTo(hlc);
        }
    }

    @Test
    void textOfZeroAndMaxArePadded() {
        assertThat(Hlc.ZERO).hasToString("0000000000000000");
        assertThat(new Hlc(0, 1)).hasToString("0000000000000001");
        assertThat(new Hlc(Hlc.MAX_PHYSICAL, Hlc.MAX_LOGICAL)).hasToString("ffffffffffffffff");
        assertThat(new Hlc(TOP_BIT, 0)).hasToString("8000000000000000");
    }

    @Test
    void timestampWithTopBitSetIsAfterEveryTimestampWithoutIt() {
        Hlc high = new Hlc(TOP_BIT, 0);
        Hlc below = new Hlc(TOP_BIT - 1, Hlc.MAX_LOGICAL);

        assertThat(high.packed()).isNegative();
        assertThat(high).isGreaterThan(below);
        assertThat(high.isAfter(below)).isTrue();
        assertThat(below.isAfter(high)).isFalse();
        assertThat(new Hlc(Hlc.MAX_PHYSICAL, Hlc.MAX_LOGICAL)).isGreaterThan(new Hlc(1, 0));
    }

    @Test
    void orderOfTextEqualsOrderOfValues() {
        List<Hlc> byValue = new ArrayList<>(samples());
        byValue.sort(Comparator.naturalOrder());
        List<String> byText = new ArrayList<>(byValue.stream().map(Hlc::toString).toList());
        byText.sort(Comparator.naturalOrder());

        assertThat(byText).containsExactlyElementsOf(byValue.stream().map(Hlc::toString).toList());

        List<Hlc> all = samples();
        for (Hlc a : all.subList(0, 40)) {
            for (Hlc b : all) {
                assertThat(Integer.signum(a.toString().compareTo(b.toString())))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(a.compareTo(b)));
            }
        }
    }

    @Test
    void orderIsPhysicalFirstThenLogical() {
        assertThat(new Hlc(5, 0)).isGreaterThan(new Hlc(4, Hlc.MAX_LOGICAL));
        assertThat(new Hlc(5, 2)).isGreaterThan(new Hlc(5, 1));
        assertThat(new Hlc(5, 1)).isEqualByComparingTo(new Hlc(5, 1));
        assertThat(new Hlc(5, 1).isAfter(new Hlc(5, 1))).isFalse();
    }

    @Test
    void rejectsPartsOutOfRange() {
        assertThatThrownBy(() -> new Hlc(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("physical");
        assertThatThrownBy(() -> new Hlc(Hlc.MAX_PHYSICAL + 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("physical");
        assertThatThrownBy(() -> new Hlc(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logical");
        assertThatThrownBy(() -> new Hlc(0, Hlc.MAX_LOGICAL + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("logical");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0", "000000000000000", "00000000000000000", "0123456789abcdef0"})
    void parseRejectsWrongLength(String text) {
        assertThatThrownBy(() -> Hlc.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789ABCDEF", "000000000000000A", "Ffffffffffffffff"})
    void parseRejectsUpperCase(String text) {
        assertThatThrownBy(() -> Hlc.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case hex")
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000000000000g", "-000000000000001", "+000000000000001", " 000000000000001",
            "0x00000000000001", "00000000-0000000", "000000000000000\u0661"})
    void parseRejectsNonHex(String text) {
        assertThatThrownBy(() -> Hlc.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case hex")
                .hasMessageContaining(text);
    }
}
