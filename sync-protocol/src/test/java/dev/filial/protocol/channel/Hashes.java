package dev.filial.protocol.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Batch hashes for tests: SHA-256 of a text, as 64 lower-case hex characters. */
final class Hashes {

    private Hashes() {
    }

    static String of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of the honest batch {@code sequence}. */
    static String batch(long sequence) {
        return of("batch-" + sequence);
    }

    /** The hash of the previous honest batch, as a header carries it (null for sequence 1). */
    static String previous(long sequence) {
        return sequence == 1 ? null : batch(sequence - 1);
    }
}
