package dev.filial.protocol.change;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. {@link #next()} makes ids
 * that sort strictly later as text than every id it made before in this process (RFC 9562 method 1:
 * the 12 bits after the version are a counter within the millisecond, starting at a random value;
 * when it runs out, or the clock steps back, the millisecond field moves on by one), which keeps
 * indexes append-mostly. Every replicated row, transaction and batch is named by one.
 */
public final class Uuid7 {

    private static final Pattern FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Random DEFAULT_RANDOM = new SecureRandom();
    private static final int COUNTER_MAX = 0x0FFF;

    private static long lastMillis = -1;
    private static int counter;

    private Uuid7() {
    }

    /** A new id for the current wall-clock millisecond, later than every id this method made before. */
    public static String next() {
        long millis;
        int sequence;
        synchronized (Uuid7.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = DEFAULT_RANDOM.nextInt(COUNTER_MAX / 2);
            } else if (++counter > COUNTER_MAX) {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        return of(millis, sequence, DEFAULT_RANDOM);
    }

    /** A new id for the given millisecond, with random bits from {@code random} (fixed seeds make test data repeatable). */
    public static String next(long unixMillis, Random random) {
        return of(unixMillis, random.nextInt() & COUNTER_MAX, random);
    }

    private static String of(long unixMillis, int twelveBits, Random random) {
        long high = (unixMillis << 16) | 0x7000L | twelveBits;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** True for the canonical lower-case text of a version 7 UUID. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
