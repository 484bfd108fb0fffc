package dev.filial.protocol.change;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort
 * later as text, which keeps indexes append-mostly. Every replicated row, transaction and batch
 * is named by one.
 */
public final class Uuid7 {

    private static final Pattern FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Random DEFAULT_RANDOM = new SecureRandom();

    private Uuid7() {
    }

    /** A new id for the current wall-clock millisecond. */
    public static String next() {
        return next(System.currentTimeMillis(), DEFAULT_RANDOM);
    }

    /** A new id for the given millisecond, with random bits from {@code random} (fixed seeds make test data repeatable). */
    public static String next(long unixMillis, Random random) {
        long high = (unixMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** True for the canonical lower-case text of a version 7 UUID. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
