package dev.filial.node.bench;

import static dev.filial.node.bench.NodeBenchmark.MSK;
import static dev.filial.node.bench.NodeBenchmark.median;
import static dev.filial.node.bench.NodeBenchmark.min;
import static dev.filial.node.bench.NodeBenchmark.progress;

import dev.filial.node.Node;
import dev.filial.node.bench.BenchData.Op;
import dev.filial.node.capture.LocalEdits;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The apply-rate and sync-cost parts of {@link NodeBenchmark} for one engine. */
final class SyncRuns {

    private final NodeBenchmark bench;
    private final Engine engine;
    private final Path base;

    SyncRuns(NodeBenchmark bench, Engine engine, Path base) {
        this.bench = bench;
        this.engine = engine;
        this.base = base;
    }

    /**
     * Apply rate: the same product rows as incoming hub batches through {@code inbox().receive}, through
     * {@code writer().apply} alone, and as a plain JDBC batch insert in one transaction; each into a fresh node.
     */
    void apply() throws IOException {
        int warmup = bench.integer("warmup");
        int rounds = bench.integer("rounds");
        int n = bench.integer(engine == Engine.DERBY ? "derbyApply" : "apply");
        int txChanges = bench.integer("txChanges");
        int batchChanges = bench.integer("batchChanges");
        Random random = new Random(23);
        List<String> ids = new ArrayList<>(n);
        List<Map<String, Value>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(BenchData.id(23, i));
            rows.add(BenchData.product(random, i));
        }
        TestHub maker = new TestHub(MSK);
        List<List<Transaction>> batches = new ArrayList<>();
        for (int i = 0; i < n; i += txChanges) {
            List<RowChange> changes = new ArrayList<>(txChanges);
            for (int j = i; j < Math.min(n, i + txChanges); j++) {
                changes.add(RowChange.insert(Schema.PRODUCT.name(), ids.get(j), rows.get(j)));
            }
            if (batches.isEmpty() || batches.get(batches.size() - 1).size() * txChanges >= batchChanges) {
                batches.add(new ArrayList<>());
            }
            batches.get(batches.size() - 1).add(maker.transaction(changes.toArray(RowChange[]::new)));
        }
        BatchReader unchecked = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null);
        String[] names = {"inbox.receive (whole path)", "  of it: read+unzstd+decode to list", "writer.apply only",
                "plain JDBC batch insert"};
        double[][] seconds = new double[4][rounds];
        long bytes = 0;
        int files = 0;
        for (int round = -warmup; round < rounds; round++) {
            TestHub hub = new TestHub(MSK);
            List<List<BatchFile>> sent = new ArrayList<>();
            for (List<Transaction> batch : batches) {
                sent.add(hub.send(batch.toArray(Transaction[]::new)));
            }
            bytes = sent.stream().flatMap(List::stream).mapToLong(f -> f.bytes().length).sum();
            files = (int) sent.stream().mapToLong(List::size).sum();
            for (int k = 0; k < 4; k++) {
                int t = Math.floorMod(round, 2) == 0 ? k : 3 - k;
                Path dir = Files.createTempDirectory(base, "apply-");
                try (Node node = t == 1 ? null : bench.open(dir, engine, hub)) {
                    System.gc();
                    long start = System.nanoTime();
                    long decoded = 0;
                    switch (t) {
                        case 0 -> {
                            for (List<BatchFile> batch : sent) {
                                for (BatchFile file : batch) {
                                    Receipt receipt = node.inbox().receive("bench", file.bytes());
                                    if (!receipt.code().equals("applied") && !receipt.code().equals("waiting-parts")) {
                                        throw new IllegalStateException("receive: " + receipt);
                                    }
                                }
                            }
                        }
                        case 1 -> {
                            for (List<BatchFile> batch : sent) {
                                List<BatchPart> parts = new ArrayList<>();
                                batch.forEach(file -> parts.add(unchecked.readPart(file.bytes())));
                                List<Transaction> kept = new ArrayList<>();
                                decoded += unchecked.decode(parts, kept::add).changes();
                            }
                        }
                        case 2 -> {
                            for (List<Transaction> batch : batches) {
                                node.database().write(connection ->
                                        node.writer().apply(connection, batch, LocalEdits.NONE));
                            }
                        }
                        default -> node.database().write(connection -> {
                            BenchData.insertBatch(connection, node.database().dialect(), Schema.PRODUCT, 0, n,
                                    i -> ids.get((int) i), i -> rows.get((int) i));
                            return null;
                        });
                    }
                    double s = (System.nanoTime() - start) / 1e9;
                    long count = t == 1 ? decoded : BenchData.count(node.database(), Schema.PRODUCT);
                    if (count != n) {
                        throw new IllegalStateException(names[t] + " left " + count + " rows, expected " + n);
                    }
                    if (round >= 0) {
                        seconds[t][round] = s;
                    }
                } finally {
                    NodeBenchmark.delete(dir);
                }
            }
            progress("%s apply %s round %d done", engine, round < 0 ? "warm-up" : "measured",
                    round < 0 ? round + warmup + 1 : round + 1);
        }
        System.out.printf(Locale.ROOT, "%n[%s] Apply: %,d product inserts (8 columns) in transactions of %d, batches of %,d "
                        + "changes (%d files, %,d bytes), each run into a fresh node; %d warm-up + %d measured rounds%n",
                engine, n, txChanges, batchChanges, files, bytes, warmup, rounds);
        System.out.printf(Locale.ROOT, "  %-38s %14s %14s%n", "rows/s", "median", "best");
        for (int t = 0; t < 4; t++) {
            System.out.printf(Locale.ROOT, "  %-38s %,14.0f %,14.0f%n", names[t], n / median(seconds[t]), n / min(seconds[t]));
        }
        double ratio = median(seconds[3]) / median(seconds[0]);
        System.out.printf(Locale.ROOT, "  writer.apply only: %.2f x plain JDBC%n", median(seconds[3]) / median(seconds[2]));
        bench.verdict(String.format(Locale.ROOT, "%-6s apply (inbox.receive): %.2f x plain JDBC batch insert (>= %.2f)",
                engine, ratio, NodeBenchmark.APPLY_TARGET), ratio >= NodeBenchmark.APPLY_TARGET);
    }

    /**
     * Sync cost against database size: a small and a big node, each round capturing {@code syncChanges}
     * local changes, packing them, and receiving as many from the hub (which acknowledges the node's last
     * batch, so the change log stays short as in normal operation).
     */
    void sync() throws IOException {
        int warmup = bench.integer("syncWarmup");
        int rounds = bench.integer("syncRounds");
        int changes = bench.integer("syncChanges");
        int[] sizes = {bench.integer("small"), bench.integer(engine == Engine.DERBY ? "derbyBig" : "big")};
        String spread = bench.text("spread");
        if (!spread.equals("same") && !spread.equals("all")) {
            throw new IllegalArgumentException("spread must be same or all: " + spread);
        }
        // "same": both nodes receive and make changes to the same rows, which both hold, so that only the
        // database size differs; "all": each node's changes are spread over all its rows, so that the
        // rows touched (and the pages that must be read from outside the cache) grow with it too
        int[] touched = spread.equals("same") ? new int[] {sizes[0], sizes[0]} : sizes;
        String[] names = {"capture", "outbox.pack", "inbox.receive", "plain JDBC as receive", "plain JDBC as capture"};
        double[][][] seconds = new double[2][names.length][rounds];
        Path dir = Files.createTempDirectory(base, "sync-");
        TestHub[] hubs = {new TestHub(MSK), new TestHub(MSK)};
        Node[] nodes = new Node[2];
        // one plain writer per node for the whole run, its statements kept, as the write path keeps its own
        BenchData.PlainWriter[] plain = new BenchData.PlainWriter[2];
        try {
            for (int s = 0; s < 2; s++) {
                nodes[s] = bench.open(dir.resolve("n" + s), engine, hubs[s]);
                long t0 = System.nanoTime();
                BenchData.fill(nodes[s].database(), Schema.COUNTERPARTY, 31, sizes[s], 100_000,
                        (r, i) -> BenchData.counterparty(r));
                dropIndexes(nodes[s], bench.text("dropIndexes"));
                nodes[s] = bench.reopen(nodes[s], engine);
                plain[s] = new BenchData.PlainWriter(nodes[s].database().dialect());
                progress("%s sync: %,d counterparty rows filled and the node reopened in %.1f s", engine, sizes[s],
                        (System.nanoTime() - t0) / 1e9);
            }
            Random random = new Random(31);
            for (int round = -warmup; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int s = Math.floorMod(round, 2) == 0 ? k : 1 - k;
                    double[] took = cycle(nodes[s], plain[s], hubs[s], touched[s], changes, random,
                            round % 2 == 0);
                    for (int t = 0; t < names.length && round >= 0; t++) {
                        seconds[s][t][round] = took[t];
                    }
                }
                progress("%s sync %s round %d done", engine, round < 0 ? "warm-up" : "measured",
                        round < 0 ? round + warmup + 1 : round + 1);
            }
        } finally {
            for (BenchData.PlainWriter writer : plain) {
                if (writer != null) {
                    writer.close();
                }
            }
            for (Node node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
            NodeBenchmark.delete(dir);
        }
        System.out.printf(Locale.ROOT, "%n[%s] Sync cost: %,d local changes captured (10 per transaction) and packed, "
                        + "%,d incoming applied (10 per transaction), %,d more written with plain JDBC in one "
                        + "transaction; 90%% updates of 1-4 columns of counterparty rows "
                        + "drawn uniformly from %s, 10%% inserts; %d warm-up + %d measured rounds%n",
                engine, changes, changes, changes, spread.equals("same")
                        ? "the first " + String.format(Locale.ROOT, "%,d", sizes[0]) + " rows (in both nodes)"
                        : "all rows of each node", warmup, rounds);
        System.out.printf(Locale.ROOT, "  %-26s %16s %16s %10s%n", "median ms",
                String.format(Locale.ROOT, "%,d rows", sizes[0]), String.format(Locale.ROOT, "%,d rows", sizes[1]), "big/small");
        double[][] medians = new double[2][names.length];
        for (int t = 0; t < names.length; t++) {
            for (int s = 0; s < 2; s++) {
                medians[s][t] = median(seconds[s][t]) * 1000;
            }
            System.out.printf(Locale.ROOT, "  %-26s %16.1f %16.1f %10.2f%n", names[t], medians[0][t], medians[1][t],
                    medians[1][t] / medians[0][t]);
        }
        double[] export = {medians[0][0] + medians[0][1], medians[1][0] + medians[1][1]};
        double[] total = {export[0] + medians[0][2], export[1] + medians[1][2]};
        // packing compresses small bodies at zstd level 19, a cost that does not depend on the database; the
        // capture + apply line leaves it out, so that it does not hide how the two grow
        double[] unpacked = {medians[0][0] + medians[0][2], medians[1][0] + medians[1][2]};
        // what capture and the inbox cost beyond the same kind of writes in plain JDBC: per round, on one node
        double[] captureBeyond = beyond(seconds, 0, 4);
        double[] receiveBeyond = beyond(seconds, 2, 3);
        String row = "  %-26s %16.1f %16.1f %10.2f%n";
        System.out.printf(Locale.ROOT, row, "export (capture + pack)", export[0], export[1], export[1] / export[0]);
        System.out.printf(Locale.ROOT, row, "export + apply", total[0], total[1], total[1] / total[0]);
        System.out.printf(Locale.ROOT, row, "capture + apply", unpacked[0], unpacked[1], unpacked[1] / unpacked[0]);
        System.out.printf(Locale.ROOT, row, "capture beyond plain JDBC", captureBeyond[0], captureBeyond[1],
                captureBeyond[1] / captureBeyond[0]);
        System.out.printf(Locale.ROOT, row, "receive beyond plain JDBC", receiveBeyond[0], receiveBeyond[1],
                receiveBeyond[1] / receiveBeyond[0]);
        String sized = String.format(Locale.ROOT, "%,d vs %,d rows, spread %s", sizes[1], sizes[0], spread);
        // the target is on the whole; the parts' ratios above are differences of small, noisy medians, and the
        // plain JDBC lines show how much of the growth is the database's own writes (docs/benchmarks.md)
        double ratio = total[1] / total[0];
        bench.verdict(String.format(Locale.ROOT, "%-6s export + apply, %s: %.2f x (<= %.2f)", engine, sized, ratio,
                NodeBenchmark.GROWTH_TARGET), ratio <= NodeBenchmark.GROWTH_TARGET);
    }

    /**
     * Milliseconds, small node then big: the median over rounds of what timed item {@code of} took beyond the
     * plain JDBC item {@code plain} in the same round on the same node.
     */
    private static double[] beyond(double[][][] seconds, int of, int plain) {
        double[] milliseconds = new double[2];
        for (int s = 0; s < 2; s++) {
            double[] differences = new double[seconds[s][of].length];
            for (int round = 0; round < differences.length; round++) {
                differences[round] = seconds[s][of][round] - seconds[s][plain][round];
            }
            milliseconds[s] = median(differences) * 1000;
        }
        return milliseconds;
    }

    /**
     * Diagnostic only ({@code dropIndexes=}): drops the named indexes after the fill, to show how much of
     * the growth with database size is the maintenance of those indexes rather than the sync path.
     */
    private static void dropIndexes(Node node, String names) {
        if (names.isBlank()) {
            return;
        }
        node.database().write(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String name : names.split(",")) {
                    statement.execute("DROP INDEX " + name.trim());
                }
            }
            return null;
        });
    }

    /**
     * One sync round on one node, its updates drawn from the first {@code size} rows: seconds of capture, pack,
     * receive, and of the plain JDBC baseline (before the receive when {@code plainFirst}, after it otherwise).
     */
    private static double[] cycle(Node node, BenchData.PlainWriter plainWriter, TestHub hub, int size, int changes,
                                  Random random, boolean plainFirst) {
        List<Op> local = new ArrayList<>(changes);
        List<RowChange> incoming = new ArrayList<>(changes);
        List<Op> plain = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            local.add(draw(size, random));
            Op in = draw(size, random);
            if (in.insert()) {
                incoming.add(RowChange.insert(Schema.COUNTERPARTY.name(), in.id(), in.values()));
            } else {
                Map<String, Value> old = new LinkedHashMap<>();
                in.values().keySet().forEach(column -> old.put(column, Value.NULL));
                incoming.add(RowChange.update(Schema.COUNTERPARTY.name(), in.id(), in.values(), old));
            }
            plain.add(draw(size, random));
        }
        List<Op> plainLocal = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            plainLocal.add(draw(size, random));
        }
        double[] took = new double[5];
        if (plainFirst) {
            took[4] = plainCapture(node, plainWriter, plainLocal);
        }
        System.gc();
        long t0 = System.nanoTime();
        for (int from = 0; from < changes; from += 10) {
            List<Op> tx = local.subList(from, Math.min(changes, from + 10));
            BenchData.capture(node.writer(), tx);
        }
        long t1 = System.nanoTime();
        List<OutboundBatch> packed = node.outbox().pack(node.config().hub());
        took[0] = (t1 - t0) / 1e9;
        took[1] = (System.nanoTime() - t1) / 1e9;
        if (!plainFirst) {
            took[4] = plainCapture(node, plainWriter, plainLocal);
        }
        if (packed.isEmpty()) {
            throw new IllegalStateException("nothing packed");
        }
        packed.forEach(batch -> hub.committed(batch.sequence(), batch.hash()));
        List<Transaction> txs = new ArrayList<>();
        for (int from = 0; from < changes; from += 10) {
            txs.add(hub.transaction(incoming.subList(from, Math.min(changes, from + 10)).toArray(RowChange[]::new)));
        }
        List<BatchFile> files = hub.send(txs.toArray(Transaction[]::new));
        if (plainFirst) {
            took[3] = plainApply(node, plainWriter, plain);
        }
        System.gc();
        long t2 = System.nanoTime();
        for (BatchFile file : files) {
            Receipt receipt = node.inbox().receive("bench", file.bytes());
            if (!(receipt.code().equals("applied") || receipt.code().equals("waiting-parts")) || !receipt.kept().isEmpty()) {
                throw new IllegalStateException("receive: " + receipt);
            }
        }
        took[2] = (System.nanoTime() - t2) / 1e9;
        if (!plainFirst) {
            took[3] = plainApply(node, plainWriter, plain);
        }
        long unacknowledged = node.database().read(connection -> node.changeLog().countAndLast(connection)[0]);
        if (unacknowledged != 0) {
            throw new IllegalStateException(unacknowledged + " captured transactions left after the hub's ack");
        }
        return took;
    }

    /** A counterparty write of the sync mix: 10 % inserts of new rows, 90 % edits of one of the first {@code size}. */
    private static Op draw(int size, Random random) {
        boolean insert = random.nextInt(10) == 0;
        String id = insert ? Uuid7.next(System.currentTimeMillis(), random) : BenchData.id(31, random.nextInt(size));
        return new Op(insert, id, insert ? BenchData.counterparty(random) : BenchData.counterpartyEdit(random));
    }

    /**
     * The baseline of capture: the same kind of local writes in plain JDBC ({@link BenchData.PlainWriter#write}:
     * read the row, update the columns that differ), in transactions of 10 as captured. Seconds.
     */
    private static double plainCapture(Node node, BenchData.PlainWriter writer, List<Op> ops) {
        System.gc();
        long t0 = System.nanoTime();
        for (int from = 0; from < ops.size(); from += 10) {
            List<Op> tx = ops.subList(from, Math.min(ops.size(), from + 10));
            node.database().write(connection -> {
                for (Op op : tx) {
                    writer.write(connection, Schema.COUNTERPARTY, op);
                }
                return null;
            });
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The baseline of apply: writes of the same mix in plain JDBC, in one database transaction as a batch is
     * applied; an update sets its columns without reading the row, as an incoming change says what changed.
     * No batch file, no bookkeeping, no JDBC batches. Seconds.
     */
    private static double plainApply(Node node, BenchData.PlainWriter writer, List<Op> ops) {
        System.gc();
        long t0 = System.nanoTime();
        node.database().write(connection -> {
            for (Op op : ops) {
                writer.apply(connection, Schema.COUNTERPARTY, op);
            }
            return null;
        });
        return (System.nanoTime() - t0) / 1e9;
    }
}
