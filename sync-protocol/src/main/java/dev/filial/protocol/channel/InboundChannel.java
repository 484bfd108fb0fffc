package dev.filial.protocol.channel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The receiving side of a channel: judges each arriving batch against the chain committed so far,
 * holds batches that arrived after a gap until the gap is filled, and tells what to acknowledge.
 *
 * <p>The caller's loop for an arriving batch:
 * <pre>{@code
 * OfferVerdict verdict = channel.offer(sequence, previous, hash);
 * while (verdict instanceof OfferVerdict.Apply apply) {
 *     applyBatch(apply.sequence());                 // from the arrived or held file
 *     channel.commit(apply.sequence(), apply.hash()); // persist state() in the same transaction
 *     verdict = channel.nextReady().orElse(null);
 * }
 * // any other verdict: log reasonCode()/hint(); keep the file only for Held
 * }</pre>
 *
 * <p>Not thread-safe; no I/O.
 */
public final class InboundChannel {

    private long lastSequence;
    private String lastHash;
    private final TreeMap<Long, HeldBatch> held = new TreeMap<>();

    /** A channel that never received anything. */
    public InboundChannel() {
        this(InboundState.EMPTY);
    }

    private InboundChannel(InboundState state) {
        lastSequence = state.lastSequence();
        lastHash = state.lastHash();
        state.held().forEach(batch -> held.put(batch.sequence(), batch));
    }

    /** A channel continuing from a saved {@link #state()}. */
    public static InboundChannel restore(InboundState state) {
        return new InboundChannel(Objects.requireNonNull(state, "state"));
    }

    /** A snapshot of the whole state, to persist. */
    public InboundState state() {
        return new InboundState(lastSequence, lastHash, List.copyOf(held.values()));
    }

    /**
     * Judges an arriving batch by its header {@code sequence} and {@code previous} hash and its own
     * batch {@code hash}. Changes the state only for {@link OfferVerdict.Held} (the batch is kept);
     * after {@link OfferVerdict.Apply} the caller applies the batch and calls {@link #commit}.
     *
     * <ul>
     *   <li>{@code AckOnly}: sequence 0;</li>
     *   <li>{@code Duplicate}: below the last committed sequence, or equal to it with the same hash;</li>
     *   <li>{@code Fork}: equal to the last committed sequence with another hash, or a held sequence
     *       with another hash;</li>
     *   <li>{@code Apply}: the next sequence, chained on the last committed hash (previous absent for
     *       sequence 1);</li>
     *   <li>{@code BrokenChain}: the next sequence with another previous hash;</li>
     *   <li>{@code Held}: beyond the next sequence; kept (once) until the sequences between the last
     *       committed one and it are committed ({@link #gap()} tells which of them have not arrived).</li>
     * </ul>
     */
    public OfferVerdict offer(long sequence, String previous, String hash) {
        Validation.sequence("sequence", sequence);
        Validation.optionalHash("previous", previous);
        Validation.hash("hash", hash);
        if (sequence == 0) {
            return new OfferVerdict.AckOnly();
        }
        if (sequence < lastSequence) {
            return new OfferVerdict.Duplicate(sequence);
        }
        if (sequence == lastSequence) {
            return hash.equals(lastHash)
                    ? new OfferVerdict.Duplicate(sequence)
                    : new OfferVerdict.Fork(sequence, lastHash, hash);
        }
        if (sequence == lastSequence + 1) {
            return judgeNext(new HeldBatch(sequence, previous, hash));
        }
        HeldBatch known = held.get(sequence);
        if (known != null && !known.hash().equals(hash)) {
            return new OfferVerdict.Fork(sequence, known.hash(), hash);
        }
        if (known == null) {
            held.put(sequence, new HeldBatch(sequence, previous, hash));
        }
        return new OfferVerdict.Held(sequence, lastSequence + 1, sequence - 1);
    }

    /**
     * Records that the caller applied batch {@code sequence}; drops held batches it supersedes.
     *
     * @throws IllegalStateException if {@code sequence} is not the last committed sequence + 1
     */
    public void commit(long sequence, String hash) {
        Validation.sequence("sequence", sequence);
        Validation.hash("hash", hash);
        if (sequence != lastSequence + 1) {
            throw new IllegalStateException("commit(" + sequence + "): the next sequence to commit is "
                    + (lastSequence + 1));
        }
        lastSequence = sequence;
        lastHash = hash;
        held.headMap(sequence, true).clear();
    }

    /**
     * The held batch that is now next in order, judged like an arriving one: {@link OfferVerdict.Apply}
     * (apply it from the held file, then {@link #commit}; asking again before the commit gives the same
     * answer) or {@link OfferVerdict.BrokenChain} (its previous hash does not match: it is dropped from
     * the held set). Empty when no held batch is next in order.
     */
    public Optional<OfferVerdict> nextReady() {
        HeldBatch next = held.get(lastSequence + 1);
        if (next == null) {
            return Optional.empty();
        }
        OfferVerdict verdict = judgeNext(next);
        if (verdict instanceof OfferVerdict.BrokenChain) {
            held.remove(next.sequence());
        }
        return Optional.of(verdict);
    }

    /** What to acknowledge on the reverse channel: the last committed sequence and its hash. */
    public Ack ackToSend() {
        return new Ack(lastSequence, lastHash);
    }

    /**
     * The first range of sequences that are neither committed nor held but lie below a held batch:
     * what blocks progress. Empty when nothing held is waiting for a missing batch.
     */
    public Optional<Gap> gap() {
        long first = lastSequence + 1;
        while (held.containsKey(first)) {
            first++;
        }
        Long above = held.higherKey(first);
        return above == null ? Optional.empty() : Optional.of(new Gap(first, above - 1));
    }

    /** The batches held after a gap, lowest sequence first. */
    public List<HeldBatch> held() {
        return List.copyOf(held.values());
    }

    /** The last committed sequence (0 = none). */
    public long lastCommitted() {
        return lastSequence;
    }

    private OfferVerdict judgeNext(HeldBatch batch) {
        if (Objects.equals(batch.previous(), lastHash)) {
            return new OfferVerdict.Apply(batch.sequence(), batch.previous(), batch.hash());
        }
        return new OfferVerdict.BrokenChain(batch.sequence(), lastHash, batch.previous());
    }
}
