package dev.filial.protocol.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final AtomicLong wall = new AtomicLong(T0);
    private final HybridClock clock = new HybridClock(wall::get, SKEW);

    @Test
    void startsAtZeroAndFirstNowTakesTheWallClock() {
        assertThat(clock.current()).isEqualTo(Hlc.ZERO);

        assertThat(clock.now()).isEqualTo(new Hlc(T0, 0));
        assertThat(clock.current()).isEqualTo(new Hlc(T0, 0));
    }

    @Test
    void followsTheWallClockWhileItMovesForward() {
        assertThat(clock.now()).isEqualTo(new Hlc(T0, 0));
        wall.set(T0 + 5);
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 5, 0));
        wall.set(T0 + 6);
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 6, 0));
    }

    @Test
    void incrementsLogicalUnderAFrozenWallClock() {
        Hlc previous = clock.now();
        for (int i = 1; i <= 1000; i++) {
            Hlc next = clock.now();
            assertThat(next).isGreaterThan(previous);
            assertThat(next).isEqualTo(new Hlc(T0, i));
            previous = next;
        }
    }

    @Test
    void neverGoesBackwardsWhenWallClockJumpsBack() {
        wall.set(T0 + 1000);
        Hlc high = clock.now();
        assertThat(high).isEqualTo(new Hlc(T0 + 1000, 0));

        wall.set(T0);
        Hlc previous = high;
        for (int i = 1; i <= 10; i++) {
            Hlc next = clock.now();
            assertThat(next).isGreaterThan(previous);
            assertThat(next.physical()).as("physical stays at the old maximum").isEqualTo(T0 + 1000);
            assertThat(next.logical()).isEqualTo(i);
            previous = next;
            wall.addAndGet(10);
        }
        // wall is now T0 + 100, still behind
        wall.set(T0 + 999);
        Hlc stillBehind = clock.now();
        assertThat(stillBehind).isEqualTo(new Hlc(T0 + 1000, 11));

        wall.set(T0 + 1000);
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 1000, 12));

        wall.set(T0 + 1001);
        assertThat(clock.now()).as("resumes the wall clock once it catches up").isEqualTo(new Hlc(T0 + 1001, 0));
    }

    @Test
    void neverGoesBackwardsWhenWallClockGoesNegative() {
        Hlc first = clock.now();
        wall.set(-5_000);

        Hlc next = clock.now();

        assertThat(next).isGreaterThan(first);
        assertThat(next.physical()).isEqualTo(T0);
    }

    @Test
    void logicalOverflowBorrowsTheNextMillisecond() {
        clock.restore(new Hlc(T0, Hlc.MAX_LOGICAL - 1));

        assertThat(clock.now()).isEqualTo(new Hlc(T0, Hlc.MAX_LOGICAL));
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 1, 0));
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 1, 1));

        wall.set(T0 + 1);
        assertThat(clock.now()).as("wall clock equal to the borrowed millisecond keeps counting")
                .isEqualTo(new Hlc(T0 + 1, 2));
        wall.set(T0 + 2);
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 2, 0));
    }

    @Test
    void logicalOverflowUnderAFrozenWallClockStaysMonotonic() {
        Hlc previous = clock.now();
        for (int i = 0; i < 3 * (Hlc.MAX_LOGICAL + 1); i++) {
            Hlc next = clock.now();
            assertThat(next.compareTo(previous)).isPositive();
            previous = next;
        }
        assertThat(previous).isEqualTo(new Hlc(T0 + 3, 0));
    }

    @Test
    void observeOfAnOverflowingRemoteBorrowsTheNextMillisecond() {
        clock.now();
        Hlc remote = new Hlc(T0 + 10, Hlc.MAX_LOGICAL);

        assertThat(clock.observe(remote)).isEqualTo(new Hlc(T0 + 11, 0));
    }

    @Test
    void observeOfARemoteAheadWithinSkewAdoptsItAndStaysAfterIt() {
        clock.now();
        Hlc remote = new Hlc(T0 + 60_000, 7);

        Hlc merged = clock.observe(remote);

        assertThat(merged).isGreaterThan(remote);
        assertThat(merged).isEqualTo(new Hlc(T0 + 60_000, 8));
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 60_000, 9));

        wall.set(T0 + 60_001);
        assertThat(clock.now()).isEqualTo(new Hlc(T0 + 60_001, 0));
    }

    @Test
    void observeAcceptsARemoteExactlyAtTheMaxSkew() {
        Hlc remote = new Hlc(T0 + SKEW.toMillis(), 3);

        assertThat(clock.observe(remote)).isEqualTo(new Hlc(T0 + SKEW.toMillis(), 4));
    }

    @Test
    void observeOfARemoteBeyondTheMaxSkewThrowsAndLeavesTheClockUnchanged() {
        clock.now();
        clock.now();
        Hlc before = clock.current();
        Hlc remote = new Hlc(T0 + SKEW.toMillis() + 1, 0);

        assertThatThrownBy(() -> clock.observe(remote))
                .isInstanceOf(ClockSkewException.class)
                .hasMessageContaining(remote.toString())
                .hasMessageContaining(Long.toString(SKEW.toMillis() + 1))
                .satisfies(e -> assertThat(((ClockSkewException) e).remote()).isEqualTo(remote));

        assertThat(clock.current()).isEqualTo(before);
        assertThat(clock.now()).isEqualTo(new Hlc(T0, before.logical() + 1));
    }

    @Test
    void observeOfARemoteFarInTheFutureThrows() {
        Hlc remote = new Hlc(Hlc.MAX_PHYSICAL, Hlc.MAX_LOGICAL);

        assertThatThrownBy(() -> clock.observe(remote)).isInstanceOf(ClockSkewException.class);
        assertThat(clock.current()).isEqualTo(Hlc.ZERO);
    }

    @Test
    void skewLimitIsMeasuredAgainstTheWallClockNotTheHlc() {
        // the HLC may be ahead of the wall clock (after a backwards jump), the limit still uses the wall
        wall.set(T0 + 1_000);
        clock.now();
        wall.set(T0);

        assertThatThrownBy(() -> clock.observe(new Hlc(T0 + SKEW.toMillis() + 1, 0)))
                .isInstanceOf(ClockSkewException.class);
    }

    @Test
    void observeOfAnOlderRemoteStillAdvances() {
        Hlc local = clock.now();
        Hlc older = new Hlc(T0 - 10_000, 500);

        Hlc merged = clock.observe(older);

        assertThat(merged).isGreaterThan(local).isGreaterThan(older);
        assertThat(merged).isEqualTo(new Hlc(T0, 1));
    }

    @Test
    void observeOfAnOlderRemoteTakesTheWallClockWhenItIsAhead() {
        clock.now();
        wall.set(T0 + 50);

        assertThat(clock.observe(new Hlc(T0 + 20, 9))).isEqualTo(new Hlc(T0 + 50, 0));
    }

    @Test
    void observeOfARemoteAtTheSameMillisecondTakesTheLargerLogical() {
        clock.now();
        clock.now();
        clock.now(); // (T0, 2)

        assertThat(clock.observe(new Hlc(T0, 10))).isEqualTo(new Hlc(T0, 11));
        assertThat(clock.observe(new Hlc(T0, 1))).isEqualTo(new Hlc(T0, 12));
    }

    @Test
    void observeOfItsOwnLatestTimestampAdvances() {
        Hlc mine = clock.now();

        assertThat(clock.observe(mine)).isGreaterThan(mine);
    }

    @Test
    void clocksWithSkewedWallClocksKeepCausality() {
        AtomicLong aheadWall = new AtomicLong(T0);
        AtomicLong behindWall = new AtomicLong(T0 - Duration.ofMinutes(10).toMillis());
        HybridClock ahead = new HybridClock(aheadWall::get, HybridClock.DEFAULT_MAX_SKEW);
        HybridClock behind = new HybridClock(behindWall::get, HybridClock.DEFAULT_MAX_SKEW);

        Hlc lastSeenByAhead = Hlc.ZERO;
        Hlc lastSeenByBehind = Hlc.ZERO;
        for (int round = 0; round < 50; round++) {
            // ahead makes some local events and sends the latest to behind
            Hlc sent = ahead.now();
            assertThat(sent).isGreaterThan(lastSeenByAhead);
            Hlc received = behind.observe(sent);
            assertThat(received).as("receive after send, round %d", round).isGreaterThan(sent);
            lastSeenByBehind = received;

            // behind makes a local event afterwards and replies
            Hlc local = behind.now();
            assertThat(local).isGreaterThan(lastSeenByBehind);
            Hlc reply = behind.now();
            Hlc back = ahead.observe(reply);
            assertThat(back).as("reply received after it was sent, round %d", round).isGreaterThan(reply);
            assertThat(back).isGreaterThan(sent);
            lastSeenByAhead = back;

            aheadWall.addAndGet(3);
            behindWall.addAndGet(round % 2 == 0 ? 1 : 7);
        }
        // the behind node was dragged forward to the ahead node's time, not left 10 minutes back
        assertThat(behind.current().physical()).isGreaterThanOrEqualTo(ahead.current().physical() - 3);
    }

    @Test
    void restoreNeverMovesBackwards() {
        Hlc restored = new Hlc(T0 + 5_000, 3);
        clock.restore(restored);
        assertThat(clock.current()).isEqualTo(restored);

        clock.restore(new Hlc(T0 + 4_000, 100));
        assertThat(clock.current()).isEqualTo(restored);
        clock.restore(Hlc.ZERO);
        assertThat(clock.current()).isEqualTo(restored);

        Hlc next = clock.now();
        assertThat(next).isEqualTo(new Hlc(T0 + 5_000, 4));

        clock.restore(new Hlc(T0 + 5_000, 4));
        assertThat(clock.current()).isEqualTo(next);
        clock.restore(new Hlc(T0 + 5_000, 5));
        assertThat(clock.current()).isEqualTo(new Hlc(T0 + 5_000, 5));
    }

    @Test
    void nowAfterRestoreIsAfterTheRestoredTimestampEvenWithAnOlderWallClock() {
        Hlc stored = new Hlc(T0 + 86_400_000L, 9);
        clock.restore(stored);

        assertThat(clock.now()).isGreaterThan(stored);
    }

    @Test
    void defaultClockFollowsSystemTime() {
        HybridClock system = new HybridClock();
        long before = System.currentTimeMillis();
        Hlc a = system.now();
        Hlc b = system.now();
        long after = System.currentTimeMillis();

        assertThat(b).isGreaterThan(a);
        assertThat(a.physical()).isBetween(before, after);
    }
}
