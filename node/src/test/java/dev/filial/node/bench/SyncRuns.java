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
        String[] names = {"capture", "outbox.pack", "inbox.receive"};
        double[][][] seconds = new double[2][3][rounds];
        Path dir = Files.createTempDirectory(base, "sync-");
        TestHub[] hubs = {new TestHub(MSK), new TestHub(MSK)};
        Node[] nodes = new Node[2];
        try {
            for (int s = 0; s < 2; s++) {
                nodes[s] = bench.open(dir.resolve("n" + s), engine, hubs[s]);
                long t0 = System.nanoTime();
                BenchData.fill(nodes[s].database(), Schema.COUNTERPARTY, 31, sizes[s], 100_000,
                        (r, i) -> BenchData.counterparty(r));
                nodes[s] = bench.reopen(nodes[s], engine);
                progress("%s sync: %,d counterparty rows filled and the node reopened in %.1f s", engine, sizes[s],
                        (System.nanoTime() - t0) / 1e9);
            }
            Random random = new Random(31);
            for (int round = -warmup; round < rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int s = Math.floorMod(round, 2) == 0 ? k : 1 - k;
                    double[] took = cycle(nodes[s], hubs[s], touched[s], changes, random);
                    for (int t = 0; t < 3 && round >= 0; t++) {
                        seconds[s][t][round] = took[t];
                    }
                }
                progress("%s sync %s round %d done", engine, round < 0 ? "warm-up" : "measured",
                        round < 0 ? round + warmup + 1 : round + 1);
            }
        } finally {
            for (Node node : nodes) {
                if (node != null) {
                    node.close();
                }
            }
            NodeBenchmark.delete(dir);
        }
        System.out.printf(Locale.ROOT, "%n[%s] Sync cost: %,d local changes captured (10 per transaction) and packed, "
                        + "%,d incoming applied (10 per transaction); 90%% updates of 1-4 columns of counterparty rows "
                        + "drawn uniformly from %s, 10%% inserts; %d warm-up + %d measured rounds%n",
                engine, changes, changes, spread.equals("same") ? "the first " + String.format(Locale.ROOT, "%,d", sizes[0])
                        + " rows (in both nodes)" : "all rows of each node", warmup, rounds);
        System.out.printf(Locale.ROOT, "  %-26s %16s %16s %10s%n", "median ms",
                String.format(Locale.ROOT, "%,d rows", sizes[0]), String.format(Locale.ROOT, "%,d rows", sizes[1]), "big/small");
        double[][] medians = new double[2][3];
        for (int t = 0; t < 3; t++) {
            for (int s = 0; s < 2; s++) {
                medians[s][t] = median(seconds[s][t]) * 1000;
            }
            System.out.printf(Locale.ROOT, "  %-26s %16.1f %16.1f %10.2f%n", names[t], medians[0][t], medians[1][t],
                    medians[1][t] / medians[0][t]);
        }
        double[] export = {medians[0][0] + medians[0][1], medians[1][0] + medians[1][1]};
        double[] total = {export[0] + medians[0][2], export[1] + medians[1][2]};
        System.out.printf(Locale.ROOT, "  %-26s %16.1f %16.1f %10.2f%n", "export (capture + pack)", export[0], export[1],
                export[1] / export[0]);
        System.out.printf(Locale.ROOT, "  %-26s %16.1f %16.1f %10.2f%n", "export + apply", total[0], total[1],
                total[1] / total[0]);
        String sized = String.format(Locale.ROOT, "%,d vs %,d rows, spread %s", sizes[1], sizes[0], spread);
        bench.verdict(String.format(Locale.ROOT, "%-6s export, %s: %.2f x (<= %.2f)", engine, sized, export[1] / export[0],
                NodeBenchmark.GROWTH_TARGET), export[1] / export[0] <= NodeBenchmark.GROWTH_TARGET);
        bench.verdict(String.format(Locale.ROOT, "%-6s apply,  %s: %.2f x (<= %.2f)", engine, sized,
                medians[1][2] / medians[0][2], NodeBenchmark.GROWTH_TARGET),
                medians[1][2] / medians[0][2] <= NodeBenchmark.GROWTH_TARGET);
        bench.verdict(String.format(Locale.ROOT, "%-6s export + apply, %s: %.2f x (<= %.2f)", engine, sized,
                total[1] / total[0], NodeBenchmark.GROWTH_TARGET), total[1] / total[0] <= NodeBenchmark.GROWTH_TARGET);
    }

    /** One sync round on one node, its updates drawn from the first {@code size} rows: seconds of capture, pack and receive. */
    private static double[] cycle(Node node, TestHub hub, int size, int changes, Random random) {
        List<Op> local = new ArrayList<>(changes);
        List<RowChange> incoming = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            boolean insert = random.nextInt(10) == 0;
            String id = insert ? Uuid7.next(System.currentTimeMillis(), random) : BenchData.id(31, random.nextInt(size));
            local.add(new Op(insert, id, insert ? BenchData.counterparty(random) : BenchData.counterpartyEdit(random)));
            insert = random.nextInt(10) == 0;
            id = insert ? Uuid7.next(System.currentTimeMillis(), random) : BenchData.id(31, random.nextInt(size));
            if (insert) {
                incoming.add(RowChange.insert(Schema.COUNTERPARTY.name(), id, BenchData.counterparty(random)));
            } else {
                Map<String, Value> edit = BenchData.counterpartyEdit(random);
                Map<String, Value> old = new LinkedHashMap<>();
                edit.keySet().forEach(column -> old.put(column, Value.NULL));
                incoming.add(RowChange.update(Schema.COUNTERPARTY.name(), id, edit, old));
            }
        }
        double[] took = new double[3];
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
        if (packed.isEmpty()) {
            throw new IllegalStateException("nothing packed");
        }
        packed.forEach(batch -> hub.committed(batch.sequence(), batch.hash()));
        List<Transaction> txs = new ArrayList<>();
        for (int from = 0; from < changes; from += 10) {
            txs.add(hub.transaction(incoming.subList(from, Math.min(changes, from + 10)).toArray(RowChange[]::new)));
        }
        List<BatchFile> files = hub.send(txs.toArray(Transaction[]::new));
        System.gc();
        long t2 = System.nanoTime();
        for (BatchFile file : files) {
            Receipt receipt = node.inbox().receive("bench", file.bytes());
            if (!(receipt.code().equals("applied") || receipt.code().equals("waiting-parts")) || !receipt.kept().isEmpty()) {
                throw new IllegalStateException("receive: " + receipt);
            }
        }
        took[2] = (System.nanoTime() - t2) / 1e9;
        long unacknowledged = node.database().read(connection -> node.changeLog().countAndLast(connection)[0]);
        if (unacknowledged != 0) {
            throw new IllegalStateException(unacknowledged + " captured transactions left after the hub's ack");
        }
        return took;
    }
}
