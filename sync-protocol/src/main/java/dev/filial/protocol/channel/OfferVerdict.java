package dev.filial.protocol.channel;

/**
 * What an {@link InboundChannel} says about an arriving batch; see
 * {@link InboundChannel#offer(long, String, String)} and {@link InboundChannel#nextReady()}.
 */
public sealed interface OfferVerdict {

    /** Stable machine-readable reason, for logs and metrics. */
    String reasonCode();

    /** One line for an operator. */
    String hint();

    /** Sequence 0: the batch only carries an acknowledgement; nothing to apply. */
    record AckOnly() implements OfferVerdict {

        public static final String CODE = "ack-only";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "acknowledgement only, no data; nothing to do";
        }
    }

    /** The batch was committed before (a resend or a second copy): skip it. */
    record Duplicate(long sequence) implements OfferVerdict {

        public static final String CODE = "duplicate";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "batch " + sequence + " was already applied; skipped, nothing to do";
        }
    }

    /**
     * Two different batches claim the same sequence: {@code knownHash} is the one committed or held,
     * {@code offeredHash} the one that just arrived, which is refused.
     */
    record Fork(long sequence, String knownHash, String offeredHash) implements OfferVerdict {

        public static final String CODE = "fork";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "two different batches claim sequence " + sequence
                    + ": the sender may have been restored from a backup or its identity is used twice; investigate the sender";
        }
    }

    /** The batch is next in order and chains correctly: apply it, then {@link InboundChannel#commit}. */
    record Apply(long sequence, String previous, String hash) implements OfferVerdict {

        public static final String CODE = "apply";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "batch " + sequence + " is next in order; apply it";
        }
    }

    /**
     * The batch is next in order but its {@code previous} hash is not the hash of the last committed
     * batch: it does not belong to the chain we hold. Refused.
     */
    record BrokenChain(long sequence, String expectedPrevious, String actualPrevious) implements OfferVerdict {

        public static final String CODE = "broken-chain";

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            return "batch " + sequence + " does not follow the last applied batch; refused. "
                    + "If the sender was restored from a backup it re-sends after recovery; otherwise investigate the sender";
        }
    }

    /**
     * The batch arrived after a gap and is kept until the sequences {@code missingFrom..missingTo}
     * (inclusive: from the last committed one + 1 up to just before this batch) are committed. Some of
     * them may be held already; {@link InboundChannel#gap()} gives the first range not yet arrived.
     */
    record Held(long sequence, long missingFrom, long missingTo) implements OfferVerdict {

        public static final String CODE = "gap";

        /** The missing range as a {@link Gap}. */
        public Gap gap() {
            return new Gap(missingFrom, missingTo);
        }

        @Override
        public String reasonCode() {
            return CODE;
        }

        @Override
        public String hint() {
            String missing = missingFrom == missingTo ? "batch " + missingFrom : "batches " + missingFrom + ".." + missingTo;
            return "batch " + sequence + " is kept until " + missing
                    + " are applied; the sender re-sends unacknowledged batches, wait or ask it to re-send";
        }
    }
}
