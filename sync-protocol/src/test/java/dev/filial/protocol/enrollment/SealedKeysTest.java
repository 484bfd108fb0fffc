package dev.filial.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SealedKeysTest {

    private static final byte[] KEYS = "{\"signing\":\"...\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "filial-enrollment/1/HQ/MSK".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithThePassphraseAndContextItWasSealedWith() {
        SealedKeys sealed = SealedKeys.seal(KEYS, "KQ7M-2XPD-RT9W".toCharArray(), CONTEXT);

        assertThat(sealed.open("KQ7M-2XPD-RT9W".toCharArray(), CONTEXT)).isEqualTo(KEYS);
        assertThat(new String(sealed.box(), StandardCharsets.ISO_8859_1)).as("the keys are not stored in the clear")
                .doesNotContain(new String(KEYS, StandardCharsets.ISO_8859_1));
    }

    @Test
    void refusesAnotherPassphraseAnotherContextAndAnAlteredBox() {
        SealedKeys sealed = SealedKeys.seal(KEYS, "KQ7M-2XPD-RT9W".toCharArray(), CONTEXT);
        byte[] box = sealed.box();
        box[0] ^= 1;
        SealedKeys altered = new SealedKeys(sealed.n(), sealed.r(), sealed.p(), sealed.salt(), sealed.nonce(), box);

        for (Runnable attempt : new Runnable[] {
            () -> sealed.open("KQ7M-2XPD-RT9X".toCharArray(), CONTEXT),
            () -> sealed.open("KQ7M-2XPD-RT9W".toCharArray(), "filial-enrollment/1/HQ/SPB".getBytes(StandardCharsets.UTF_8)),
            () -> altered.open("KQ7M-2XPD-RT9W".toCharArray(), CONTEXT)}) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(EnrollmentException.class,
                    e -> assertThat(e.problem()).isEqualTo(EnrollmentException.Problem.WRONG_PASSPHRASE));
        }
    }

    @Test
    void refusesParametersThatWouldMakeAReaderAllocateTooMuch() {
        SealedKeys sealed = SealedKeys.seal(KEYS, "x".toCharArray(), CONTEXT);
        for (int[] bad : new int[][] {{1 << 21, 8, 1}, {3000, 8, 1}, {1 << 14, 64, 1}, {1 << 14, 8, 32}, {1 << 14, 0, 1}}) {
            assertThatThrownBy(() -> new SealedKeys(bad[0], bad[1], bad[2], sealed.salt(), sealed.nonce(), sealed.box()))
                    .isInstanceOfSatisfying(EnrollmentException.class,
                            e -> assertThat(e.problem()).isEqualTo(EnrollmentException.Problem.INVALID));
        }
        assertThatThrownBy(() -> new SealedKeys(1 << 14, 8, 1, new byte[3], sealed.nonce(), sealed.box()))
                .isInstanceOf(EnrollmentException.class);
    }
}
