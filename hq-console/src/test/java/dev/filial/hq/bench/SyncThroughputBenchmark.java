package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.median;
import static dev.filial.hq.bench.BenchRun.progress;

import dev.filial.hq.bench.HttpRound.Round;
import dev.filial.node.exchange.HttpExchange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End to end over HTTP on loopback: changes captured at a branch (MSK) reach HQ and a second node (the
 * agent AG1, which holds the same counterparties, or every node for products) through real
 * {@link HttpExchange}s against HQ on an embedded Micronaut server, all on SQLite. Timed from the
 * branch's first push to the agent having applied everything; each round runs on a fresh network. The
 * agent pulls after the push ({@code concurrent=false}) or all along while the branch pushes, as nodes
 * that sync on their own schedules do ({@code concurrent=true}).
 * In the same run, alternating with our rounds, PouchDB replicates as many documents between two local
 * LevelDB databases ({@code docs/bench/pouchdb/replicate.js}), and the branch's own capture of the
 * changes is timed as a second baseline. After the HTTP rounds, {@code stages} rounds run the same
 * steps in process with a timer each ({@link StageRun}). See docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -q -pl hq-console test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.filial.hq.bench.SyncThroughputBenchmark -Dexec.args="changes=100000"
 * </pre>
 */
public final class SyncThroughputBenchmark {

    static final double TARGET = 20_000;
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("changes", "100000");
        DEFAULTS.put("perTx", "10");            // row changes per local transaction at the branch
        DEFAULTS.put("mix", "crm");             // crm (counterparties MSK + AG1) or products (to every node)
        DEFAULTS.put("concurrent", "false");    // true: the agent pulls all along while the branch pushes
        DEFAULTS.put("warmup", "1");
        DEFAULTS.put("rounds", "3");
        DEFAULTS.put("stages", "1");            // rounds in process after the HTTP rounds, with a timer per stage
        DEFAULTS.put("pouchdb", "auto");         // directory of replicate.js (npm install there first); none: skip
        DEFAULTS.put("dir", System.getProperty("java.io.tmpdir"));
    }

    private final Map<String, String> args;
    private final long changes;
    private final boolean concurrent;

    private SyncThroughputBenchmark(Map<String, String> args) {
        this.args = args;
        this.changes = Long.parseLong(args.get("changes"));
        this.concurrent = Boolean.parseBoolean(args.get("concurrent"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchRun.args("SyncThroughputBenchmark", DEFAULTS, argv);
        if (args == null) {
            return;
        }
        BenchRun.quiet();
        BenchRun.machine("SyncThroughputBenchmark", args);
        new SyncThroughputBenchmark(args).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int warmup = Integer.parseInt(args.get("warmup"));
        int rounds = Integer.parseInt(args.get("rounds"));
        PouchDbRun pouch = args.get("pouchdb").equals("none") ? null : new PouchDbRun(args.get("pouchdb"));
        List<Round> measured = new ArrayList<>();
        List<Double> pouchRates = new ArrayList<>();
        for (int round = 0; round < warmup + rounds; round++) {
            boolean counted = round >= warmup;
            String name = counted ? "round " + (round - warmup + 1) : "warm-up " + (round + 1);
            boolean pouchFirst = round % 2 == 1;
            if (pouch != null && pouchFirst) {
                double rate = pouch.replicate(changes, Path.of(args.get("dir")));
                progress("%s PouchDB: %,.0f docs/s (load %s)", name, rate, BenchRun.loadAverage());
                if (counted) {
                    pouchRates.add(rate);
                }
            }
            Round result = HttpRound.run(Path.of(args.get("dir")), args.get("mix"), changes,
                    Integer.parseInt(args.get("perTx")), 20260401L + round, concurrent);
            progress("%s Filial: capture %,.0f changes/s; push %.2f s, agent pull %.2f s -> end to end %,.0f changes/s "
                    + "(process CPU %.2f s); branch pull-back %.2f s (load %s)", name, result.captureRate(),
                    result.push(), result.agentPull(), result.rate(), result.cpu(), result.branchPull(),
                    BenchRun.loadAverage());
            if (counted) {
                measured.add(result);
            }
            if (pouch != null && !pouchFirst) {
                double rate = pouch.replicate(changes, Path.of(args.get("dir")));
                progress("%s PouchDB: %,.0f docs/s (load %s)", name, rate, BenchRun.loadAverage());
                if (counted) {
                    pouchRates.add(rate);
                }
            }
        }
        if (!measured.isEmpty()) {
            report(measured, pouchRates);
        }
        StageRun stages = new StageRun(args.get("mix"), changes, Integer.parseInt(args.get("perTx")));
        for (int round = 0; round < Integer.parseInt(args.get("stages")); round++) {
            stages.run(Path.of(args.get("dir")));
        }
    }

    private void report(List<Round> rounds, List<Double> pouchRates) {
        double[] rates = rounds.stream().mapToDouble(Round::rate).toArray();
        double[] captures = rounds.stream().mapToDouble(Round::captureRate).toArray();
        double[] push = rounds.stream().mapToDouble(Round::push).toArray();
        double[] pull = rounds.stream().mapToDouble(Round::agentPull).toArray();
        double[] back = rounds.stream().mapToDouble(Round::branchPull).toArray();
        double rate = median(rates);
        System.out.printf(Locale.ROOT, "%nMedians of %d rounds, %,d changes (%s mix), load average now %s%n",
                rounds.size(), changes, args.get("mix"), BenchRun.loadAverage());
        System.out.printf(Locale.ROOT, "  branch push (pack + POST + consolidate)      %7.2f s%n", median(push));
        System.out.printf(Locale.ROOT, concurrent ? "  agent's last pull after the push ended       %7.2f s%n"
                : "  agent pull (GET + pack at HQ + apply)        %7.2f s%n", median(pull));
        System.out.printf(Locale.ROOT, "  end to end, branch push -> agent applied     %7.2f s = %,.0f changes/s "
                + "(median of the rounds' rates; best %,.0f); process CPU %.2f s%n", median(push) + median(pull), rate,
                Arrays.stream(rates).max().orElse(0), median(rounds.stream().mapToDouble(Round::cpu).toArray()));
        System.out.printf(Locale.ROOT, "  branch pull-back of its own accepted changes %7.2f s (not in the figure)%n",
                median(back));
        System.out.printf(Locale.ROOT, "  branch capture of the same changes (baseline) %,.0f changes/s; end to end / "
                + "capture = %.2f%n", median(captures), rate / median(captures));
        if (!pouchRates.isEmpty()) {
            double pouch = median(pouchRates.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "  PouchDB replication, same run (baseline)     %,.0f docs/s (best %,.0f); "
                    + "Filial / PouchDB = %.2f (medians)%n", pouch, pouchRates.stream().mapToDouble(Double::doubleValue)
                    .max().orElse(0), rate / pouch);
        }
        System.out.printf(Locale.ROOT, "  target >= %,.0f changes/s: %.2f x target, %s%n", TARGET, rate / TARGET,
                rate >= TARGET ? "PASS" : "FAIL");
    }
}
