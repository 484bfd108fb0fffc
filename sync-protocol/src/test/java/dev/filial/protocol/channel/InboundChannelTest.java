package dev.filial.protocol.channel;

import static dev.filial.protocol.channel.Hashes.batch;
import static dev.filial.protocol.channel.Hashes.previous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundChannelTest {

    private final InboundChannel channel = new InboundChannel();
    private final List<Long> applied = new ArrayList<>();

    /** Offers the honest batch {@code sequence} and runs the caller loop; returns the first verdict. */
    private OfferVerdict receive(long sequence) {
        OfferVerdict first = channel.offer(sequence, previous(sequence), batch(sequence));
        OfferVerdict verdict = first;
        while (verdict instanceof OfferVerdict.Apply apply) {
            applied.add(apply.sequence());
            channel.commit(apply.sequence(), apply.hash());
            verdict = channel.nextReady().orElse(null);
        }
        return first;
    }

    @Test
    void appliesAChainedRunOfBatchesInOrder() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            assertThat(receive(sequence))
                    .isEqualTo(new OfferVerdict.Apply(sequence, previous(sequence), batch(sequence)));
        }

        assertThat(applied).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(channel.ackToSend()).isEqualTo(new Ack(5, batch(5)));
        assertThat(channel.gap()).isEmpty();
    }

    @Test
    void acknowledgesNothingBeforeTheFirstCommit() {
        assertThat(channel.ackToSend()).isEqualTo(Ack.NONE);
    }

    @Test
    void treatsSequenceZeroAsAckOnly() {
        OfferVerdict verdict = channel.offer(0, null, batch(0));

        assertThat(verdict).isEqualTo(new OfferVerdict.AckOnly());
        assertThat(verdict.reasonCode()).isEqualTo("ack-only");
        assertThat(channel.state()).isEqualTo(InboundState.EMPTY);
    }

    @Test
    void recognisesDuplicatesOfCommittedBatches() {
        receive(1);
        receive(2);
        receive(3);

        assertThat(receive(3)).isEqualTo(new OfferVerdict.Duplicate(3));
        assertThat(receive(1)).isEqualTo(new OfferVerdict.Duplicate(1));
        assertThat(channel.offer(2, null, Hashes.of("whatever"))).isEqualTo(new OfferVerdict.Duplicate(2));
        assertThat(receive(1).reasonCode()).isEqualTo("duplicate");
        assertThat(applied).containsExactly(1L, 2L, 3L);
    }

    @Test
    void reportsForkWhenAnotherBatchClaimsTheLastCommittedSequence() {
        receive(1);
        receive(2);
        String other = Hashes.of("another batch 2");

        OfferVerdict verdict = channel.offer(2, batch(1), other);

        assertThat(verdict).isEqualTo(new OfferVerdict.Fork(2, batch(2), other));
        assertThat(verdict.reasonCode()).isEqualTo("fork");
        assertThat(channel.ackToSend()).isEqualTo(new Ack(2, batch(2)));
    }

    @Test
    void reportsBrokenChainWhenPreviousDoesNotMatch() {
        receive(1);
        String wrong = Hashes.of("not batch 1");

        OfferVerdict verdict = channel.offer(2, wrong, batch(2));

        assertThat(verdict).isEqualTo(new OfferVerdict.BrokenChain(2, batch(1), wrong));
        assertThat(verdict.reasonCode()).isEqualTo("broken-chain");
        assertThat(channel.state()).isEqualTo(new InboundState(1, batch(1), List.of()));
    }

    @Test
    void reportsBrokenChainWhenTheFirstBatchHasAPrevious() {
        assertThat(channel.offer(1, batch(0), batch(1)))
                .isEqualTo(new OfferVerdict.BrokenChain(1, null, batch(0)));
    }

    @Test
    void holdsBatchAfterGapUntilGapFilled() {
        receive(1);

        OfferVerdict verdict = receive(4);

        assertThat(verdict).isEqualTo(new OfferVerdict.Held(4, 2, 3));
        assertThat(verdict.reasonCode()).isEqualTo("gap");
        assertThat(((OfferVerdict.Held) verdict).gap()).isEqualTo(new Gap(2, 3));
        assertThat(channel.gap()).contains(new Gap(2, 3));
        assertThat(receive(3)).isEqualTo(new OfferVerdict.Held(3, 2, 2));
        assertThat(applied).containsExactly(1L);

        assertThat(receive(2)).isInstanceOf(OfferVerdict.Apply.class);

        assertThat(applied).containsExactly(1L, 2L, 3L, 4L);
        assertThat(channel.held()).isEmpty();
        assertThat(channel.gap()).isEmpty();
        assertThat(channel.ackToSend()).isEqualTo(new Ack(4, batch(4)));
    }

    @Test
    void releasesHeldBatchesOnlyUpToTheNextGap() {
        receive(3);
        receive(5);
        assertThat(channel.gap()).contains(new Gap(1, 2));

        receive(1);
        assertThat(channel.gap()).contains(new Gap(2, 2));
        receive(2);

        assertThat(applied).containsExactly(1L, 2L, 3L);
        assertThat(channel.gap()).contains(new Gap(4, 4));
        receive(4);
        assertThat(applied).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void keepsOneCopyOfARepeatedHeldBatch() {
        receive(3);

        assertThat(receive(3)).isEqualTo(new OfferVerdict.Held(3, 1, 2));
        assertThat(channel.held()).containsExactly(new HeldBatch(3, batch(2), batch(3)));
    }

    @Test
    void reportsForkWhenAnotherBatchClaimsAHeldSequence() {
        receive(3);
        String other = Hashes.of("another batch 3");

        assertThat(channel.offer(3, batch(2), other)).isEqualTo(new OfferVerdict.Fork(3, batch(3), other));
        assertThat(channel.held()).containsExactly(new HeldBatch(3, batch(2), batch(3)));
    }

    @Test
    void nextReadyAnswersTheSameUntilCommitted() {
        receive(2);
        channel.offer(1, null, batch(1));
        channel.commit(1, batch(1));

        Optional<OfferVerdict> first = channel.nextReady();

        assertThat(first).contains(new OfferVerdict.Apply(2, batch(1), batch(2)));
        assertThat(channel.nextReady()).isEqualTo(first);
        channel.commit(2, batch(2));
        assertThat(channel.nextReady()).isEmpty();
    }

    @Test
    void dropsAHeldBatchThatTurnsOutNotToChain() {
        String stray = Hashes.of("stray 1");
        channel.offer(2, stray, batch(2));
        channel.offer(4, batch(3), batch(4));
        channel.commit(1, batch(1));

        assertThat(channel.nextReady()).contains(new OfferVerdict.BrokenChain(2, batch(1), stray));
        assertThat(channel.nextReady()).isEmpty();
        assertThat(channel.held()).containsExactly(new HeldBatch(4, batch(3), batch(4)));
        assertThat(channel.gap()).contains(new Gap(2, 3));
    }

    @Test
    void reportsTheGapBehindHeldBatchesThatAreAlreadyNextInOrder() {
        channel.offer(2, batch(1), batch(2));
        channel.commit(1, batch(1));

        assertThat(channel.offer(4, batch(3), batch(4))).isEqualTo(new OfferVerdict.Held(4, 2, 3));
        assertThat(channel.gap()).contains(new Gap(3, 3));
    }

    @Test
    void holdsABatchRightAfterUndrainedReadyBatchesWithoutAGap() {
        channel.offer(2, batch(1), batch(2));
        channel.commit(1, batch(1));
        InboundChannel restarted = InboundChannel.restore(channel.state());

        assertThat(restarted.offer(3, batch(2), batch(3))).isEqualTo(new OfferVerdict.Held(3, 2, 2));
        assertThat(restarted.gap()).isEmpty();
        assertThat(restarted.nextReady()).contains(new OfferVerdict.Apply(2, batch(1), batch(2)));
        restarted.commit(2, batch(2));
        assertThat(restarted.nextReady()).contains(new OfferVerdict.Apply(3, batch(2), batch(3)));
    }

    @Test
    void refusesToCommitOutOfOrder() {
        receive(1);

        assertThatThrownBy(() -> channel.commit(3, batch(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("next sequence to commit is 2");
        assertThatThrownBy(() -> channel.commit(1, batch(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stateSurvivesPersistAndRestore() {
        receive(1);
        receive(2);
        receive(5);
        receive(4);

        InboundState state = channel.state();
        InboundChannel restored = InboundChannel.restore(state);

        assertThat(state).isEqualTo(new InboundState(2, batch(2), List.of(
                new HeldBatch(4, batch(3), batch(4)),
                new HeldBatch(5, batch(4), batch(5)))));
        assertThat(restored.state()).isEqualTo(state);
        assertThat(restored.gap()).contains(new Gap(3, 3));
        assertThat(restored.offer(3, batch(2), batch(3))).isInstanceOf(OfferVerdict.Apply.class);
    }

    @Test
    void refusesInconsistentState() {
        assertThatThrownBy(() -> new InboundState(3, batch(3), List.of(new HeldBatch(3, batch(2), batch(3)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above lastSequence");
        assertThatThrownBy(() -> new InboundState(2, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastHash is missing");
    }

    @Test
    void rejectsNegativeSequencesAndMalformedHashes() {
        assertThatThrownBy(() -> channel.offer(-1, null, batch(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence must not be negative");
        assertThatThrownBy(() -> channel.offer(1, null, "xyz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash must be a batch hash");
        assertThatThrownBy(() -> channel.offer(2, batch(1).substring(1), batch(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous").hasMessageContaining("63 characters");
        assertThatThrownBy(() -> channel.offer(1, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash is missing");
    }

    @Test
    void everyVerdictExplainsItselfToAnOperator() {
        List<OfferVerdict> verdicts = List.of(new OfferVerdict.AckOnly(), new OfferVerdict.Duplicate(1),
                new OfferVerdict.Fork(1, batch(1), batch(2)), new OfferVerdict.Apply(1, null, batch(1)),
                new OfferVerdict.BrokenChain(2, batch(1), batch(0)), new OfferVerdict.Held(5, 2, 4));

        assertThat(verdicts).extracting(OfferVerdict::reasonCode)
                .containsExactly("ack-only", "duplicate", "fork", "apply", "broken-chain", "gap");
        assertThat(verdicts).allSatisfy(v -> assertThat(v.hint()).isNotBlank().doesNotContain("\n"));
    }
}
