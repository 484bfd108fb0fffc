package dev.filial.protocol.channel;

import java.util.regex.Pattern;

/** Argument checks shared by the channel types; messages name the offending field and value. */
final class Validation {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Validation() {
    }

    static long sequence(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value;
    }

    static String hash(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing: expected a batch hash (64 lower-case hex characters)");
        }
        if (!HASH.matcher(value).matches()) {
            throw new IllegalArgumentException(field
                    + " must be a batch hash of 64 lower-case hex characters (SHA-256), got " + describe(value));
        }
        return value;
    }

    static String optionalHash(String field, String value) {
        return value == null ? null : hash(field, value);
    }

    /**
     * Checks a (sequence, hash) pair that names a batch or "nothing": the hash must be absent for
     * sequence 0 and a well-formed batch hash otherwise.
     */
    static void pair(String sequenceField, long sequence, String hashField, String hash) {
        sequence(sequenceField, sequence);
        if (sequence == 0 && hash != null) {
            throw new IllegalArgumentException(hashField + " must be absent when " + sequenceField
                    + " is 0, got " + describe(hash));
        }
        if (sequence > 0) {
            hash(hashField, hash);
        }
    }

    private static String describe(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + shown + "' (" + value.length() + " characters)";
    }
}
