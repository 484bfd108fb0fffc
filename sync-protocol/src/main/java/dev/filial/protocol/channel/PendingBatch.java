package dev.filial.protocol.channel;

/**
 * A sent batch that the peer has not acknowledged yet: its sequence, batch hash, when it was last
 * sent (epoch millis) and how many times it was sent.
 */
public record PendingBatch(long sequence, String hash, long lastSentMillis, int sends) {

    public PendingBatch {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence of a pending batch must be at least 1, got " + sequence);
        }
        Validation.hash("hash", hash);
        if (sends < 1) {
            throw new IllegalArgumentException("sends of a pending batch must be at least 1, got " + sends);
        }
    }

    PendingBatch resent(long nowMillis) {
        return new PendingBatch(sequence, hash, nowMillis, sends + 1);
    }
}
