package dev.filial.node.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps are stored with microsecond precision (what both engines keep exactly), in UTC; the
 * write path truncates incoming instants to it so that a value reads back equal to what was written.
 */
public final class Timestamps {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The instant as stored: truncated to microseconds. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String format(Instant instant) {
        return TEXT.format(instant);
    }

    static LocalDateTime utcLocal(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant fromUtcLocal(LocalDateTime local) {
        return local.toInstant(ZoneOffset.UTC);
    }
}
