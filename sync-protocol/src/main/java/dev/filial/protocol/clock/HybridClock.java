package dev.filial.protocol.clock;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock (Kulkarni et al., 2014). {@link #now()} stamps a local event;
 * {@link #observe(Hlc)} merges a timestamp that arrived from another node. Timestamps it hands out
 * never go backwards, even when the wall clock jumps back, and stay close to the wall clock while
 * it is sane.
 *
 * <p>A remote timestamp further ahead of the local wall clock than the allowed skew is refused with
 * a {@link ClockSkewException} instead of being adopted: adopting it would drag this node's clock
 * into the future for good. When the logical counter is exhausted within one millisecond the clock
 * borrows the next millisecond.
 */
public final class HybridClock {

    /** Default largest accepted lead of a remote clock over ours. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofHours(1);

    private final LongSupplier wallMillis;
    private final long maxSkewMillis;
    private long physical;
    private int logical;

    public HybridClock() {
        this(System::currentTimeMillis, DEFAULT_MAX_SKEW);
    }

    public HybridClock(LongSupplier wallMillis, Duration maxSkew) {
        this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
        this.maxSkewMillis = maxSkew.toMillis();
    }

    /** Starts from a timestamp this node handed out before (say, the largest one stored), so a restart never goes back. */
    public synchronized void restore(Hlc last) {
        if (last.isAfter(current())) {
            physical = last.physical();
            logical = last.logical();
        }
    }

    /** The timestamp for a local event: later than every timestamp handed out or observed before. */
    public synchronized Hlc now() {
        long wall = wall();
        if (wall > physical) {
            physical = wall;
            logical = 0;
        } else {
            tick();
        }
        return current();
    }

    /**
     * Merges a timestamp received from another node and returns a local timestamp later than both
     * it and everything handed out before.
     *
     * @throws ClockSkewException if {@code remote} is ahead of the local wall clock by more than the allowed skew
     */
    public synchronized Hlc observe(Hlc remote) {
        long wall = wall();
        if (remote.physical() - wall > maxSkewMillis) {
            throw new ClockSkewException(remote, wall, maxSkewMillis);
        }
        long newPhysical = Math.max(wall, Math.max(physical, remote.physical()));
        if (newPhysical == physical && newPhysical == remote.physical()) {
            logical = Math.max(logical, remote.logical());
            tick();
        } else if (newPhysical == physical) {
            tick();
        } else if (newPhysical == remote.physical()) {
            physical = newPhysical;
            logical = remote.logical();
            tick();
        } else {
            physical = newPhysical;
            logical = 0;
        }
        return current();
    }

    /** The last timestamp handed out, without advancing. */
    public synchronized Hlc current() {
        return new Hlc(physical, logical);
    }

    private void tick() {
        if (logical == Hlc.MAX_LOGICAL) {
            physical++;
            logical = 0;
        } else {
            logical++;
        }
    }

    private long wall() {
        return Math.min(Math.max(wallMillis.getAsLong(), 0), Hlc.MAX_PHYSICAL);
    }
}
