package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.progress;
import static dev.filial.hq.bench.BenchRun.seconds;

import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HQ's memory stays bounded by a batch, not by the backlog: a branch (MSK) that has been offline
 * pushes a large backlog over HTTP, HQ consolidates it, and the agent (AG1) pulls its copy, all in one
 * JVM meant to run with a small heap ({@code -Xmx256m}). Reports the time of each step and the Java heap
 * as the garbage collector saw it during the exchange ({@link HeapWatch}). See docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -q -pl hq-console test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-Xmx256m -Xlog:gc:file=target/backlog-gc.log -classpath %classpath \
 *     dev.filial.hq.bench.BacklogBenchmark changes=1000000"
 * </pre>
 */
public final class BacklogBenchmark {

    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("changes", "1000000");
        DEFAULTS.put("perTx", "10");
        DEFAULTS.put("mix", "crm");
        DEFAULTS.put("agent", "true");          // the agent pulls its copy too
        DEFAULTS.put("dir", System.getProperty("java.io.tmpdir"));
    }

    private BacklogBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchRun.args("BacklogBenchmark", DEFAULTS, argv);
        if (args == null) {
            return;
        }
        BenchRun.quiet();
        BenchRun.machine("BacklogBenchmark", args);
        long changes = Long.parseLong(args.get("changes"));
        try (BenchNetwork network = new BenchNetwork(Path.of(args.get("dir"))); HeapWatch heap = new HeapWatch()) {
            BranchEdits edits = new BranchEdits(args.get("mix"), 20260402L);
            long start = System.nanoTime();
            edits.write(network.branch(), changes, Integer.parseInt(args.get("perTx")));
            double capture = seconds(start, System.nanoTime());
            progress("branch captured %,d changes in %.1f s (%,.0f changes/s); load %s", changes, capture,
                    changes / capture, BenchRun.loadAverage());
            System.gc();
            heap.reset();
            long t0 = System.nanoTime();
            SyncReport pushed;
            try (HttpExchange exchange = network.exchange(network.branch())) {
                pushed = exchange.push();
            }
            long t1 = System.nanoTime();
            progress("pushed %d batches, %,d changes, consolidated at HQ: %.1f s (%,.0f changes/s); heap after GC at "
                    + "most %s, load %s", pushed.pushed(), pushed.pushedChanges(), seconds(t0, t1),
                    changes / seconds(t0, t1), mb(heap.peakAfterGc()), BenchRun.loadAverage());
            SyncReport pulled = new SyncReport(0, 0, 0, 0, java.util.List.of());
            long t2 = t1;
            if (Boolean.parseBoolean(args.get("agent"))) {
                try (HttpExchange exchange = network.exchange(network.agent())) {
                    pulled = exchange.pull();
                }
                t2 = System.nanoTime();
                progress("agent pulled %d batches, %,d changes: %.1f s (%,.0f changes/s); load %s", pulled.pulled(),
                        pulled.pulledChanges(), seconds(t1, t2), changes / seconds(t1, t2), BenchRun.loadAverage());
            }
            long gcs = heap.collections();
            long before = heap.peakBeforeGc();
            long after = heap.peakAfterGc();
            long pools = heap.poolPeaks();
            if (pushed.pushedChanges() != changes || !pushed.refused().isEmpty() || !pulled.refused().isEmpty()) {
                throw new IllegalStateException("pushed " + pushed + ", pulled " + pulled);
            }
            if (Boolean.parseBoolean(args.get("agent"))) {
                Checks.sameRows(network, edits);
            }
            System.out.printf(Locale.ROOT, "%nBacklog of %,d changes (%s mix), max heap %d MB%n", changes,
                    args.get("mix"), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "  push + consolidate at HQ   %7.1f s  %,8.0f changes/s%n", seconds(t0, t1),
                    changes / seconds(t0, t1));
            if (t2 > t1) {
                System.out.printf(Locale.ROOT, "  agent pull + apply         %7.1f s  %,8.0f changes/s%n",
                        seconds(t1, t2), changes / seconds(t1, t2));
            }
            System.out.printf(Locale.ROOT, "  heap during the exchange: %d collections; most in use before a "
                    + "collection %s, most still in use after one %s (pool peaks summed %s)%n", gcs, mb(before),
                    mb(after), mb(pools));
            System.out.println("  rows at branch, HQ and agent compared: equal");
        }
        System.exit(0);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
