package dev.filial.protocol.channel;

/**
 * A batch that arrived after a gap and waits on the inbound channel: its sequence, the previous
 * hash from its header (null for sequence 1) and its own batch hash.
 */
public record HeldBatch(long sequence, String previous, String hash) {

    public HeldBatch {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence of a held batch must be at least 1, got " + sequence);
        }
        Validation.optionalHash("previous", previous);
        Validation.hash("hash", hash);
    }
}
