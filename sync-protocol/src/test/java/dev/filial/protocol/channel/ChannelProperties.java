package dev.filial.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Sender and receiver agree over a lossy, duplicating, reordering transport. */
class ChannelProperties {

    /**
     * One event on the transport: deliver batch {@code pick} (0 = an ack-only batch, else the data
     * batch with that sequence), then maybe carry the receiver's ack back to the sender, and maybe
     * persist and restore the receiver.
     */
    record Delivery(int pick, boolean ackBack, boolean restart) {
    }

    record Scenario(int batches, List<Delivery> deliveries) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(1, 30).flatMap(batches -> {
            Arbitrary<Delivery> delivery = Combinators.combine(
                    Arbitraries.integers().between(0, batches),
                    Arbitraries.of(true, false),
                    Arbitraries.integers().between(0, 9).map(n -> n == 0))
                    .as(Delivery::new);
            return delivery.list().ofMaxSize(4 * batches).map(list -> new Scenario(batches, list));
        });
    }

    @Property(tries = 200)
    void everyBatchIsAppliedOnceInOrderAndFinallyReleased(@ForAll("scenarios") Scenario scenario) {
        OutboundChannel sender = new OutboundChannel();
        for (int i = 1; i <= scenario.batches(); i++) {
            ChainLink link = sender.nextSequence();
            sender.recordSent(link.sequence(), Hashes.batch(link.sequence()), 0);
        }
        Receiver receiver = new Receiver();

        long now = 0;
        for (Delivery delivery : scenario.deliveries()) {
            now += 10;
            receiver.receive(delivery.pick());
            if (delivery.ackBack()) {
                Ack ack = receiver.channel.ackToSend();
                assertThat(sender.onAck(ack.sequence(), ack.hash()))
                        .isInstanceOfAny(AckOutcome.Released.class, AckOutcome.Stale.class);
            }
            if (delivery.restart()) {
                receiver.channel = InboundChannel.restore(receiver.channel.state());
            }
        }
        now += 1_000;
        for (long sequence : sender.dueForResend(now, 1_000)) {
            receiver.receive(sequence);
            sender.markResent(sequence, now);
        }

        Ack ack = receiver.channel.ackToSend();
        AckOutcome finalOutcome = sender.onAck(ack.sequence(), ack.hash());

        assertThat(receiver.applied)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, scenario.batches()).boxed().toList());
        assertThat(finalOutcome).isInstanceOfAny(AckOutcome.Released.class, AckOutcome.Stale.class);
        assertThat(sender.backlog()).isZero();
        assertThat(sender.lastAck()).isEqualTo(scenario.batches());
        assertThat(receiver.channel.held()).isEmpty();
        assertThat(receiver.channel.gap()).isEmpty();
    }

    /** The receiving node: runs the documented caller loop and records what it applied. */
    private static final class Receiver {

        InboundChannel channel = new InboundChannel();
        final List<Long> applied = new ArrayList<>();

        void receive(long sequence) {
            String hash = sequence == 0 ? Hashes.of("ack-only " + applied.size()) : Hashes.batch(sequence);
            String previous = sequence == 0 ? null : Hashes.previous(sequence);
            OfferVerdict verdict = channel.offer(sequence, previous, hash);
            assertThat(verdict).isInstanceOfAny(OfferVerdict.AckOnly.class, OfferVerdict.Duplicate.class,
                    OfferVerdict.Held.class, OfferVerdict.Apply.class);
            while (verdict instanceof OfferVerdict.Apply apply) {
                assertThat(apply.hash()).isEqualTo(Hashes.batch(apply.sequence()));
                applied.add(apply.sequence());
                channel.commit(apply.sequence(), apply.hash());
                verdict = channel.nextReady().orElse(null);
            }
            assertThat(verdict instanceof OfferVerdict.BrokenChain).as("held batch broke the chain").isFalse();
        }
    }
}
