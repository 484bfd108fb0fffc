package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Uuid7Test {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void idsAreVersionSevenWithTheRfcVariantAndValid() {
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            String id = Uuid7.next(T0 + i, random);
            UUID uuid = UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid).hasToString(id);
            assertThat(id).hasSize(36).isLowerCase();
            assertThat(Uuid7.isValid(id)).as(id).isTrue();
        }
    }

    @Test
    void nextWithoutArgumentsIsValidAndCarriesTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        String id = Uuid7.next();
        long after = System.currentTimeMillis();

        assertThat(Uuid7.isValid(id)).isTrue();
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(millisOf(id)).isBetween(before, after);
    }

    @Test
    void firstFortyEightBitsAreTheMilliseconds() {
        String id = Uuid7.next(0x0123_4567_89abL, new Random(3));

        assertThat(id).startsWith("01234567-89ab-7");
        assertThat(millisOf(id)).isEqualTo(0x0123_4567_89abL);
    }

    @Test
    void sortByTimeWhenMadeWithIncreasingMillis() {
        Random random = new Random(42);
        List<String> made = new ArrayList<>();
        long millis = T0;
        for (int i = 0; i < 2000; i++) {
            millis += 1 + random.nextInt(1000);
            made.add(Uuid7.next(millis, random));
        }
        // also across the hex digit boundaries and with the top bit of the 48 set
        made.add(Uuid7.next(0x7FFF_FFFF_FFFFL, random));
        made.add(Uuid7.next(0x8000_0000_0000L, random));
        made.add(Uuid7.next(0xFFFF_FFFF_FFFFL, random));

        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertThat(sorted).containsExactlyElementsOf(made);
    }

    @Test
    void idsInTheSameMillisecondDiffer() {
        Random random = new Random(5);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Uuid7.next(T0, random));
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void sameSeedGivesTheSameIds() {
        assertThat(Uuid7.next(T0, new Random(9))).isEqualTo(Uuid7.next(T0, new Random(9)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "0190a5b2-7c3d-4e4f-8a1b-2c3d4e5f6a7b", // version 4
            "0190a5b2-7c3d-7e4f-ca1b-2c3d4e5f6a7b", // wrong variant
            "0190a5b2-7c3d-7e4f-7a1b-2c3d4e5f6a7b", // wrong variant
            "0190A5B2-7C3D-7E4F-8A1B-2C3D4E5F6A7B", // upper case
            "0190a5b27c3d7e4f8a1b2c3d4e5f6a7b", // no dashes
            "{0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b}",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7bc",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7g"})
    void rejectsTextThatIsNotACanonicalLowerCaseUuid7(String text) {
        assertThat(Uuid7.isValid(text)).isFalse();
    }

    @Test
    void acceptsEveryVariantDigit() {
        for (char v : new char[] {'8', '9', 'a', 'b'}) {
            assertThat(Uuid7.isValid("0190a5b2-7c3d-7e4f-" + v + "a1b-2c3d4e5f6a7b")).isTrue();
        }
    }

    private static long millisOf(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }

    @Test
    void idsMadeOneAfterAnotherSortStrictlyLaterEvenWithinOneMillisecond() {
        String previous = Uuid7.next();
        for (int i = 0; i < 200_000; i++) {
            String id = Uuid7.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(Uuid7.isValid(id)).isTrue();
            previous = id;
        }
    }
}
