package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.median;
import static dev.filial.hq.bench.BenchRun.progress;
import static dev.filial.hq.bench.BenchRun.seconds;

import com.github.luben.zstd.Zstd;
import dev.filial.hq.bench.BenchNetwork.Transport;
import dev.filial.node.Node;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.Batch;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.batch.BodyCodec;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The e-mail transport's two targets (docs/benchmarks.md, "E-mail and file drop (issue 5)"), on real
 * networks in one JVM: HQ on an embedded server, a branch MSK and an agent AG1 joined from packages, all
 * on SQLite, and a GreenMail SMTP and IMAP server on loopback with a mailbox per node.
 * <ol>
 *   <li>{@code day}: the agent does a working day offline ({@link AgentDay}, about {@code dayChanges}
 *       changes through the node's entity service), then one run of its mail transport sends it. The
 *       messages in HQ's IMAP inbox are measured as the server holds them (RFC 822 size). Target: one
 *       message under 150 KB. The same transactions are then written again at other zstd levels, to
 *       show what each would give, and rewritten ({@link DayVariants}) to show what the bytes are: spread
 *       over working hours as a real day would be, without audit entries, with counters for UUIDs. HQ's
 *       run must then take the batch without a refusal or a conflict.</li>
 *   <li>{@code versus}: the same {@code changes} from the branch to HQ to the agent, over HTTP (as
 *       {@link SyncThroughputBenchmark} does) and by e-mail ({@link RelayRound}), optionally by drop
 *       folder, alternating round by round in this JVM. Target: median e-mail time at most 3 times the
 *       median HTTP time.</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -q -pl hq-console test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-classpath %classpath dev.filial.hq.bench.MailBenchmark rounds=5 transports=http,mail,drop"
 * </pre>
 */
public final class MailBenchmark {

    static final long MESSAGE_TARGET = 150 * 1024;
    static final double RATIO_TARGET = 3.0;
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("only", "day,versus");
        DEFAULTS.put("dayChanges", "2000");       // changes of the agent's day (each user action: its row + audit)
        DEFAULTS.put("portfolio", "200");         // the agent's customers, written at HQ before it joins
        DEFAULTS.put("levels", "3,6,9,12,15,19,22"); // zstd levels the day's transactions are written at again
        DEFAULTS.put("changes", "100000");        // versus: branch changes per round
        DEFAULTS.put("perTx", "10");
        DEFAULTS.put("mix", "crm");
        DEFAULTS.put("transports", "http,mail");  // versus: http (the baseline), mail, drop
        DEFAULTS.put("warmup", "1");
        DEFAULTS.put("rounds", "5");
        DEFAULTS.put("dir", System.getProperty("java.io.tmpdir"));
    }

    private final Map<String, String> args;
    private final Path dir;

    private MailBenchmark(Map<String, String> args) {
        this.args = args;
        this.dir = Path.of(args.get("dir"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchRun.args("MailBenchmark", DEFAULTS, argv);
        if (args == null) {
            return;
        }
        BenchRun.quiet();
        BenchRun.machine("MailBenchmark", args);
        MailBenchmark benchmark = new MailBenchmark(args);
        List<String> only = List.of(args.get("only").split(","));
        if (only.contains("day")) {
            benchmark.day();
        }
        if (only.contains("versus")) {
            benchmark.versus();
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- 1. an agent's day in one message

    private void day() throws Exception {
        AgentDay day = new AgentDay(20260501L);
        int portfolio = Integer.parseInt(args.get("portfolio"));
        try (BenchNetwork network = new BenchNetwork(dir, Transport.MAIL, hub -> day.portfolio(hub, portfolio))) {
            Node agent = network.agent();
            long start = System.nanoTime();
            long captured = day.live(agent, Long.parseLong(args.get("dayChanges")));
            double live = seconds(start, System.nanoTime());
            RunReport sent = network.delivery(agent).syncNow("mail").get(0);
            if (!sent.ok() || sent.sentChanges() != captured) {
                throw new IllegalStateException("the agent's mail run: " + sent.line());
            }
            List<MailedMessage> inbox = MailedMessage.read(network.mail(), "HQ", "INBOX");
            List<OutboundBatch> batches = new ArrayList<>();
            for (long sequence = 1; agent.outbox().stored(BenchNetwork.HQ, sequence).isPresent(); sequence++) {
                batches.add(agent.outbox().stored(BenchNetwork.HQ, sequence).orElseThrow());
            }
            BatchReader reader = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT,
                    network.hub().node().keys().exchange());
            List<Transaction> transactions = new ArrayList<>();
            long fileBytes = 0;
            long bodyBytes = 0;
            for (OutboundBatch batch : batches) {
                for (byte[] file : batch.files()) {
                    fileBytes += file.length;
                    Batch read = reader.read(file);
                    bodyBytes += read.header().body().size();
                    transactions.addAll(read.transactions());
                }
            }
            System.out.printf(Locale.ROOT, "%nAgent's day by e-mail (%d customers in the portfolio; load %s)%n",
                    portfolio, BenchRun.loadAverage());
            System.out.printf(Locale.ROOT, "  the day: %,d changes in %,d transactions, captured in %.2f s; %s%n",
                    captured, transactions.size(), live, counts(transactions));
            System.out.printf(Locale.ROOT, "  one mail run of the agent: %s%n", sent.line());
            long messageBytes = 0;
            for (MailedMessage message : inbox) {
                System.out.printf(Locale.ROOT, "  in HQ's INBOX: %s%n", message);
                messageBytes += message.rfc822Size();
            }
            long changes = transactions.stream().mapToLong(tx -> tx.changes().size()).sum();
            long json = bodyBytes(transactions).length;
            System.out.printf(Locale.ROOT, "  %-44s %,10d bytes = %7.1f bytes/change%n", "plain JSON body", json,
                    (double) json / changes);
            System.out.printf(Locale.ROOT, "  %-44s %,10d bytes = %7.1f bytes/change (%.1f x smaller)%n",
                    "stored body (zstd " + (json <= BatchWriter.SMALL_BODY_BYTES ? BatchWriter.SMALL_BODY_LEVEL
                            : BatchWriter.DEFAULT_LEVEL) + ", encrypted)", bodyBytes,
                    (double) bodyBytes / changes, (double) json / bodyBytes);
            System.out.printf(Locale.ROOT, "  %-44s %,10d bytes = %7.1f bytes/change (%d file(s))%n",
                    "batch file (ZIP: header, signature, body)", fileBytes, (double) fileBytes / changes,
                    batches.stream().mapToInt(b -> b.files().size()).sum());
            System.out.printf(Locale.ROOT, "  %-44s %,10d bytes = %7.1f bytes/change (%.3f x the file)%n",
                    "message(s) as HQ's IMAP server holds them", messageBytes, (double) messageBytes / changes,
                    (double) messageBytes / fileBytes);
            boolean pass = inbox.size() == 1 && messageBytes < MESSAGE_TARGET;
            System.out.printf(Locale.ROOT, "  target: one message < %,d bytes: %d message(s), %,d bytes = %.2f x "
                    + "target, %s%n", MESSAGE_TARGET, inbox.size(), messageBytes, (double) messageBytes
                    / MESSAGE_TARGET, pass ? "PASS" : "FAIL");
            long overhead = messageBytes - MailedMessage.base64Bytes(fileBytes);
            List<Transaction> spread = DayVariants.spread(transactions, ZonedDateTime.of(LocalDate.now(),
                    LocalTime.of(9, 0), ZoneId.of("Europe/Moscow")).toInstant(), Duration.ofHours(9), new Random(7));
            long spreadMessage = overhead + MailedMessage.base64Bytes(batchBytes(network, spread,
                    BatchWriter.DEFAULT_LEVEL, BatchWriter.SMALL_BODY_LEVEL));
            System.out.printf(Locale.ROOT, "  the same day spread over working hours (09:00-18:00; ids, clocks and "
                    + "audit times moved): message of %,d bytes = %.2f x target, %s%n", spreadMessage,
                    (double) spreadMessage / MESSAGE_TARGET, spreadMessage < MESSAGE_TARGET ? "PASS" : "FAIL");
            tables(transactions);
            levels(network, transactions, spread, overhead);
            taken(network, captured);
        }
    }

    /** HQ takes the day without refusal or conflict, and the agent then holds exactly its scope. */
    private static void taken(BenchNetwork network, long captured) {
        RunReport hq = network.hubDelivery().syncNow("mail").get(0);
        if (!hq.ok() || !hq.problems().isEmpty() || hq.receivedChanges() != captured) {
            throw new IllegalStateException("HQ's mail run: " + hq.line() + " " + hq.problems());
        }
        if (!network.hub().conflicts().list(null, 1).isEmpty()) {
            throw new IllegalStateException("HQ logged a conflict: " + network.hub().conflicts().list(null, 1));
        }
        RunReport agent = network.delivery(network.agent()).syncNow("mail").get(0);
        if (!agent.ok() || !agent.problems().isEmpty()) {
            throw new IllegalStateException("the agent's second mail run: " + agent.line());
        }
        Map<String, String> differences = Checks.scopeDifferences(network, network.agent());
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the agent differs from HQ's view of its scope: " + differences);
        }
        System.out.printf(Locale.ROOT, "  HQ's mail run: %s; no conflict; the agent holds its scope%n", hq.line());
    }

    /** What each table's changes weigh: plain JSON, and zstd of them alone at the default level. */
    private static void tables(List<Transaction> transactions) {
        Map<String, List<Transaction>> byTable = new TreeMap<>();
        for (Transaction tx : transactions) {
            Map<String, List<RowChange>> split = new TreeMap<>();
            for (RowChange change : tx.changes()) {
                split.computeIfAbsent(change.table(), t -> new ArrayList<>()).add(change);
            }
            split.forEach((table, changes) -> byTable.computeIfAbsent(table, t -> new ArrayList<>())
                    .add(new Transaction(tx.id(), tx.origin(), tx.hlc(), changes)));
        }
        System.out.printf(Locale.ROOT, "  by table (each table's changes alone, with their transactions' ids and "
                + "clocks):%n    %-16s %7s %7s %12s %12s %12s%n", "table", "changes", "updates", "JSON B/chg",
                "zstd-3 B/chg", "zstd-19 B/chg");
        byTable.forEach((table, txs) -> {
            long changes = txs.stream().mapToLong(tx -> tx.changes().size()).sum();
            long updates = txs.stream().flatMap(tx -> tx.changes().stream())
                    .filter(c -> c.operation() == dev.filial.protocol.change.Operation.UPDATE).count();
            byte[] json = bodyBytes(txs);
            System.out.printf(Locale.ROOT, "    %-16s %7d %7d %12.1f %12.1f %12.1f%n", table, changes, updates,
                    (double) json.length / changes, (double) Zstd.compress(json, 3).length / changes,
                    (double) Zstd.compress(json, 19).length / changes);
        });
    }

    /**
     * The same transactions written as a batch again at each level (same signer, encrypted to HQ), as
     * captured and spread over a working day ({@link DayVariants#spread}), with the message each would
     * make: the measured message's own overhead (headers, text part, MIME) plus the base64 of the file in
     * 76-character lines.
     */
    private void levels(BenchNetwork network, List<Transaction> captured, List<Transaction> spread,
                        long mimeOverhead) {
        System.out.printf(Locale.ROOT, "  the same transactions written again at other zstd levels (write time: "
                + "median of 5); message = measured overhead %,d + base64 of the file:%n    %-6s %12s %12s %9s   "
                + "%12s %12s %9s %9s%n", mimeOverhead, "level", "file", "message", "x target", "spread: file",
                "message", "x target", "write");
        long changes = captured.stream().mapToLong(tx -> tx.changes().size()).sum();
        for (String text : args.get("levels").split(",")) {
            int level = Integer.parseInt(text.trim());
            long[] file = new long[2];
            double[] times = new double[5];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                file[0] = batchBytes(network, captured, level, level);
                times[i] = seconds(t0, System.nanoTime());
            }
            file[1] = batchBytes(network, spread, level, level);
            long[] message = {mimeOverhead + MailedMessage.base64Bytes(file[0]),
                mimeOverhead + MailedMessage.base64Bytes(file[1])};
            System.out.printf(Locale.ROOT, "    %-6d %,12d %,12d %8.2fx   %,12d %,12d %8.2fx %6.0f ms%n", level,
                    file[0], message[0], (double) message[0] / MESSAGE_TARGET, file[1], message[1],
                    (double) message[1] / MESSAGE_TARGET, median(times) * 1000);
        }
        System.out.printf(Locale.ROOT, "  what the bytes are (batch file, bytes per change of the day, %,d changes):"
                + "%n    %-58s %10s %10s%n", changes, "variant of the day's transactions", "zstd-3", "zstd-19");
        variant(network, "as captured (within about a second)", captured, changes);
        variant(network, "spread over a working day", spread, changes);
        variant(network, "spread, without the audit entries", DayVariants.withoutAudit(spread), changes);
        variant(network, "spread, every UUID replaced by a counter", DayVariants.countedIds(spread), changes);
        variant(network, "spread, without audit entries, UUIDs as counters",
                DayVariants.countedIds(DayVariants.withoutAudit(spread)), changes);
    }

    private static void variant(BenchNetwork network, String name, List<Transaction> transactions, long changes) {
        System.out.printf(Locale.ROOT, "    %-58s %10.1f %10.1f%n", name,
                (double) batchBytes(network, transactions, 3, 3) / changes,
                (double) batchBytes(network, transactions, 19, 19) / changes);
    }

    /**
     * The bytes of the batch file the agent would write of {@code transactions} at {@code level}, bodies of
     * at most {@link BatchWriter#SMALL_BODY_BYTES} at {@code smallLevel} (a node's writer: 3 and 19).
     */
    private static long batchBytes(BenchNetwork network, List<Transaction> transactions, int level, int smallLevel) {
        BatchWriter writer = new BatchWriter(network.agent().keys().signer(), level, smallLevel, 64L << 20);
        BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(), BenchNetwork.AGENT, BenchNetwork.HQ, 1, null, 0, null,
                Schema.VERSION, Instant.now());
        return writer.write(envelope, transactions, network.hub().node().keys().exchange().publicKey()).stream()
                .mapToLong(f -> f.bytes().length).sum();
    }

    private static String counts(List<Transaction> transactions) {
        Map<String, Integer> counts = new TreeMap<>();
        transactions.forEach(tx -> tx.changes().forEach(c -> counts.merge(c.table() + " "
                + c.operation().name().charAt(0), 1, Integer::sum)));
        return counts.toString();
    }

    private static byte[] bodyBytes(List<Transaction> transactions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BodyCodec.json(ReaderLimits.DEFAULT).write(transactions, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- 2. e-mail vs HTTP, same changes, same run

    private void versus() throws Exception {
        long changes = Long.parseLong(args.get("changes"));
        int perTx = Integer.parseInt(args.get("perTx"));
        String mix = args.get("mix");
        int warmup = Integer.parseInt(args.get("warmup"));
        int rounds = Integer.parseInt(args.get("rounds"));
        List<Transport> transports = Arrays.stream(args.get("transports").split(","))
                .map(t -> Transport.valueOf(t.trim().toUpperCase(Locale.ROOT))).toList();
        Map<Transport, List<Double>> times = new LinkedHashMap<>();
        Map<Transport, List<RelayRound.Round>> relayed = new LinkedHashMap<>();
        List<HttpRound.Round> http = new ArrayList<>();
        transports.forEach(t -> times.put(t, new ArrayList<>()));
        System.out.printf(Locale.ROOT, "%nBranch -> HQ -> agent, %,d changes (%s mix), %s alternating%n", changes,
                mix, transports);
        for (int round = 0; round < warmup + rounds; round++) {
            boolean counted = round >= warmup;
            String name = counted ? "round " + (round - warmup + 1) : "warm-up " + (round + 1);
            long seed = 20260601L + round;
            List<Transport> order = new ArrayList<>(transports);
            java.util.Collections.rotate(order, round);
            for (Transport transport : order) {
                if (transport == Transport.HTTP) {
                    HttpRound.Round r = HttpRound.run(dir, mix, changes, perTx, seed, false);
                    progress("%s http: push %.2f s, agent pull %.2f s -> %.2f s = %,.0f changes/s (CPU %.2f s; "
                            + "branch pull-back %.2f s; load %s)", name, r.push(), r.agentPull(), r.endToEnd(),
                            r.rate(), r.cpu(), r.branchPull(), BenchRun.loadAverage());
                    if (counted) {
                        times.get(transport).add(r.endToEnd());
                        http.add(r);
                    }
                } else {
                    RelayRound.Round r = RelayRound.run(dir, transport, mix, changes, perTx, seed);
                    progress("%s %s: branch run %.2f s, HQ %.2f s, agent %.2f s (%d run(s) each) -> %.2f s = %,.0f "
                            + "changes/s (CPU %.2f s; branch back %.2f s%s; load %s)", name, transport.type(),
                            r.branch(), r.hq(), r.agent(), r.runs(), r.endToEnd(), r.rate(), r.cpu(), r.branchBack(),
                            r.messages() == 0 ? "" : String.format(Locale.ROOT, "; %d messages, %.1f MB",
                                    r.messages(), r.messageBytes() / 1e6), BenchRun.loadAverage());
                    if (counted) {
                        times.get(transport).add(r.endToEnd());
                        relayed.computeIfAbsent(transport, t -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        if (rounds > 0 && !http.isEmpty()) {
            report(changes, times, http, relayed);
        }
    }

    private void report(long changes, Map<Transport, List<Double>> times, List<HttpRound.Round> http,
                        Map<Transport, List<RelayRound.Round>> relayed) {
        double base = medianOf(times.get(Transport.HTTP));
        System.out.printf(Locale.ROOT, "%nMedians of %d rounds, %,d changes branch -> HQ -> agent, load average now "
                + "%s%n", http.size(), changes, BenchRun.loadAverage());
        System.out.printf(Locale.ROOT, "  http: push %.2f s + agent pull %.2f s = %.2f s, %,.0f changes/s (process "
                + "CPU %.2f s)%n", median(http.stream().mapToDouble(HttpRound.Round::push).toArray()),
                median(http.stream().mapToDouble(HttpRound.Round::agentPull).toArray()), base, changes / base,
                median(http.stream().mapToDouble(HttpRound.Round::cpu).toArray()));
        for (Transport transport : times.keySet()) {
            List<RelayRound.Round> rounds = relayed.get(transport);
            if (rounds == null) {
                continue;
            }
            double time = medianOf(times.get(transport));
            System.out.printf(Locale.ROOT, "  %s: branch run %.2f s + HQ %.2f s + agent %.2f s; end to end %.2f s, "
                    + "%,.0f changes/s (process CPU %.2f s)%n", transport.type(),
                    median(rounds.stream().mapToDouble(RelayRound.Round::branch).toArray()),
                    median(rounds.stream().mapToDouble(RelayRound.Round::hq).toArray()),
                    median(rounds.stream().mapToDouble(RelayRound.Round::agent).toArray()), time, changes / time,
                    median(rounds.stream().mapToDouble(RelayRound.Round::cpu).toArray()));
            double[] ratios = new double[rounds.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = times.get(transport).get(i) / times.get(Transport.HTTP).get(i);
            }
            double ratio = time / base;
            System.out.printf(Locale.ROOT, "  %s / http = %.2f (medians; round by round %s)%s%n", transport.type(),
                    ratio, Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                    transport == Transport.MAIL ? String.format(Locale.ROOT, "; target <= %.1f: %s", RATIO_TARGET,
                            ratio <= RATIO_TARGET ? "PASS" : "FAIL") : "");
        }
    }

    private static double medianOf(List<Double> values) {
        return BenchRun.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
