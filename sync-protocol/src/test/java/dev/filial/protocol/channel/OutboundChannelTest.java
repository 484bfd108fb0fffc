package dev.filial.protocol.channel;

import static dev.filial.protocol.channel.Hashes.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundChannelTest {

    /** Sends batches 1..n at the given time, each taking its link from nextSequence(). */
    private static OutboundChannel sent(int n, long nowMillis) {
        OutboundChannel channel = new OutboundChannel();
        for (long sequence = 1; sequence <= n; sequence++) {
            ChainLink link = channel.nextSequence();
            assertThat(link).isEqualTo(new ChainLink(sequence, Hashes.previous(sequence)));
            channel.recordSent(link.sequence(), batch(sequence), nowMillis);
        }
        return channel;
    }

    @Test
    void assignsSequencesFromOneChainedOnThePreviousHash() {
        OutboundChannel channel = sent(3, 1_000);

        assertThat(channel.nextSequence()).isEqualTo(new ChainLink(4, batch(3)));
        assertThat(channel.lastAssigned()).isEqualTo(3);
        assertThat(channel.backlog()).isEqualTo(3);
        assertThat(channel.oldestUnacknowledged()).hasValue(1);
        assertThat(channel.lastAck()).isZero();
    }

    @Test
    void firstLinkHasNoPrevious() {
        assertThat(new OutboundChannel().nextSequence()).isEqualTo(new ChainLink(1, null));
    }

    @Test
    void nextSequenceChangesNothingUntilRecorded() {
        OutboundChannel channel = sent(1, 0);

        assertThat(channel.nextSequence()).isEqualTo(channel.nextSequence());
        assertThat(channel.lastAssigned()).isEqualTo(1);
    }

    @Test
    void refusesToRecordASequenceThatWasNotHandedOut() {
        OutboundChannel channel = sent(2, 0);

        assertThatThrownBy(() -> channel.recordSent(2, batch(2), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handed out is 3");
        assertThatThrownBy(() -> channel.recordSent(5, batch(5), 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ackReleasesEverySequenceUpToIt() {
        OutboundChannel channel = sent(5, 0);

        AckOutcome outcome = channel.onAck(3, batch(3));

        assertThat(outcome).isEqualTo(new AckOutcome.Released(List.of(1L, 2L, 3L)));
        assertThat(outcome.reasonCode()).isEqualTo("released");
        assertThat(channel.backlog()).isEqualTo(2);
        assertThat(channel.oldestUnacknowledged()).hasValue(4);
        assertThat(channel.lastAck()).isEqualTo(3);
    }

    @Test
    void ackOfEverythingEmptiesTheBacklog() {
        OutboundChannel channel = sent(4, 0);

        channel.onAck(4, batch(4));

        assertThat(channel.backlog()).isZero();
        assertThat(channel.oldestUnacknowledged()).isEmpty();
        assertThat(channel.nextSequence()).isEqualTo(new ChainLink(5, batch(4)));
    }

    @Test
    void ignoresStaleAck() {
        OutboundChannel channel = sent(5, 0);
        channel.onAck(3, batch(3));

        AckOutcome older = channel.onAck(2, batch(2));
        AckOutcome same = channel.onAck(3, batch(3));
        AckOutcome none = channel.onAck(0, null);

        assertThat(older).isEqualTo(new AckOutcome.Stale(2, 3));
        assertThat(same).isInstanceOf(AckOutcome.Stale.class);
        assertThat(none).isInstanceOf(AckOutcome.Stale.class);
        assertThat(older.reasonCode()).isEqualTo("stale-ack");
        assertThat(channel.backlog()).isEqualTo(2);
        assertThat(channel.lastAck()).isEqualTo(3);
    }

    @Test
    void reportsAckHashMismatchWithoutReleasing() {
        OutboundChannel channel = sent(5, 0);
        String forged = Hashes.of("somebody else's batch 2");

        AckOutcome outcome = channel.onAck(2, forged);

        assertThat(outcome).isEqualTo(new AckOutcome.HashMismatch(2, batch(2), forged));
        assertThat(outcome.reasonCode()).isEqualTo("ack-hash-mismatch");
        assertThat(outcome.hint()).contains("fork");
        assertThat(channel.backlog()).isEqualTo(5);
        assertThat(channel.lastAck()).isZero();
    }

    @Test
    void reportsMismatchWhenTheLastAckIsRepeatedWithAnotherHash() {
        OutboundChannel channel = sent(3, 0);
        channel.onAck(2, batch(2));

        assertThat(channel.onAck(2, Hashes.of("other"))).isInstanceOf(AckOutcome.HashMismatch.class);
    }

    @Test
    void reportsPeerAheadAndChangesNothingUntilRecovery() {
        OutboundChannel channel = sent(5, 0);
        channel.onAck(3, batch(3));
        OutboundState before = channel.state();

        AckOutcome outcome = channel.onAck(8, batch(8));

        assertThat(outcome).isEqualTo(new AckOutcome.PeerAhead(8, batch(8), 5));
        assertThat(outcome.reasonCode()).isEqualTo("peer-ahead");
        assertThat(outcome.hint()).contains("restored from a backup").contains("recovery");
        assertThat(channel.state()).isEqualTo(before);
    }

    @Test
    void recoveryContinuesAfterThePeersAckAndReturnsTheUnacknowledgedSequences() {
        OutboundChannel channel = sent(5, 0);
        channel.onAck(3, batch(3));
        String peerHash = Hashes.of("batch 8 sent before the backup was restored");

        List<Long> orphaned = channel.recoverFromPeer(8, peerHash);

        assertThat(orphaned).containsExactly(4L, 5L);
        assertThat(channel.nextSequence()).isEqualTo(new ChainLink(9, peerHash));
        assertThat(channel.backlog()).isZero();
        assertThat(channel.lastAssigned()).isEqualTo(8);
        assertThat(channel.lastAck()).isEqualTo(8);
        assertThat(channel.onAck(8, peerHash)).isInstanceOf(AckOutcome.Stale.class);

        channel.recordSent(9, batch(9), 10);
        assertThat(channel.onAck(9, batch(9))).isEqualTo(new AckOutcome.Released(List.of(9L)));
    }

    @Test
    void refusesRecoveryWhenThePeerIsNotAhead() {
        OutboundChannel channel = sent(5, 0);

        assertThatThrownBy(() -> channel.recoverFromPeer(5, batch(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not ahead");
    }

    @Test
    void resendsOnlyBatchesWhoseLastSendIsOldEnoughOldestFirst() {
        OutboundChannel channel = new OutboundChannel();
        channel.recordSent(1, batch(1), 1_000);
        channel.recordSent(2, batch(2), 2_000);
        channel.recordSent(3, batch(3), 3_000);

        assertThat(channel.dueForResend(3_000, 1_500)).containsExactly(1L);
        assertThat(channel.dueForResend(4_000, 1_000)).containsExactly(1L, 2L, 3L);
        assertThat(channel.dueForResend(3_000, 5_000)).isEmpty();

        channel.markResent(1, 4_000);
        channel.markResent(2, 4_000);

        assertThat(channel.dueForResend(4_500, 1_000)).containsExactly(3L);
        assertThat(channel.pending().get(0)).isEqualTo(new PendingBatch(1, batch(1), 4_000, 2));
        assertThat(channel.nextSequence()).isEqualTo(new ChainLink(4, batch(3)));
    }

    @Test
    void treatsASendInTheFutureAsDueSoAClockStepBackCannotFreezeResending() {
        OutboundChannel channel = new OutboundChannel();
        channel.recordSent(1, batch(1), 10_000);

        assertThat(channel.dueForResend(5_000, 60_000)).containsExactly(1L);
        channel.markResent(1, 5_000);
        assertThat(channel.dueForResend(6_000, 60_000)).isEmpty();
    }

    @Test
    void refusesToMarkAnAcknowledgedBatchResent() {
        OutboundChannel channel = sent(2, 0);
        channel.onAck(1, batch(1));

        assertThatThrownBy(() -> channel.markResent(1, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an unacknowledged batch");
    }

    @Test
    void stateSurvivesPersistAndRestore() {
        OutboundChannel channel = sent(4, 100);
        channel.onAck(2, batch(2));
        channel.markResent(3, 500);

        OutboundState state = channel.state();
        OutboundChannel restored = OutboundChannel.restore(state);

        assertThat(restored.state()).isEqualTo(state);
        assertThat(state).isEqualTo(new OutboundState(4, batch(4), 2, batch(2), List.of(
                new PendingBatch(3, batch(3), 500, 2),
                new PendingBatch(4, batch(4), 100, 1))));
        assertThat(restored.nextSequence()).isEqualTo(channel.nextSequence());
        assertThat(restored.onAck(4, batch(4))).isEqualTo(new AckOutcome.Released(List.of(3L, 4L)));
    }

    @Test
    void freshChannelHasTheEmptyState() {
        assertThat(new OutboundChannel().state()).isEqualTo(OutboundState.EMPTY);
    }

    @Test
    void stateCopiesThePendingList() {
        var list = new java.util.ArrayList<PendingBatch>(List.of(new PendingBatch(1, batch(1), 0, 1)));
        OutboundState state = new OutboundState(1, batch(1), 0, null, list);
        list.clear();

        assertThat(state.pending()).hasSize(1);
        assertThatThrownBy(() -> state.pending().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesInconsistentState() {
        assertThatThrownBy(() -> new OutboundState(3, batch(3), 1, batch(1),
                List.of(new PendingBatch(3, batch(3), 0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2, found 3");
        assertThatThrownBy(() -> new OutboundState(1, batch(1), 2, batch(2), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> new OutboundState(1, batch(2), 0, null,
                List.of(new PendingBatch(1, batch(1), 0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastHash");
    }

    @Test
    void rejectsNegativeSequencesAndMalformedHashes() {
        OutboundChannel channel = sent(2, 0);

        assertThatThrownBy(() -> channel.onAck(-1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ack must not be negative");
        assertThatThrownBy(() -> channel.onAck(1, "ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ackHash").hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> channel.onAck(1, batch(1).toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackHash");
        assertThatThrownBy(() -> channel.onAck(1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackHash is missing");
        assertThatThrownBy(() -> channel.onAck(0, batch(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be absent");
        assertThatThrownBy(() -> channel.recordSent(3, "not-a-hash", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash");
        assertThatThrownBy(() -> channel.dueForResend(0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resendAfterMillis");
    }
}
