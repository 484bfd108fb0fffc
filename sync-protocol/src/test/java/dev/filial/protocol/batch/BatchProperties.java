package dev.filial.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.luben.zstd.Zstd;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the batch file format: any batch the writer makes reads back to the same
 * transactions, in one file or in parts joined in any order, plain or encrypted; and no damaged or
 * arbitrary input makes the reader fail with anything but a typed {@link BatchRejectedException}.
 */
class BatchProperties {

    private static final Ed25519BatchSigner SIGNER = Ed25519BatchSigner.fromHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final X25519KeyPair RECIPIENT_KEY = X25519KeyPair.generate();
    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode HQ = NodeCode.parse("HQ");
    private static final KeyRing MSK_KEYS = new KeyRing().trust(MSK, SIGNER.publicKey());
    private static final long MIB = 1 << 20;
    /** What AES-GCM adds to the compressed body. */
    private static final int GCM_TAG_BYTES = 16;

    /** A well-formed single-part file, whose prefixes seed the arbitrary-bytes property. */
    private static final byte[] SAMPLE = new BatchWriter(SIGNER, 3, MIB).write(
            new BatchEnvelope(Uuid7.next(1_763_900_000_000L, new Random(1)), MSK, HQ, 1, null, 0, null, 1,
                    Instant.parse("2026-11-23T10:00:00Z")),
            List.of(new Transaction(Uuid7.next(1_763_900_000_000L, new Random(2)), MSK, new Hlc(1_763_900_000_000L, 0),
                    List.of(RowChange.insert("customer", "c1", Map.of("name", Value.of("Ivan"),
                            "limit", Value.of(new BigDecimal("100.50"))))))))
            .get(0).bytes();

    /** What one written batch is made of, and how to write and read it. */
    record BatchCase(BatchEnvelope envelope, List<Transaction> transactions, boolean encrypted, long maxFileBytes,
                     long shuffleSeed) {

        List<BatchFile> write() {
            return new BatchWriter(SIGNER, BatchWriter.DEFAULT_LEVEL, maxFileBytes)
                    .write(envelope, transactions, encrypted ? RECIPIENT_KEY.publicKey() : null);
        }

        BatchReader reader() {
            return new BatchReader(new KeyRing().trust(envelope.sender(), SIGNER.publicKey()), ReaderLimits.DEFAULT,
                    envelope.recipient(), RECIPIENT_KEY);
        }

        @Override
        public String toString() {
            return "BatchCase[" + envelope + ", " + transactions.size() + " transactions, encrypted=" + encrypted
                    + ", maxFileBytes=" + maxFileBytes + ", shuffleSeed=" + shuffleSeed + "]";
        }
    }

    enum Damage { FLIP, REPLACE, INSERT, DELETE, TRUNCATE, APPEND }

    /** One way to damage one of the files of a batch; {@code seed} picks positions and bytes. */
    record Corruption(Damage damage, int fileSeed, long seed) {

        byte[] apply(byte[] good) {
            Random random = new Random(seed);
            byte[] bad = good.clone();
            switch (damage) {
                case FLIP -> {
                    for (int n = 1 + random.nextInt(3); n > 0; n--) {
                        bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                case REPLACE -> {
                    for (int n = 1 + random.nextInt(3); n > 0; n--) {
                        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                    }
                }
                case INSERT -> {
                    int at = random.nextInt(good.length + 1);
                    bad = new byte[good.length + 1];
                    System.arraycopy(good, 0, bad, 0, at);
                    bad[at] = (byte) random.nextInt(256);
                    System.arraycopy(good, at, bad, at + 1, good.length - at);
                }
                case DELETE -> {
                    int at = random.nextInt(good.length);
                    bad = new byte[good.length - 1];
                    System.arraycopy(good, 0, bad, 0, at);
                    System.arraycopy(good, at + 1, bad, at, good.length - at - 1);
                }
                case TRUNCATE -> bad = Arrays.copyOf(good, random.nextInt(good.length));
                case APPEND -> {
                    byte[] junk = new byte[1 + random.nextInt(64)];
                    random.nextBytes(junk);
                    bad = Arrays.copyOf(good, good.length + junk.length);
                    System.arraycopy(junk, 0, bad, good.length, junk.length);
                }
            }
            return bad;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Round trip

    @Property(tries = 200)
    void randomBatchesRoundTrip(@ForAll("batchCases") BatchCase c) {
        List<BatchFile> files = c.write();
        Statistics.label("parts").collect(files.size() == 1 ? "1" : files.size() <= 3 ? "2-3" : "4+");
        Statistics.label("encrypted").collect(c.encrypted());

        String batchHash = files.get(0).batchHash();
        for (int i = 0; i < files.size(); i++) {
            BatchFile file = files.get(i);
            assertThat((long) file.bytes().length).as("file %d of %d", i + 1, files.size())
                    .isLessThanOrEqualTo(c.maxFileBytes());
            assertThat(file.batchHash()).isEqualTo(batchHash);
            assertThat(file.header().part().index()).isEqualTo(i + 1);
            assertThat(file.header().part().count()).isEqualTo(files.size());
        }

        BatchReader reader = c.reader();
        List<BatchPart> parts = new ArrayList<>();
        for (BatchFile file : files) {
            parts.add(reader.readPart(file.bytes()));
        }
        assertThat(parts.get(0).headerHash()).isEqualTo(batchHash);
        for (BatchPart part : parts) {
            assertHeader(part.header(), c);
        }
        Collections.shuffle(parts, new Random(c.shuffleSeed()));
        List<Transaction> decoded = new ArrayList<>();

        // The writer does not look at the reader's limits: a body that is very compressible (ratio
        // over ReaderLimits.maxRatio) and over RATIO_EXEMPT_BYTES decompressed is written, but a
        // reader with the default limits refuses it as a possible bomb. That is the documented
        // limit, so such a batch must be refused with exactly that reason and nothing else.
        long compressed = files.get(0).header().body().size() - (c.encrypted() ? GCM_TAG_BYTES : 0);
        long plain = plainBodySize(c.transactions());
        if (plain > ReaderLimits.DEFAULT.decompressedAllowance(compressed)) {
            Statistics.label("beyond the decompression allowance").collect(true);
            assertThat(catchThrowable(() -> reader.decode(parts, decoded::add)))
                    .isInstanceOfSatisfying(BatchRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(RejectReason.DECOMPRESSION_LIMIT));
            return;
        }
        Statistics.label("beyond the decompression allowance").collect(false);
        BodyStats stats = reader.decode(parts, decoded::add);
        assertThat(decoded).isEqualTo(c.transactions());
        assertThat(stats.transactions()).isEqualTo(c.transactions().size());
        assertThat(stats.counts()).isEqualTo(expectedCounts(c.transactions()));

        if (files.size() == 1) {
            Batch batch = reader.read(files.get(0).bytes());
            assertThat(batch.transactions()).isEqualTo(c.transactions());
            assertThat(batch.hash()).isEqualTo(batchHash);
            assertHeader(batch.header(), c);
        } else {
            Throwable thrown = catchThrowable(() -> reader.read(files.get(0).bytes()));
            assertThat(thrown).isInstanceOfSatisfying(BatchRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(RejectReason.PART_MISMATCH));
        }
    }

    private static long plainBodySize(List<Transaction> transactions) {
        long[] size = {0};
        try {
            BodyCodec.json(ReaderLimits.DEFAULT).write(transactions, new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    size[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    size[0] += len;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return size[0];
    }

    private static void assertHeader(BatchHeader header, BatchCase c) {
        BatchEnvelope envelope = c.envelope();
        assertThat(header.batchId()).isEqualTo(envelope.batchId());
        assertThat(header.sender()).isEqualTo(envelope.sender());
        assertThat(header.recipient()).isEqualTo(envelope.recipient());
        assertThat(header.sequence()).isEqualTo(envelope.sequence());
        assertThat(header.previous()).isEqualTo(envelope.previous());
        assertThat(header.ack()).isEqualTo(envelope.ack());
        assertThat(header.ackHash()).isEqualTo(envelope.ackHash());
        assertThat(header.schema()).isEqualTo(envelope.schema());
        assertThat(header.created()).isEqualTo(envelope.created());
        assertThat(header.transactions()).isEqualTo(c.transactions().size());
        assertThat(header.changes()).isEqualTo(c.transactions().stream().mapToLong(t -> t.changes().size()).sum());
        assertThat(header.counts()).isEqualTo(expectedCounts(c.transactions()));
        assertThat(header.encryption() != null).isEqualTo(c.encrypted());
        assertThat(header.key()).isEqualTo(SIGNER.keyId());
    }

    private static SortedMap<String, Long> expectedCounts(List<Transaction> transactions) {
        SortedMap<String, Long> counts = new TreeMap<>();
        transactions.forEach(t -> t.changes().forEach(ch -> counts.merge(ch.table(), 1L, Long::sum)));
        return counts;
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Damaged files

    @Property(tries = 200)
    void anyCorruptedByteIsRejectedWithATypedReason(@ForAll("smallBatchCases") BatchCase c,
                                                    @ForAll("corruptions") Corruption corruption) {
        List<BatchFile> files = c.write();
        int target = Math.floorMod(corruption.fileSeed(), files.size());
        byte[] good = files.get(target).bytes();
        byte[] bad = corruption.apply(good);
        boolean unchanged = Arrays.equals(good, bad);
        Statistics.label("damage").collect(unchanged ? "none (same bytes)" : corruption.damage());

        BatchReader reader = c.reader();
        Throwable thrown = catchThrowable(() -> {
            List<BatchPart> parts = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                parts.add(reader.readPart(i == target ? bad : files.get(i).bytes()));
            }
            List<Transaction> decoded = new ArrayList<>();
            reader.decode(parts, decoded::add);
            assertThat(decoded).isEqualTo(c.transactions());
            if (files.size() == 1) {
                assertThat(reader.read(bad).transactions()).isEqualTo(c.transactions());
            }
        });
        if (unchanged) {
            assertThat(thrown).as("the bytes are unchanged, so the batch must read").isNull();
        } else {
            assertRejected(thrown, "%s of file %d of %d", corruption, target + 1, files.size());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Arbitrary bytes

    @Property(tries = 300)
    void arbitraryBytesAreRejectedWithATypedReason(@ForAll("arbitraryFiles") byte[] file) {
        List<BatchReader> readers = List.of(
                new BatchReader(MSK_KEYS, ReaderLimits.DEFAULT, HQ, RECIPIENT_KEY),
                new BatchReader(MSK_KEYS, ReaderLimits.DEFAULT, null, null),
                BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, RECIPIENT_KEY));
        for (BatchReader reader : readers) {
            assertRejected(catchThrowable(() -> reader.read(file)), "read of %d bytes", file.length);
            assertRejected(catchThrowable(() -> reader.readPart(file)), "readPart of %d bytes", file.length);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 4. Damaged bodies behind a good signature: what a buggy or hostile (but trusted) sender sends

    @Property(tries = 200)
    void anyBodyBehindAValidSignatureIsReadOrRejectedWithATypedReason(
            @ForAll("smallBatchCases") BatchCase c, @ForAll("corruptions") Corruption corruption,
            @ForAll("bodyKinds") int kind) {
        BodyStats stats;
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            stats = BodyCodec.json(ReaderLimits.DEFAULT).write(c.transactions(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] plain = json.toByteArray();
        Random random = new Random(corruption.seed());
        byte[] stored = switch (kind) {
            case 0 -> Zstd.compress(corruption.apply(plain), 3); // damaged JSON, valid zstd
            case 1 -> Zstd.compress(jsonNoise(plain, random), 3); // JSON with tokens spliced in
            case 2 -> corruption.apply(Zstd.compress(plain, 3)); // damaged zstd frame
            default -> { // random bytes
                byte[] noise = new byte[1 + random.nextInt(2048)];
                random.nextBytes(noise);
                yield noise;
            }
        };
        Statistics.label("body").collect(kind);
        if (stored.length == 0) {
            return;
        }
        byte[] file = signedSinglePart(c.envelope(), stats, stored);
        BatchReader reader = c.reader();
        Throwable thrown = catchThrowable(() -> reader.read(file));
        if (thrown != null) {
            assertRejected(thrown, "body kind %d, %s", kind, corruption);
        }
    }

    private static byte[] jsonNoise(byte[] plain, Random random) {
        String[] tokens = {"{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "-", "99999999999999999999999",
                "{\"$dec\":\"1e-2147483649\"}", "{\"$ts\":\"+1000000000-01-01T00:00:00Z\"}", "{\"$date\":\"x\"}",
                "\"x-ext\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", "\\u0000", "\\ud800", "\"hlc\":\"ffffffffffffffff\"",
                "\"op\":\"X\"", "1.5", "true"};
        StringBuilder text = new StringBuilder(new String(plain, StandardCharsets.UTF_8));
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(text.length() + 1);
            if (random.nextBoolean() && at < text.length()) {
                text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
            } else {
                text.insert(at, tokens[random.nextInt(tokens.length)]);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A correctly signed, single-part, plain file around any stored body, as a trusted but broken sender writes it. */
    private static byte[] signedSinglePart(BatchEnvelope envelope, BodyStats stats, byte[] stored) {
        String hash = Digests.sha256(stored);
        BatchHeader header = new BatchHeader(BatchHeader.FORMAT, envelope.batchId(), envelope.sender(),
                envelope.recipient(), envelope.sequence(), envelope.previous(), envelope.ack(), envelope.ackHash(),
                envelope.schema(), envelope.created(), stats.transactions(), stats.changes(), stats.counts(),
                new BatchHeader.BodyInfo(BatchHeader.BodyInfo.JSON, BatchHeader.BodyInfo.ZSTD, stored.length, hash),
                null, new BatchHeader.PartInfo(1, 1, stored.length, hash), SIGNER.keyId());
        byte[] headerBytes = HeaderCodec.write(header);
        return BatchContainer.write(headerBytes, SIGNER.sign(headerBytes), BatchContainer.BODY, stored);
    }

    private static void assertRejected(Throwable thrown, String description, Object... args) {
        assertThat(thrown).as(description, args).isNotNull();
        if (!(thrown instanceof BatchRejectedException rejected)) {
            throw new AssertionError(String.format(description, args)
                    + ": expected a BatchRejectedException but got " + thrown, thrown);
        }
        assertThat(rejected.reason()).as(description, args).isNotNull();
        Statistics.label("reason").collect(rejected.reason());
    }

    // ---------------------------------------------------------------------------------------------
    // Generators

    @Provide
    Arbitrary<BatchCase> batchCases() {
        return batchCases(Gen.TRANSACTIONS.list().ofMinSize(1).ofMaxSize(20));
    }

    @Provide
    Arbitrary<BatchCase> smallBatchCases() {
        return batchCases(Gen.TRANSACTIONS.list().ofMinSize(1).ofMaxSize(4));
    }

    private static Arbitrary<BatchCase> batchCases(Arbitrary<List<Transaction>> transactions) {
        Arbitrary<Long> maxFileBytes = Arbitraries.oneOf(
                Arbitraries.longs().between(8192, 12_000),
                Arbitraries.longs().between(8192, MIB),
                Arbitraries.of(8192L, MIB));
        return Combinators.combine(Gen.ENVELOPES, transactions, Arbitraries.of(true, false), maxFileBytes,
                Arbitraries.longs()).as(BatchCase::new);
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        return Combinators.combine(Arbitraries.of(Damage.class), Arbitraries.integers(), Arbitraries.longs())
                .as(Corruption::new);
    }

    @Provide
    Arbitrary<Integer> bodyKinds() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<byte[]> arbitraryFiles() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        Arbitrary<byte[]> zipPrefixed = Arbitraries.bytes().array(byte[].class).ofMaxSize(4092)
                .map(tail -> concat(new byte[] {'P', 'K', 3, 4}, tail));
        Arbitrary<byte[]> samplePrefixed = Combinators.combine(
                Arbitraries.integers().between(0, SAMPLE.length),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(512))
                .as((cut, tail) -> concat(Arrays.copyOf(SAMPLE, cut), tail))
                .filter(bytes -> !Arrays.equals(bytes, SAMPLE)); // the whole sample with nothing after it is valid
        return Arbitraries.oneOf(noise, zipPrefixed, samplePrefixed);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static Arbitrary<BatchEnvelope> buildEnvelopes() {
        Arbitrary<Tuple.Tuple2<NodeCode, NodeCode>> nodes = Combinators.combine(Gen.NODECODES, Gen.NODECODES)
                .as(Tuple::of).filter(pair -> !pair.get1().equals(pair.get2()));
        Arbitrary<Long> sequences = Arbitraries.oneOf(Arbitraries.just(1L), Arbitraries.longs().between(2, 1000),
                Arbitraries.longs().between(1, Long.MAX_VALUE));
        Arbitrary<Long> acks = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
        Arbitrary<Tuple.Tuple4<Long, String, Long, String>> position = Combinators.combine(
                sequences, Gen.HASHES, acks, Gen.HASHES)
                .as((sequence, previous, ack, ackHash) -> Tuple.of(sequence, sequence <= 1 ? null : previous,
                        ack, ack == 0 ? null : ackHash));
        Arbitrary<Integer> schemas = Arbitraries.oneOf(Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(1, Integer.MAX_VALUE));
        return Combinators.combine(Gen.UUID7S, nodes, position, schemas, Gen.TIMESTAMPS)
                .as((id, pair, pos, schema, created) -> new BatchEnvelope(id, pair.get1(), pair.get2(),
                        pos.get1(), pos.get2(), pos.get3(), pos.get4(), schema, created));
    }

    private static Arbitrary<String> buildHashes() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    }

    private static Arbitrary<NodeCode> buildNodeCodes() {
        Arbitrary<NodeCode> any = Combinators.combine(
                        Arbitraries.chars().range('A', 'Z'),
                        Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(15))
                .as((first, rest) -> NodeCode.parse(first + rest));
        return Arbitraries.oneOf(any, Arbitraries.of(MSK, HQ, NodeCode.parse("SPB")));
    }

    private static Arbitrary<String> buildUuid7s() {
        return Combinators.combine(Arbitraries.longs().between(0, Hlc.MAX_PHYSICAL), Arbitraries.longs())
                .as((millis, seed) -> Uuid7.next(millis, new Random(seed)));
    }

    private static Arbitrary<Transaction> buildTransactions() {
        Arbitrary<Hlc> hlcs = Combinators.combine(Arbitraries.longs().between(0, Hlc.MAX_PHYSICAL),
                Arbitraries.integers().between(0, Hlc.MAX_LOGICAL)).as(Hlc::new);
        return Combinators.combine(Gen.UUID7S, Gen.NODECODES, hlcs, Gen.CHANGES.list().ofMinSize(1).ofMaxSize(6))
                .as(Transaction::new);
    }

    private static Arbitrary<RowChange> buildChanges() {
        Arbitrary<String> tables = Arbitraries.oneOf(Gen.NAMES, Arbitraries.of("customer", "price", "a", "order_line"));
        Arbitrary<String> rows = Arbitraries.oneOf(Gen.UUID7S,
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMinLength(1).ofMaxLength(64));
        Arbitrary<Map<String, Value>> columns = Arbitraries.maps(Gen.NAMES, Gen.VALUES).ofMinSize(1).ofMaxSize(5);
        Arbitrary<RowChange> inserts = Combinators.combine(tables, rows, columns).as(RowChange::insert);
        Arbitrary<RowChange> updates = Combinators.combine(tables, rows, columns).flatAs((table, row, newValues) ->
                Gen.VALUES.list().ofSize(newValues.size()).map(olds -> {
                    Map<String, Value> oldValues = new LinkedHashMap<>();
                    int i = 0;
                    for (String column : newValues.keySet()) {
                        oldValues.put(column, olds.get(i++));
                    }
                    return RowChange.update(table, row, newValues, oldValues);
                }));
        Arbitrary<RowChange> deletes = Combinators.combine(tables, rows,
                Arbitraries.oneOf(Arbitraries.just(Map.<String, Value>of()), columns)).as(RowChange::delete);
        return Arbitraries.oneOf(inserts, updates, deletes);
    }

    private static Arbitrary<String> buildNames() {
        return Combinators.combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.oneOf(
                                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
                                        .ofMaxLength(12),
                                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
                                        .ofMaxLength(62)))
                .as((first, rest) -> first + rest);
    }

    private static Arbitrary<Value> buildValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Gen.TEXTS.map(Value::of)),
                Tuple.of(2, Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L))
                        .map(Value::of)),
                Tuple.of(2, Gen.DECIMALS.map(Value::of)),
                Tuple.of(1, Gen.DATES.map(Value::of)),
                Tuple.of(1, Gen.TIMESTAMPS.map(Value::of)),
                Tuple.of(1, Arbitraries.of(true, false).map(Value::of)),
                Tuple.of(1, Arbitraries.just(Value.NULL)));
    }

    private static Arbitrary<String> buildTexts() {
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(30)
                .map(cps -> {
                    StringBuilder text = new StringBuilder();
                    cps.forEach(text::appendCodePoint);
                    return text.toString();
                });
        Arbitrary<String> special = Arbitraries.of("", "\"", "'", "\\", "\"quoted\" and 'single' and \\back\\slash",
                "\u0000\u0001\u001f\t\n\r\b\f", "😀𝄞🇷🇺", "Привет, «мир»", "\u2028\u2029", "\uFEFFbom", "</script>",
                "{\"$dec\":\"1\"}", "$dec", "null", "12345678901234567890123");
        Arbitrary<String> longRandom = Combinators.combine(Arbitraries.integers().between(1000, 12_000),
                Arbitraries.longs()).as((length, seed) -> {
                    Random random = new Random(seed);
                    StringBuilder text = new StringBuilder(length);
                    while (text.length() < length) {
                        int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x100000 - 0x10000)
                                : 0x20 + random.nextInt(0xD7FF - 0x20);
                        text.appendCodePoint(cp);
                    }
                    return text.toString();
                });
        Arbitrary<String> longRepetitive = Arbitraries.integers().between(1000, 30_000).map("ab\"c\\"::repeat);
        return Arbitraries.frequencyOf(
                Tuple.of(12, unicode),
                Tuple.of(6, special),
                Tuple.of(1, longRandom),
                Tuple.of(1, longRepetitive));
    }

    private static Arbitrary<BigDecimal> buildDecimals() {
        BigInteger big = BigInteger.TEN.pow(60);
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000), BigInteger.valueOf(1_000_000)),
                Arbitraries.bigIntegers().between(big.negate(), big));
        Arbitrary<Integer> scales = Arbitraries.oneOf(Arbitraries.integers().between(-10, 10),
                Arbitraries.integers().between(-400, 400));
        return Combinators.combine(unscaled, scales).as(BigDecimal::new);
    }

    private static Arbitrary<LocalDate> buildDates() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                        .map(LocalDate::ofEpochDay),
                Arbitraries.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(1970, 1, 1)));
    }

    private static Arbitrary<Instant> buildTimestamps() {
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Arbitrary<Instant> any = Combinators.combine(Arbitraries.longs().between(min, max),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999), Arbitraries.of(0, 1, 123_000_000,
                        123_456_000, 999_999_999)))
                .as(Instant::ofEpochSecond);
        return Arbitraries.oneOf(any, Arbitraries.of(Instant.ofEpochSecond(min), Instant.ofEpochSecond(max, 999_999_999),
                Instant.EPOCH));
    }

    /** Each arbitrary built once: jqwik compares arbitraries when it caches generators, which is slow for fresh deep trees. */
    private static final class Gen {
        static final Arbitrary<String> HASHES = buildHashes();
        static final Arbitrary<NodeCode> NODECODES = buildNodeCodes();
        static final Arbitrary<String> UUID7S = buildUuid7s();
        static final Arbitrary<String> NAMES = buildNames();
        static final Arbitrary<String> TEXTS = buildTexts();
        static final Arbitrary<BigDecimal> DECIMALS = buildDecimals();
        static final Arbitrary<LocalDate> DATES = buildDates();
        static final Arbitrary<Instant> TIMESTAMPS = buildTimestamps();
        static final Arbitrary<Value> VALUES = buildValues();
        static final Arbitrary<RowChange> CHANGES = buildChanges();
        static final Arbitrary<Transaction> TRANSACTIONS = buildTransactions();
        static final Arbitrary<BatchEnvelope> ENVELOPES = buildEnvelopes();
    }
}
