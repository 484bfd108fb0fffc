package dev.filial.protocol.channel;

import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link InboundChannel} knows, as an immutable value to persist and restore.
 *
 * <p>Invariants (checked): {@code lastHash} is present exactly when {@code lastSequence} is above 0;
 * {@code held} is in strictly ascending sequence order, every one above {@code lastSequence}.
 *
 * @param lastSequence the last committed sequence (0 = none yet)
 * @param lastHash     the batch hash of that batch (null when none)
 * @param held         batches that arrived after a gap, lowest sequence first
 */
public record InboundState(long lastSequence, String lastHash, List<HeldBatch> held) {

    /** The state of a channel that never received anything. */
    public static final InboundState EMPTY = new InboundState(0, null, List.of());

    public InboundState {
        Validation.pair("lastSequence", lastSequence, "lastHash", lastHash);
        Objects.requireNonNull(held, "held");
        held = List.copyOf(held);
        long previous = lastSequence;
        for (HeldBatch batch : held) {
            if (batch.sequence() <= previous) {
                throw new IllegalArgumentException("held batches must be above lastSequence " + lastSequence
                        + " and strictly ascending; found " + batch.sequence() + " after " + previous);
            }
            previous = batch.sequence();
        }
    }
}
