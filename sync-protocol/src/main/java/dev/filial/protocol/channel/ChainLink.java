package dev.filial.protocol.channel;

/**
 * The chain position for the next batch header: its {@code sequence} and the {@code previous} batch
 * hash (null for sequence 1).
 */
public record ChainLink(long sequence, String previous) {

    public ChainLink {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence of a data batch must be at least 1, got " + sequence);
        }
        if (sequence == 1 && previous != null) {
            throw new IllegalArgumentException("previous must be absent for sequence 1, got '" + previous + "'");
        }
        if (sequence > 1) {
            Validation.hash("previous", previous);
        }
    }
}
