package dev.filial.protocol.clock;

/**
 * A hybrid logical clock timestamp: wall-clock milliseconds since the Unix epoch (48 bits) and a
 * logical counter (16 bits) that orders events within one millisecond or while the wall clock lags.
 * It packs into one {@code long} whose numeric order is the causal order; its text form is those 64
 * bits as 16 lower-case hex digits, so text order is the same order.
 */
public record Hlc(long physical, int logical) implements Comparable<Hlc> {

    /** Largest physical part: 48 bits of milliseconds, enough until the year 10889. */
    public static final long MAX_PHYSICAL = (1L << 48) - 1;
    /** Largest logical counter. */
    public static final int MAX_LOGICAL = 0xFFFF;
    /** The timestamp before every other. */
    public static final Hlc ZERO = new Hlc(0, 0);

    public Hlc {
        if (physical < 0 || physical > MAX_PHYSICAL) {
            throw new IllegalArgumentException("HLC physical part out of range: " + physical);
        }
        if (logical < 0 || logical > MAX_LOGICAL) {
            throw new IllegalArgumentException("HLC logical part out of range: " + logical);
        }
    }

    /** The timestamp packed as {@code physical << 16 | logical}. */
    public long packed() {
        return (physical << 16) | logical;
    }

    public static Hlc fromPacked(long packed) {
        return new Hlc(packed >>> 16, (int) (packed & MAX_LOGICAL));
    }

    /** Parses the 16-hex-digit text form written by {@link #toString()}. */
    public static Hlc parse(String text) {
        if (text == null || text.length() != 16) {
            throw new IllegalArgumentException("HLC must be 16 hex digits: " + text);
        }
        for (int i = 0; i < 16; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("HLC must be 16 lower-case hex digits: " + text);
            }
        }
        return fromPacked(Long.parseUnsignedLong(text, 16));
    }

    @Override
    public int compareTo(Hlc other) {
        return Long.compareUnsigned(packed(), other.packed());
    }

    public boolean isAfter(Hlc other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        String hex = Long.toHexString(packed());
        return "0".repeat(16 - hex.length()) + hex;
    }
}
