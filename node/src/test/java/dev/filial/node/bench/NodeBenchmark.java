package dev.filial.node.bench;

import dev.filial.node.Node;
import dev.filial.node.bench.BenchData.Op;
import dev.filial.node.bench.BenchData.PlainWriter;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Cost of the node's replication engine next to plain JDBC on the same database, in one run:
 * capture overhead of local writes, apply rate of incoming batches, and whether export and apply of
 * 1,000 changes stay flat as the database grows. See docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -q -pl node test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.filial.node.bench.NodeBenchmark -Dexec.args="engines=sqlite,derby"
 * </pre>
 *
 * Arguments are {@code key=value}; {@code help} lists them with their defaults. Everything runs on the
 * calling thread, in temporary directories that are deleted at the end.
 */
public final class NodeBenchmark {

    static final NodeCode MSK = NodeCode.parse("MSK");
    static final double CAPTURE_TARGET = 0.60;
    static final double APPLY_TARGET = 0.50;
    static final double GROWTH_TARGET = 1.30;

    /** Arguments and their defaults. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("engines", "sqlite,derby");
        DEFAULTS.put("only", "capture,apply,sync");
        DEFAULTS.put("warmup", "1");
        DEFAULTS.put("rounds", "5");
        DEFAULTS.put("rows", "50000");          // counterparty rows before the capture runs
        DEFAULTS.put("writes", "20000");        // row writes per capture run at perTx per transaction (SQLite)
        DEFAULTS.put("derbyWrites", "5000");    // the same for Derby
        DEFAULTS.put("perTx", "10");
        DEFAULTS.put("singles", "5000");        // row writes per capture run at 1 per transaction (SQLite)
        DEFAULTS.put("derbySingles", "1000");   // the same for Derby, which syncs its log on every commit
        DEFAULTS.put("inserts", "15");          // percent of capture writes that insert
        DEFAULTS.put("apply", "100000");        // incoming insert changes (product rows; SQLite)
        DEFAULTS.put("derbyApply", "50000");    // the same for Derby
        DEFAULTS.put("txChanges", "100");       // changes per incoming transaction
        DEFAULTS.put("batchChanges", "20000");  // changes per incoming batch (as Outbox.BATCH_CHANGES)
        DEFAULTS.put("small", "10000");
        DEFAULTS.put("big", "1000000");
        DEFAULTS.put("derbyBig", "200000");
        DEFAULTS.put("syncChanges", "1000");
        DEFAULTS.put("spread", "same");         // rows the sync changes touch: "same" = the first `small` rows, in both
                                                // nodes; "all" = drawn from every row of each node
        DEFAULTS.put("syncWarmup", "3");
        DEFAULTS.put("syncRounds", "21");
        DEFAULTS.put("dir", System.getProperty("java.io.tmpdir"));
        DEFAULTS.put("pragma", "");             // diagnostic only: SQLite PRAGMAs for the write connection, ';'-separated
        DEFAULTS.put("dropIndexes", "");        // diagnostic only: indexes dropped after the sync fill, ','-separated
    }

    private final Map<String, String> args;
    final List<String> verdicts = new ArrayList<>();

    private NodeBenchmark(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>(DEFAULTS);
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !DEFAULTS.containsKey(arg.substring(0, eq))) {
                System.out.println("NodeBenchmark key=value ...; keys and defaults: " + DEFAULTS);
                if (!arg.equals("help")) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                return;
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1).trim());
        }
        // Flyway warns on every Derby open that 10.16 is newer than it was verified with; that is known.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flywaydb"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        NodeBenchmark bench = new NodeBenchmark(args);
        Path base = Files.createTempDirectory(Path.of(args.get("dir")), "filial-bench-");
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "NodeBenchmark %s%nJava %s, %d CPUs, %s %s, max heap %d MB, load average %s, dir %s%n",
                args, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20,
                loadAverage(), base);
        try {
            List<String> only = Arrays.asList(args.get("only").split(","));
            for (String code : args.get("engines").split(",")) {
                Engine engine = Engine.parse(code.trim());
                if (only.contains("capture")) {
                    bench.capture(engine, base);
                }
                if (only.contains("apply")) {
                    new SyncRuns(bench, engine, base).apply();
                }
                if (only.contains("sync")) {
                    new SyncRuns(bench, engine, base).sync();
                }
            }
        } finally {
            delete(base);
        }
        System.out.printf(Locale.ROOT, "%nTargets (medians of this run)%n");
        bench.verdicts.forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "%nTotal %.0f s, load average at the end %s%n", (System.nanoTime() - started) / 1e9,
                loadAverage());
    }

    String text(String key) {
        return args.get(key);
    }

    int integer(String key) {
        return Integer.parseInt(args.get(key).replace(",", "").replace("_", ""));
    }

    /**
     * Capture overhead: the same CRM writes (updates of 1-4 counterparty columns and some inserts) through
     * {@code node.writer().write} and through {@link PlainWriter} in the same database, interleaved.
     */
    private void capture(Engine engine, Path base) throws IOException {
        int warmup = integer("warmup");
        int rounds = integer("rounds");
        int rows = integer("rows");
        int perTx = integer("perTx");
        boolean derby = engine == Engine.DERBY;
        int writes = integer(derby ? "derbyWrites" : "writes");
        int singles = integer(derby ? "derbySingles" : "singles");
        int[] counts = {writes, writes, singles, singles};
        int[] sizes = {perTx, perTx, 1, 1};
        String[] names = {"capture (node.writer)", "plain JDBC (no change log)", "capture (node.writer)",
                "plain JDBC (no change log)"};
        double[][] seconds = new double[4][rounds];
        Path dir = Files.createTempDirectory(base, "capture-");
        try (Node node = open(dir, engine, new TestHub(MSK))) {
            long t0 = System.nanoTime();
            BenchData.fill(node.database(), Schema.COUNTERPARTY, 11, rows, 50_000, (r, i) -> BenchData.counterparty(r));
            progress("%s capture: %,d counterparty rows filled in %.1f s", engine, rows, (System.nanoTime() - t0) / 1e9);
            List<String> live = new ArrayList<>(rows * 2);
            for (int i = 0; i < rows; i++) {
                live.add(BenchData.id(11, i));
            }
            PlainWriter plain = new PlainWriter(node.database().dialect());
            Random random = new Random(20260302L + engine.ordinal());
            long captured = 0;
            for (int round = -warmup; round < rounds; round++) {
                for (int k = 0; k < 4; k++) {
                    int t = Math.floorMod(round, 2) == 0 ? k : k ^ 1;
                    List<Op> ops = BenchData.counterpartyOps(random, live, counts[t], integer("inserts"));
                    captured += clearChangeLog(node);
                    System.gc();
                    long start = System.nanoTime();
                    for (int from = 0; from < ops.size(); from += sizes[t]) {
                        List<Op> tx = ops.subList(from, Math.min(ops.size(), from + sizes[t]));
                        if (t % 2 == 0) {
                            BenchData.capture(node.writer(), tx);
                        } else {
                            node.database().write(connection -> {
                                for (Op op : tx) {
                                    plain.write(connection, Schema.COUNTERPARTY, op);
                                }
                                return null;
                            });
                        }
                    }
                    double s = (System.nanoTime() - start) / 1e9;
                    if (round >= 0) {
                        seconds[t][round] = s;
                    }
                }
                progress("%s capture %s round %d done", engine, round < 0 ? "warm-up" : "measured",
                        round < 0 ? round + warmup + 1 : round + 1);
            }
            captured += clearChangeLog(node);
            plain.close();
            if (captured == 0) {
                throw new IllegalStateException("nothing was captured");
            }
            System.out.printf(Locale.ROOT, "%n[%s] Capture overhead: %,d counterparty rows at start, %d%% inserts, "
                            + "updates of 1-4 columns of uniformly drawn rows; %d warm-up + %d measured rounds "
                            + "(%,d captured transactions, change log emptied between runs)%n",
                    engine, rows, integer("inserts"), warmup, rounds, captured);
            System.out.printf(Locale.ROOT, "  %-30s %8s %8s %14s %14s%n", "row writes/s", "per tx", "writes", "median", "best");
            for (int t = 0; t < 4; t++) {
                System.out.printf(Locale.ROOT, "  %-30s %8d %,8d %,14.0f %,14.0f%n", names[t], sizes[t], counts[t],
                        counts[t] / median(seconds[t]), counts[t] / min(seconds[t]));
            }
            for (int t = 0; t < 4; t += 2) {
                double ratio = median(seconds[t + 1]) / median(seconds[t]);
                verdict(String.format(Locale.ROOT, "%-6s capture, %2d write(s)/tx: %.2f x plain JDBC rate (>= %.2f)",
                        engine, sizes[t], ratio, CAPTURE_TARGET), ratio >= CAPTURE_TARGET);
            }
        } finally {
            delete(dir);
        }
    }

    /**
     * Opens a fresh node in {@code dir}; applies the diagnostic {@code pragma} argument on SQLite (only
     * PRAGMAs allowed inside a transaction: cache_size, mmap_size, wal_autocheckpoint, not synchronous).
     */
    Node open(Path dir, Engine engine, TestHub hub) throws IOException {
        return withPragma(TestNodes.create(dir, "MSK", engine, hub), engine);
    }

    /**
     * Closes {@code node} and opens it again: what a bulk fill left behind (SQLite's write-ahead log,
     * Derby's dirty pages) is written out on close, so it does not compete with the measured rounds.
     */
    Node reopen(Node node, Engine engine) {
        node.close();
        return withPragma(Node.open(node.home()), engine);
    }

    private Node withPragma(Node node, Engine engine) {
        String pragma = args.get("pragma");
        if (engine == Engine.SQLITE && !pragma.isBlank()) {
            try {
                node.database().write(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        for (String one : pragma.split(";")) {
                            statement.execute("PRAGMA " + one.trim());
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                node.close();
                throw e;
            }
        }
        return node;
    }

    private static long clearChangeLog(Node node) {
        return node.database().write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM tombstone");
                return (long) statement.executeUpdate("DELETE FROM change_log");
            }
        });
    }

    void verdict(String line, boolean pass) {
        String text = line + "  " + (pass ? "PASS" : "FAIL");
        verdicts.add(text);
        System.out.println("  => " + text);
    }

    static void progress(String format, Object... values) {
        System.err.printf(Locale.ROOT, format + "%n", values);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
