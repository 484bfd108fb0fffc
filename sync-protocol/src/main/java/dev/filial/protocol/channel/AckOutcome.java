package dev.filial.protocol.channel;

import java.util.List;

/**
 * What an acknowledgement from the peer did to an {@link OutboundChannel}; see
 * {@link OutboundChannel#onAck(long, String)}.
 */
public sealed interface AckOutcome {

    /** Stable machine-readable reason, for logs and metrics. */
    String reasonCode();

    /** One line for an operator. */
    String hint();

    /** The ack was new: these sequences (ascending) are acknowledged and their stored files may go. */
    record Released(List<Long> sequences) implements AckOutcome {

        public static final String CODE = "released";

        public Released {
            sequences = List.copyOf(sequences);
        }

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "the peer committed " + sequences.size() + " batch(es); their stored files may be deleted";
        }
    }

    /** The ack is not newer than what we already had (it was overtaken by a later one): ignored. */
    record Stale(long ack, long lastAck) implements AckOutcome {

        public static final String CODE = "stale-ack";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "old acknowledgement " + ack + " (already at " + lastAck + "), ignored; nothing to do";
        }
    }

    /**
     * The peer acknowledges a sequence we sent, but with another hash than ours: it holds a batch we
     * never sent with that content (a fork). Nothing changed.
     */
    record HashMismatch(long ack, String expectedHash, String ackHash) implements AckOutcome {

        public static final String CODE = "ack-hash-mismatch";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "the peer committed a different batch " + ack + " than this node sent (fork): "
                    + "another node may be using this node's identity or a stale copy of it; stop and investigate";
        }
    }

    /**
     * The peer acknowledges a sequence this sender never assigned: this sender was restored from a
     * backup and forgot batches the peer already received. Nothing changed; call
     * {@link OutboundChannel#recoverFromPeer(long, String)}.
     */
    record PeerAhead(long ack, String ackHash, long lastAssigned) implements AckOutcome {

        public static final String CODE = "peer-ahead";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "the peer acknowledged batch " + ack + " but this node only sent up to " + lastAssigned
                    + ": this node was probably restored from a backup; run recovery: pending changes are kept and re-sent";
        }
    }
}
