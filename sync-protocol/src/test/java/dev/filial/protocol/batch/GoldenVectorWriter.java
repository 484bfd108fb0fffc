package dev.filial.protocol.batch;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the golden vectors under src/test/resources/vectors. Append-only: a vector folder that
 * exists is never rewritten; a format change adds new vectors. Run from the module folder:
 * {@code ../mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.filial.protocol.batch.GoldenVectorWriter}.
 */
public final class GoldenVectorWriter {

    static final NodeCode MSK = NodeCode.parse("MSK");
    static final NodeCode HQ = NodeCode.parse("HQ");
    static final Instant CREATED = Instant.parse("2026-11-23T10:00:00Z");

    private final Path root;

    private GoldenVectorWriter(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        new GoldenVectorWriter(Path.of("src/test/resources/vectors")).writeAll();
    }

    private void writeAll() throws IOException {
        BatchWriter writer = new BatchWriter(GoldenKeys.SENDER, 3, 1 << 20, () -> GoldenKeys.EPHEMERAL);
        BatchFile plain = writer.write(envelope("01a2090c-6290-74b4-8dd7-aee3f27b5db1", 1, null), customers()).get(0);
        good("001-plain-batch", plain, "two transactions: a counterparty with its contact inserted, then updated");
        good("002-encrypted-batch", writer.write(envelope("01a2090c-6291-7000-8000-000000000002", 2, plain.batchHash()),
                customers(), GoldenKeys.RECIPIENT.publicKey()).get(0),
                "the same changes, body encrypted to RFC 7748 Bob's key with Alice's key as the ephemeral key");
        good("003-ack-only", writer.write(new BatchEnvelope("01a2090c-6292-7000-8000-000000000003", HQ, MSK, 0, null,
                2, plain.batchHash(), 1, CREATED), List.of()).get(0), "no data: HQ acknowledges MSK's sequence 2");
        good("004-every-value-type", writer.write(envelope("01a2090c-6293-7000-8000-000000000004", 1, null),
                everyType()).get(0), "every value type, including a decimal with negative scale and a delete");

        BatchContainer.Entries entries = BatchContainer.read(new java.io.ByteArrayInputStream(plain.bytes()), ReaderLimits.DEFAULT);
        byte[] signature = entries.signature().clone();
        signature[10] ^= 0x01;
        bad("101-bad-signature", BatchContainer.write(entries.header(), signature, BatchContainer.BODY, entries.body()),
                "bad-signature", "one bit of header.sig flipped; the ZIP CRC was fixed up");
        bad("102-truncated", Arrays.copyOf(plain.bytes(), plain.bytes().length / 2), "truncated", "the file cut in half");
        byte[] flipped = plain.bytes().clone();
        flipped[flipped.length - 300] ^= 0x40;
        bad("103-flipped-byte-in-body", flipped, "damaged", "one byte of the body flipped in transit; CRC-32 catches it");
        byte[] body = entries.body().clone();
        body[body.length / 2] ^= 0x40;
        bad("104-tampered-body", BatchContainer.write(entries.header(), entries.signature(), BatchContainer.BODY, body),
                "body-hash-mismatch", "a body byte changed and the ZIP CRC recomputed: only the signed hash catches it");
        BatchWriter stranger = new BatchWriter(GoldenKeys.STRANGER, 3, 1 << 20);
        bad("105-wrong-key-id", stranger.write(envelope("01a2090c-6294-7000-8000-000000000005", 1, null), customers())
                .get(0).bytes(), "unknown-key", "signed by RFC 8032 TEST 2's key, which the reader does not trust");
        String header = new String(entries.header(), StandardCharsets.UTF_8);
        bad("106-unknown-version", resigned(header.replace("{\"format\":1,", "{\"format\":2,"), entries.body()),
                "unknown-version", "format 2, correctly signed");
        bad("107-oversized-header", resigned(header.replace("{\"format\":1,", "{\"format\":1,\"x-pad\":\""
                + "x".repeat(70_000) + "\","), entries.body()), "oversized", "header.json of 70 kB (64 KiB allowed)");
        bad("108-decompression-bomb", bomb(header), "decompression-limit",
                "a signed body of 2 kB that expands to 100 MB of white space");
        BatchFile second = writer.write(envelope("01a2090c-6295-7000-8000-000000000006", 2,
                "0".repeat(64)), customers()).get(0);
        chain("109-broken-chain", plain, second);
    }

    private static BatchEnvelope envelope(String id, long sequence, String previous) {
        return new BatchEnvelope(id, MSK, HQ, sequence, previous, 0, null, 1, CREATED);
    }

    private static byte[] resigned(String header, byte[] body) {
        byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
        return BatchContainer.write(bytes, GoldenKeys.SENDER.sign(bytes), BatchContainer.BODY, body);
    }

    private static byte[] bomb(String plainHeader) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(compressed, 19)) {
            zstd.write('[');
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 100; i++) {
                zstd.write(spaces);
            }
            zstd.write(']');
        }
        byte[] body = compressed.toByteArray();
        BatchHeader original = HeaderCodec.read(plainHeader.getBytes(StandardCharsets.UTF_8));
        String hash = Digests.sha256(body);
        BatchHeader header = new BatchHeader(1, "01a2090c-6296-7000-8000-000000000008", MSK, HQ, 1, null, 0, null, 1,
                CREATED, original.transactions(), original.changes(), new TreeMap<>(original.counts()),
                new BatchHeader.BodyInfo("json", "zstd", body.length, hash), null,
                new BatchHeader.PartInfo(1, 1, body.length, hash), GoldenKeys.SENDER.keyId());
        return resigned(new String(HeaderCodec.write(header), StandardCharsets.UTF_8), body);
    }

    private void good(String name, BatchFile file, String note) throws IOException {
        write(name, file.bytes(), "ok", note);
    }

    private void bad(String name, byte[] bytes, String reason, String note) throws IOException {
        write(name, bytes, reason, note);
    }

    private void chain(String name, BatchFile first, BatchFile second) throws IOException {
        Path dir = root.resolve(name);
        if (Files.exists(dir)) {
            return;
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("previous.batch"), first.bytes());
        write(name, second.bytes(), "broken-chain",
                "sequence 2 names a previous hash that is not the hash of sequence 1 (previous.batch)");
    }

    private void write(String name, byte[] bytes, String expect, String note) throws IOException {
        Path dir = root.resolve(name);
        if (Files.exists(dir.resolve("batch.bin"))) {
            return;
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("batch.bin"), bytes);
        Files.writeString(dir.resolve("vector.properties"), "expect=" + expect + "\nnote=" + note + "\n");
        Files.writeString(dir.resolve("readable.txt"), Readable.describe(bytes));
    }

    static List<Transaction> customers() {
        String customer = "01a2090c-6290-7573-99b8-9cd868fb0e6f";
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("name", Value.of("Volga Trade LLC"));
        row.put("tax_id", Value.of("7746064254"));
        row.put("credit_limit", Value.of(new BigDecimal("43400.00")));
        row.put("payment_days", Value.of(14L));
        row.put("active", Value.of(true));
        return List.of(
                new Transaction("01a2090c-6290-74b4-8dd7-aee3f27b5db1", MSK, Hlc.parse("01a2090c62900000"), List.of(
                        RowChange.insert("counterparty", customer, row),
                        RowChange.insert("contact", "01a2090c-6290-79d5-b5f3-08680190e572", Map.of(
                                "counterparty_id", Value.of(customer), "name", Value.of("Anna Petrova"))))),
                new Transaction("01a2090c-6678-7898-98f6-f13d28ca7a36", MSK, Hlc.parse("01a2090c66780001"), List.of(
                        RowChange.update("counterparty", customer,
                                Map.of("payment_days", Value.of(21L)), Map.of("payment_days", Value.of(14L))))));
    }

    private static List<Transaction> everyType() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("text", Value.of("Łódź \"quoted\" \u2713"));
        values.put("empty", Value.of(""));
        values.put("integer", Value.of(Long.MIN_VALUE));
        values.put("decimal", Value.of(new BigDecimal("0.10")));
        values.put("big_decimal", Value.of(new BigDecimal("1E+3")));
        values.put("date", Value.of(LocalDate.of(1, 1, 1)));
        values.put("timestamp", Value.of(Instant.parse("2026-11-23T10:15:30.123456789Z")));
        values.put("yes", Value.of(true));
        values.put("nothing", Value.NULL);
        return List.of(new Transaction("01a2090c-6293-7000-8000-0000000000aa", MSK, Hlc.parse("01a2090c62930000"),
                List.of(RowChange.insert("sample", "01a2090c-6293-7000-8000-0000000000ab", values),
                        RowChange.delete("sample", "01a2090c-6293-7000-8000-0000000000ac",
                                Map.of("text", Value.of("gone"))))));
    }
}
