package dev.filial.protocol.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever the wall clock does, the hybrid clock only moves forward and never lags the wall clock. */
class HybridClockProperties {

    private static final long T0 = 1_700_000_000_000L;
    private static final long SKEW = Duration.ofMinutes(10).toMillis();

    /**
     * One step: move the wall clock by {@code wallDelta} (negative = jump back), then either stamp a
     * local event or observe a remote whose physical part is {@code remoteOffset} from the wall clock
     * (never more than the skew ahead).
     */
    record Step(long wallDelta, boolean observe, long remoteOffset, int remoteLogical) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> delta = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.longs().between(1, 20)),
                Tuple.of(2, Arbitraries.longs().between(-60_000, -1)),
                Tuple.of(1, Arbitraries.longs().between(-Duration.ofDays(2).toMillis(), Duration.ofDays(2).toMillis())));
        Arbitrary<Long> remoteOffset = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 5),
                Arbitraries.longs().between(-Duration.ofDays(1).toMillis(), SKEW));
        Arbitrary<Integer> remoteLogical = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(Hlc.MAX_LOGICAL - 3, Hlc.MAX_LOGICAL),
                Arbitraries.integers().between(0, Hlc.MAX_LOGICAL));
        Arbitrary<Step> step = Combinators.combine(delta, Arbitraries.of(true, false), remoteOffset, remoteLogical)
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 200)
    void timestampsStrictlyIncreaseAndNeverLagTheWallClock(@ForAll("steps") List<Step> steps) {
        AtomicLong wall = new AtomicLong(T0);
        HybridClock clock = new HybridClock(wall::get, Duration.ofMillis(SKEW));

        Hlc previous = clock.current();
        long maxWall = Long.MIN_VALUE;
        for (Step step : steps) {
            wall.addAndGet(step.wallDelta());
            maxWall = Math.max(maxWall, wall.get());

            Hlc next;
            if (step.observe()) {
                long remotePhysical = Math.max(0, wall.get() + step.remoteOffset());
                Hlc remote = new Hlc(remotePhysical, step.remoteLogical());
                next = clock.observe(remote);
                assertThat(next).as("after the remote %s", remote).isGreaterThan(remote);
            } else {
                next = clock.now();
            }

            assertThat(next).as("after %s", previous).isGreaterThan(previous);
            assertThat(next.physical()).as("physical vs max wall seen").isGreaterThanOrEqualTo(maxWall);
            assertThat(clock.current()).isEqualTo(next);
            previous = next;
        }
    }
}
