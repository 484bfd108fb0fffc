package dev.filial.protocol.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The sending side of a channel: assigns sequences and chain links, remembers the unacknowledged
 * batches for resending and releases them when the peer acknowledges them.
 *
 * <p>Sending a data batch: take {@link #nextSequence()} for the header, build and store the batch,
 * then {@link #recordSent(long, String, long)} with its batch hash (persist the state together with
 * the stored batch). Every incoming batch's ack goes to {@link #onAck(long, String)}. Periodically,
 * {@link #dueForResend(long, long)} names the stored batches to send again, byte for byte, followed by
 * {@link #markResent(long, long)}; resends do not change the chain.
 *
 * <p>Recovery: an ack above the last sequence this side ever assigned ({@link AckOutcome.PeerAhead})
 * means this node was restored from a backup and forgot batches the peer already has. Nothing
 * changes until the caller runs {@link #recoverFromPeer(long, String)}: the chain then continues after
 * the peer's ack, anchored on the peer's hash, and the batches that were unacknowledged here are
 * returned so that their changes are re-sent in new batches. Re-sending is safe because the receiver
 * deduplicates changes by transaction id.
 *
 * <p>Not thread-safe; the time is always passed in, never read.
 */
public final class OutboundChannel {

    private long lastSequence;
    private String lastHash;
    private long lastAck;
    private String lastAckHash;
    private final TreeMap<Long, PendingBatch> pending = new TreeMap<>();

    /** A channel that never sent anything. */
    public OutboundChannel() {
        this(OutboundState.EMPTY);
    }

    private OutboundChannel(OutboundState state) {
        lastSequence = state.lastSequence();
        lastHash = state.lastHash();
        lastAck = state.lastAck();
        lastAckHash = state.lastAckHash();
        state.pending().forEach(batch -> pending.put(batch.sequence(), batch));
    }

    /** A channel continuing from a saved {@link #state()}. */
    public static OutboundChannel restore(OutboundState state) {
        return new OutboundChannel(Objects.requireNonNull(state, "state"));
    }

    /** A snapshot of the whole state, to persist. */
    public OutboundState state() {
        return new OutboundState(lastSequence, lastHash, lastAck, lastAckHash, List.copyOf(pending.values()));
    }

    /**
     * The sequence and previous hash for the next data batch header. Changes nothing: asking twice
     * gives the same link until {@link #recordSent} registers the batch.
     */
    public ChainLink nextSequence() {
        return new ChainLink(lastSequence + 1, lastHash);
    }

    /**
     * Registers the batch built for {@link #nextSequence()} as sent and unacknowledged.
     *
     * @throws IllegalStateException if {@code sequence} is not the one {@link #nextSequence()} hands out
     */
    public void recordSent(long sequence, String hash, long nowMillis) {
        Validation.sequence("sequence", sequence);
        Validation.hash("hash", hash);
        if (sequence != lastSequence + 1) {
            throw new IllegalStateException("recordSent(" + sequence + "): the sequence handed out is "
                    + (lastSequence + 1) + "; take it from nextSequence()");
        }
        pending.put(sequence, new PendingBatch(sequence, hash, nowMillis, 1));
        lastSequence = sequence;
        lastHash = hash;
    }

    /**
     * Takes an acknowledgement from the peer: the last sequence it received and committed on this
     * channel, with that batch's hash (null when {@code ack} is 0).
     *
     * <p>Outcomes: {@link AckOutcome.PeerAhead} when {@code ack} exceeds the last sequence assigned;
     * {@link AckOutcome.Stale} when it is not above the last ack; {@link AckOutcome.HashMismatch} when
     * the hash differs from the batch we sent under that sequence (also when it repeats the last ack
     * with another hash); otherwise {@link AckOutcome.Released} with the newly acknowledged sequences.
     * Only {@code Released} changes the state.
     */
    public AckOutcome onAck(long ack, String ackHash) {
        Validation.pair("ack", ack, "ackHash", ackHash);
        if (ack > lastSequence) {
            return new AckOutcome.PeerAhead(ack, ackHash, lastSequence);
        }
        if (ack <= lastAck) {
            if (ack == lastAck && ack > 0 && !ackHash.equals(lastAckHash)) {
                return new AckOutcome.HashMismatch(ack, lastAckHash, ackHash);
            }
            return new AckOutcome.Stale(ack, lastAck);
        }
        String ours = pending.get(ack).hash();
        if (!ours.equals(ackHash)) {
            return new AckOutcome.HashMismatch(ack, ours, ackHash);
        }
        var acknowledged = pending.headMap(ack, true);
        List<Long> released = List.copyOf(acknowledged.keySet());
        acknowledged.clear();
        lastAck = ack;
        lastAckHash = ackHash;
        return new AckOutcome.Released(released);
    }

    /**
     * Recovery after {@link AckOutcome.PeerAhead}: continues the chain after the peer's ack, anchored on
     * the peer's hash (the next batch gets sequence {@code peerAck + 1} and previous
     * {@code peerAckHash}), treats everything up to {@code peerAck} as acknowledged, and forgets the
     * local unacknowledged batches.
     *
     * @return the sequences that were unacknowledged here, ascending: their stored batches must not be
     *     re-sent as they are; their changes go out again in new batches (the receiver deduplicates by
     *     transaction id)
     * @throws IllegalStateException if the peer is not ahead of this side
     */
    public List<Long> recoverFromPeer(long peerAck, String peerAckHash) {
        Validation.pair("peerAck", peerAck, "peerAckHash", peerAckHash);
        if (peerAck <= lastSequence) {
            throw new IllegalStateException("recoverFromPeer(" + peerAck + "): the peer is not ahead, this side "
                    + "already assigned up to " + lastSequence + "; recovery only follows a peer-ahead ack");
        }
        List<Long> orphaned = List.copyOf(pending.keySet());
        pending.clear();
        lastSequence = peerAck;
        lastHash = peerAckHash;
        lastAck = peerAck;
        lastAckHash = peerAckHash;
        return orphaned;
    }

    /**
     * The unacknowledged sequences whose last send is at least {@code resendAfterMillis} ago, oldest
     * first. A batch whose last send lies in the future (the wall clock went back) counts as due, so
     * that a clock step cannot freeze resending.
     */
    public List<Long> dueForResend(long nowMillis, long resendAfterMillis) {
        if (resendAfterMillis < 0) {
            throw new IllegalArgumentException("resendAfterMillis must not be negative, got " + resendAfterMillis);
        }
        List<Long> due = new ArrayList<>();
        for (PendingBatch batch : pending.values()) {
            long elapsed = nowMillis - batch.lastSentMillis();
            if (elapsed >= resendAfterMillis || elapsed < 0) {
                due.add(batch.sequence());
            }
        }
        return due;
    }

    /**
     * Registers that the stored batch {@code sequence} was sent again at {@code nowMillis}.
     *
     * @throws IllegalStateException if that sequence is not unacknowledged
     */
    public void markResent(long sequence, long nowMillis) {
        Validation.sequence("sequence", sequence);
        PendingBatch batch = pending.get(sequence);
        if (batch == null) {
            throw new IllegalStateException("markResent(" + sequence + "): not an unacknowledged batch; pending are "
                    + (pending.isEmpty() ? "none" : pending.firstKey() + ".." + pending.lastKey()));
        }
        pending.put(sequence, batch.resent(nowMillis));
    }

    /** Number of sent, unacknowledged batches. */
    public int backlog() {
        return pending.size();
    }

    /** The oldest unacknowledged sequence, if any. */
    public OptionalLong oldestUnacknowledged() {
        return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pending.firstKey());
    }

    /** The sent, unacknowledged batches, oldest first. */
    public List<PendingBatch> pending() {
        return List.copyOf(pending.values());
    }

    /** The last sequence assigned (0 = none). */
    public long lastAssigned() {
        return lastSequence;
    }

    /** The highest sequence the peer acknowledged (0 = none). */
    public long lastAck() {
        return lastAck;
    }
}
