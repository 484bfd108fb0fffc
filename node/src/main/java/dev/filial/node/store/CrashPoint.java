package dev.filial.node.store;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points in the replication engine where a test can make the JVM die on the spot, the way a
 * power cut or {@code kill -9} would, to prove that what was committed survives a restart and what was
 * not leaves no trace. The point is chosen by the system property {@code filial.crashAt}, read once:
 * {@code -Dfilial.crashAt=inbox.before-commit} halts the first time that point is reached,
 * {@code -Dfilial.crashAt=consolidation.mid-run#2} the second time. Without the property every point
 * is a no-op (one comparison with null). The JVM halts with status {@link #HALT_STATUS}, running no
 * shutdown hooks and closing nothing: open transactions are simply lost.
 *
 * <p>The points (see also {@code docs/crash-points.md}):
 * <ul>
 *   <li>{@code inbox.before-commit}: a batch applied (a branch) or consolidated (HQ), channel moved on,
 *       not yet committed;</li>
 *   <li>{@code inbox.after-commit}: a batch committed, before the receipt is returned (at HQ: before
 *       the push is answered; on a branch: before the next pull states what it has);</li>
 *   <li>{@code outbox.before-commit}: a batch packed and written, inside the transaction that stores it
 *       and marks it sent;</li>
 *   <li>{@code exchange.after-pack}: a branch's new batches stored and marked sent, none pushed yet;</li>
 *   <li>{@code exchange.after-push}: a branch's batches pushed, before the first pull;</li>
 *   <li>{@code consolidation.mid-run}: HQ consolidating a batch, a run of changes written to the
 *       tables but not yet to the hub log, the stamps or the conflict log (runs are about 2,000 changes,
 *       so {@code #2} falls in the middle of a bigger batch);</li>
 *   <li>{@code sync.push.before-answer}: HQ took a pushed file (committed) and has not answered;</li>
 *   <li>{@code sync.pull.before-answer}: HQ packed and stored the batch a node pulls and has not
 *       answered.</li>
 * </ul>
 * For tests only; never set the property in production.
 */
public final class CrashPoint {

    /** The system property naming the point, optionally followed by {@code #n} (the n-th time it is reached). */
    public static final String PROPERTY = "filial.crashAt";
    /** The exit status of a JVM halted at a crash point. */
    public static final int HALT_STATUS = 86;

    private static final String TARGET;
    private static final int TIMES;
    private static final AtomicInteger REACHED = new AtomicInteger();

    static {
        String wanted = System.getProperty(PROPERTY);
        int hash = wanted == null ? -1 : wanted.indexOf('#');
        TARGET = hash < 0 ? wanted : wanted.substring(0, hash);
        TIMES = hash < 0 ? 1 : Integer.parseInt(wanted.substring(hash + 1));
    }

    private CrashPoint() {
    }

    /** Halts the JVM if {@code point} is the one chosen and this is the chosen time it is reached. */
    public static void reach(String point) {
        if (TARGET != null && TARGET.equals(point) && REACHED.incrementAndGet() == TIMES) {
            System.err.println("filial: crash point " + point + " reached; halting");
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
