package dev.filial.protocol.bench;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.filial.protocol.batch.Batch;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.batch.BodyCodec;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput and size of the batch format on one thread.
 *
 * <pre>
 * ./mvnw -q -pl sync-protocol test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.filial.protocol.bench.BatchBenchmark [-Dexec.args="200000 3"]
 * </pre>
 *
 * Arguments (all optional): number of changes (200,000), zstd level (3), measured rounds (7),
 * warm-up rounds (3). Everything runs on the calling thread. If the module's POM configures the exec
 * plugin with its own {@code mainClass}, that wins over {@code -Dexec.mainClass}; then run this class
 * with {@code java -cp} (see docs/benchmarks.md).
 */
public final class BatchBenchmark {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode HQ = NodeCode.parse("HQ");
    private static final double TARGET_CHANGES_PER_SECOND = 300_000;
    private static final double TARGET_SIZE_RATIO = 1.25;

    private static long blackhole;

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int changes = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 200_000;
        int level = args.length > 1 ? Integer.parseInt(args[1]) : BatchWriter.DEFAULT_LEVEL;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (rounds < 5) {
            throw new IllegalArgumentException("at least 5 measured rounds");
        }

        List<Transaction> txs = new CrmChangeMix(20260302L, MSK).transactions(changes);
        int[] ops = new int[3];
        txs.forEach(tx -> tx.changes().forEach(c -> ops[c.operation().ordinal()]++));

        Ed25519BatchSigner signer = Ed25519BatchSigner.fromHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        KeyRing keys = new KeyRing().trust(MSK, signer.publicKey());
        BatchWriter writer = new BatchWriter(signer, level, 1L << 30);
        ReaderLimits limits = ReaderLimits.DEFAULT.withMaxPartBytes(1L << 30)
                .withMaxChanges(Math.max(ReaderLimits.DEFAULT.maxChanges(), changes));
        BatchReader reader = new BatchReader(keys, limits, HQ, null);
        BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli(),
                new Random(1)), MSK, HQ, 42, "0".repeat(64), 41, "0".repeat(64), 3, Instant.parse("2026-03-03T00:00:00Z"));
        BodyCodec json = BodyCodec.json(limits);
        BodyCodec cbor = BodyCodec.over(new CBORFactory());

        // Correctness first: what is timed must round-trip.
        List<BatchFile> files = writer.write(envelope, txs);
        if (files.size() != 1) {
            throw new IllegalStateException("expected one part, got " + files.size());
        }
        byte[] file = files.get(0).bytes();
        Batch batch = reader.read(file);
        if (!batch.transactions().equals(txs)) {
            throw new IllegalStateException("the batch does not round-trip");
        }
        byte[] jsonZ = compress(json, txs, level);
        byte[] cborZ = compress(cbor, txs, level);
        if (decode(json, jsonZ) != changes || decode(cbor, cborZ) != changes) {
            throw new IllegalStateException("a body does not decode to " + changes + " changes");
        }
        long jsonRaw = rawSize(json, txs);
        long cborRaw = rawSize(cbor, txs);
        byte[] csv = csv(txs);
        byte[] csvZ = zstd(csv, level);
        long csvLines = countLines(csv) - 1;

        String[] names = {"batch write (encode+zstd+sign)", "batch read (verify+unzstd+decode)",
                "JSON body encode+zstd", "JSON body unzstd+decode", "CBOR body encode+zstd", "CBOR body unzstd+decode"};
        Runnable[] tasks = {
                () -> blackhole += writer.write(envelope, txs).get(0).bytes().length,
                () -> blackhole += reader.read(file).transactions().size(),
                () -> blackhole += compress(json, txs, level).length,
                () -> blackhole += decode(json, jsonZ),
                () -> blackhole += compress(cbor, txs, level).length,
                () -> blackhole += decode(cbor, cborZ),
        };
        double[][] seconds = new double[tasks.length][rounds];
        long started = System.nanoTime();
        for (int round = -warmup; round < rounds; round++) {
            for (int t = 0; t < tasks.length; t++) {
                System.gc();
                long t0 = System.nanoTime();
                tasks[t].run();
                long t1 = System.nanoTime();
                if (round >= 0) {
                    seconds[t][round] = (t1 - t0) / 1e9;
                }
            }
            System.err.printf(Locale.ROOT, "%s round %d done%n", round < 0 ? "warm-up" : "measured",
                    round < 0 ? round + warmup + 1 : round + 1);
        }
        double wall = (System.nanoTime() - started) / 1e9;

        double[] best = new double[tasks.length];
        double[] median = new double[tasks.length];
        for (int t = 0; t < tasks.length; t++) {
            double[] s = seconds[t].clone();
            Arrays.sort(s);
            best[t] = changes / s[0];
            median[t] = changes / (s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2);
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nBatchBenchmark: %,d changes in %,d transactions (%,d updates, %,d inserts, %,d deletes), "
                        + "zstd level %d, %d warm-up + %d measured rounds, one thread; Java %s, %d CPUs, %s%n",
                changes, txs.size(), ops[1], ops[0], ops[2], level, warmup, rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        out.append(String.format(Locale.ROOT, "%nThroughput (changes/s)            %14s %14s%n", "best", "median"));
        for (int t = 0; t < tasks.length; t++) {
            out.append(String.format(Locale.ROOT, "  %-34s %,14.0f %,14.0f%n", names[t], best[t], median[t]));
        }

        double perChangeFile = (double) file.length / changes;
        double perChangeCsv = (double) csvZ.length / changes;
        out.append(String.format(Locale.ROOT, "%nSize (bytes per change)            %10s %12s %14s%n", "raw", "zstd", "total bytes"));
        out.append(String.format(Locale.ROOT, "  %-34s %10.1f %12.2f %,14d%n", "JSON body", (double) jsonRaw / changes,
                (double) jsonZ.length / changes, jsonZ.length));
        out.append(String.format(Locale.ROOT, "  %-34s %10.1f %12.2f %,14d%n", "CBOR body", (double) cborRaw / changes,
                (double) cborZ.length / changes, cborZ.length));
        out.append(String.format(Locale.ROOT, "  %-34s %10s %12.2f %,14d%n", "batch file (JSON body, signed ZIP)", "",
                perChangeFile, file.length));
        out.append(String.format(Locale.ROOT, "  %-34s %10.1f %12.2f %,14d%n", "CSV baseline (" + String.format(Locale.ROOT, "%,d", csvLines) + " lines)",
                (double) csv.length / changes, perChangeCsv, csvZ.length));

        out.append(String.format(Locale.ROOT, "%nCBOR vs JSON: raw size %.2fx, zstd size %.2fx, encode speed %.2fx, decode speed %.2fx (median, CBOR/JSON)%n",
                (double) cborRaw / jsonRaw, (double) cborZ.length / jsonZ.length, median[4] / median[2], median[5] / median[3]));

        double writeRatio = median[0] / TARGET_CHANGES_PER_SECOND;
        double readRatio = median[1] / TARGET_CHANGES_PER_SECOND;
        double sizeRatio = perChangeFile / perChangeCsv;
        out.append(String.format(Locale.ROOT, "%nTargets (median of this run)%n"));
        out.append(String.format(Locale.ROOT, "  %-46s %,10.0f /s  = %.2f x target  %s%n", "write >= 300,000 changes/s",
                median[0], writeRatio, writeRatio >= 1 ? "PASS" : "FAIL"));
        out.append(String.format(Locale.ROOT, "  %-46s %,10.0f /s  = %.2f x target  %s%n", "read  >= 300,000 changes/s",
                median[1], readRatio, readRatio >= 1 ? "PASS" : "FAIL"));
        out.append(String.format(Locale.ROOT, "  %-46s %10.2f B/B = %.2f x CSV     %s%n", "batch file <= 1.25 x zstd CSV per change",
                sizeRatio, sizeRatio, sizeRatio <= TARGET_SIZE_RATIO ? "PASS" : "FAIL"));
        out.append(String.format(Locale.ROOT, "%nTimed part took %.1f s (checksum %d)%n", wall, blackhole & 0xF));
        System.out.print(out);
    }

    private static byte[] compress(BodyCodec codec, List<Transaction> txs, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(txs.size() * 64);
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(bytes, level)) {
            codec.write(txs, zstd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long decode(BodyCodec codec, byte[] compressed) {
        long[] count = new long[1];
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))) {
            codec.read(in, Long.MAX_VALUE, tx -> count[0] += tx.changes().size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    private static long rawSize(BodyCodec codec, List<Transaction> txs) throws IOException {
        long[] size = new long[1];
        codec.write(txs, new OutputStream() {
            @Override
            public void write(int b) {
                size[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                size[0] += len;
            }
        });
        return size[0];
    }

    private static byte[] zstd(byte[] data, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 4);
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(bytes, level)) {
            zstd.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The baseline: one RFC 4180 line per changed column, {@code table,row_id,column,old_value,new_value,hlc,origin}.
     * An insert has an empty old value, a delete an empty new value (one line per old column, or one
     * line with an empty column when it carries none).
     */
    static byte[] csv(List<Transaction> txs) {
        StringBuilder s = new StringBuilder(txs.size() * 400);
        s.append("table,row_id,column,old_value,new_value,hlc,origin\r\n");
        for (Transaction tx : txs) {
            String hlc = tx.hlc().toString();
            String origin = tx.origin().toString();
            for (RowChange change : tx.changes()) {
                switch (change.operation()) {
                    case INSERT -> change.newValues().forEach((column, value) ->
                            line(s, change, column, null, value, hlc, origin));
                    case UPDATE -> change.newValues().forEach((column, value) ->
                            line(s, change, column, change.oldValues().get(column), value, hlc, origin));
                    case DELETE -> {
                        if (change.oldValues().isEmpty()) {
                            line(s, change, "", null, null, hlc, origin);
                        } else {
                            change.oldValues().forEach((column, value) -> line(s, change, column, value, null, hlc, origin));
                        }
                    }
                }
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder s, RowChange change, String column, Value old, Value value, String hlc,
                             String origin) {
        field(s, change.table()).append(',');
        field(s, change.rowId()).append(',');
        field(s, column).append(',');
        field(s, text(old)).append(',');
        field(s, text(value)).append(',');
        field(s, hlc).append(',');
        field(s, origin).append("\r\n");
    }

    private static String text(Value value) {
        if (value == null || value instanceof Value.Null) {
            return "";
        } else if (value instanceof Value.Text t) {
            return t.value();
        } else if (value instanceof Value.Int i) {
            return Long.toString(i.value());
        } else if (value instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        } else if (value instanceof Value.Decimal d) {
            return d.value().toPlainString();
        } else if (value instanceof Value.Date d) {
            return d.value().toString();
        } else if (value instanceof Value.Timestamp t) {
            return t.value().toString();
        }
        throw new IllegalArgumentException(String.valueOf(value));
    }

    private static StringBuilder field(StringBuilder s, String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            return s.append(text);
        }
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                s.append('"');
            }
            s.append(c);
        }
        return s.append('"');
    }

    private static long countLines(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
