package dev.filial.protocol.channel;

import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link OutboundChannel} knows, as an immutable value to persist and restore.
 *
 * <p>Invariants (checked): {@code 0 <= lastAck <= lastSequence}; a hash is present exactly when its
 * sequence is above 0; {@code pending} holds exactly the sequences {@code lastAck+1..lastSequence} in
 * ascending order, the last of them with hash {@code lastHash}; with nothing pending
 * {@code lastHash} equals {@code lastAckHash}.
 *
 * @param lastSequence the last sequence assigned (0 = none yet)
 * @param lastHash     the batch hash of that batch (null when none)
 * @param lastAck      the highest sequence the peer acknowledged (0 = none)
 * @param lastAckHash  the batch hash of that batch (null when none)
 * @param pending      the sent, unacknowledged batches, oldest first
 */
public record OutboundState(long lastSequence, String lastHash, long lastAck, String lastAckHash,
                            List<PendingBatch> pending) {

    /** The state of a channel that never sent anything. */
    public static final OutboundState EMPTY = new OutboundState(0, null, 0, null, List.of());

    public OutboundState {
        Validation.pair("lastSequence", lastSequence, "lastHash", lastHash);
        Validation.pair("lastAck", lastAck, "lastAckHash", lastAckHash);
        Objects.requireNonNull(pending, "pending");
        pending = List.copyOf(pending);
        if (lastAck > lastSequence) {
            throw new IllegalArgumentException(
                    "lastAck " + lastAck + " must not exceed lastSequence " + lastSequence);
        }
        long expected = lastAck + 1;
        for (PendingBatch batch : pending) {
            if (batch.sequence() != expected) {
                throw new IllegalArgumentException("pending must hold sequences " + (lastAck + 1) + ".." + lastSequence
                        + " in order; expected " + expected + ", found " + batch.sequence());
            }
            expected++;
        }
        if (expected != lastSequence + 1) {
            throw new IllegalArgumentException("pending must hold sequences " + (lastAck + 1) + ".." + lastSequence
                    + " but ends at " + (expected - 1));
        }
        String newest = pending.isEmpty() ? lastAckHash : pending.get(pending.size() - 1).hash();
        if (!Objects.equals(newest, lastHash)) {
            throw new IllegalArgumentException("lastHash " + lastHash + " must be the hash of batch " + lastSequence
                    + ", which is " + newest);
        }
    }
}
