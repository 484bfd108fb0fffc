package dev.filial.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchRoundTripTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode HQ = NodeCode.parse("HQ");
    private final Random random = new Random(7);
    private final Ed25519BatchSigner signer = Ed25519BatchSigner.fromHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private final KeyRing keys = new KeyRing().trust(MSK, signer.publicKey());

    @Test
    void keepsEveryValueTypeThroughAPlainBatch() {
        List<Transaction> txs = transactions(3);
        BatchFile file = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), txs));
        Batch batch = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, null).read(file.bytes());
        assertThat(batch.transactions()).isEqualTo(txs);
        assertThat(batch.hash()).isEqualTo(file.batchHash());
        assertThat(batch.header().counts()).containsEntry("customer", 3L).containsEntry("price", 3L);
    }

    @Test
    void decryptsABodyEncryptedToTheRecipient() {
        X25519KeyPair hqKey = X25519KeyPair.generate();
        List<Transaction> txs = transactions(5);
        BatchFile file = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), txs, hqKey.publicKey()));
        assertThat(new BatchReader(keys, ReaderLimits.DEFAULT, HQ, hqKey).read(file.bytes()).transactions())
                .isEqualTo(txs);
        assertThatThrownBy(() -> new BatchReader(keys, ReaderLimits.DEFAULT, HQ, X25519KeyPair.generate())
                .read(file.bytes()))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.DECRYPTION_FAILED));
    }

    @Test
    void compressesASmallBodyHarderAndALargeOneAsBeforeAndBothReadBack() {
        X25519KeyPair hqKey = X25519KeyPair.generate();
        BatchReader reader = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, hqKey);
        List<Transaction> small = transactions(1_000);
        BatchWriter nodes = new BatchWriter(signer, 3, BatchWriter.SMALL_BODY_LEVEL, 64L << 20);
        BatchWriter flat = new BatchWriter(signer, 3, 64L << 20);

        BatchFile harder = single(nodes.write(envelope(), small, hqKey.publicKey()));
        BatchFile plain = single(flat.write(envelope(), small, hqKey.publicKey()));
        assertThat(reader.read(harder.bytes()).transactions()).isEqualTo(small);
        assertThat(harder.header().body().size()).isLessThan(plain.header().body().size() * 9 / 10);

        List<Transaction> large = transactions(8_000);
        BatchFile streamed = single(nodes.write(envelope(), large));
        assertThat(reader.read(streamed.bytes()).transactions()).isEqualTo(large);
        long level3 = single(flat.write(envelope(), large)).header().body().size();
        assertThat(streamed.header().body().size()).isCloseTo(level3, withinPercentage(1));
    }

    @Test
    void splitsIntoPartsAndJoinsThemInAnyOrder() {
        List<Transaction> txs = transactions(3000);
        List<BatchFile> files = new BatchWriter(signer, 3, 8192).write(envelope(), txs);
        assertThat(files).hasSizeGreaterThan(2).allSatisfy(f -> assertThat(f.bytes().length).isLessThanOrEqualTo(8192));
        BatchReader reader = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, null);
        List<BatchPart> parts = new ArrayList<>();
        files.forEach(f -> parts.add(reader.readPart(f.bytes())));
        Collections.shuffle(parts, random);
        List<Transaction> decoded = new ArrayList<>();
        reader.decode(parts, decoded::add);
        assertThat(decoded).isEqualTo(txs);
        parts.remove(0);
        assertThatThrownBy(() -> reader.decode(parts, t -> { }))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.PART_MISMATCH));
    }

    @Test
    void refusesABatchSignedWithARevokedKeyWithTheReason() {
        byte[] file = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), transactions(2))).bytes();
        KeyRing revoked = new KeyRing().revoke(MSK, signer.publicKey(), "laptop reported stolen on 2026-11-20");
        assertThatThrownBy(() -> new BatchReader(revoked, ReaderLimits.DEFAULT, HQ, null).read(file))
                .isInstanceOfSatisfying(BatchRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.REVOKED_KEY);
                    assertThat(e.getMessage()).contains("laptop reported stolen");
                });
        byte[] forged = file.clone();
        forged[forged.length / 2] ^= 0x01;
        assertThatThrownBy(() -> new BatchReader(revoked, ReaderLimits.DEFAULT, HQ, null).read(forged))
                .as("an altered file is refused for what is wrong with it, not blamed on the revoked key")
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isNotEqualTo(RejectReason.REVOKED_KEY));
        assertThatThrownBy(() -> new KeyRing().revoke(MSK, signer.publicKey(), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handsTransactionsToTheSinkAsReadAndLetsItsExceptionsThrough() {
        List<Transaction> txs = transactions(10);
        BatchReader reader = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, null);
        BatchPart part = reader.readPart(single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), txs)).bytes());
        List<Transaction> seen = new ArrayList<>();
        IllegalStateException stop = new IllegalStateException("the sink's own failure");
        assertThatThrownBy(() -> reader.decode(List.of(part), tx -> {
            seen.add(tx);
            if (seen.size() == 4) {
                throw stop;
            }
        })).isSameAs(stop);
        assertThat(seen).isEqualTo(txs.subList(0, 4));
    }

    @Test
    void rejectsEveryFlippedByteWithATypedReason() {
        byte[] good = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), transactions(2))).bytes();
        BatchReader reader = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, null);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x20;
            assertThatThrownBy(() -> reader.read(bad)).as("flipped byte %d", i)
                    .isInstanceOf(BatchRejectedException.class);
        }
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] good = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), transactions(2))).bytes();
        BatchReader reader = new BatchReader(keys, ReaderLimits.DEFAULT, HQ, null);
        for (int length = 0; length < good.length; length++) {
            byte[] bad = java.util.Arrays.copyOf(good, length);
            assertThatThrownBy(() -> reader.read(bad)).as("cut at %d", length)
                    .isInstanceOf(BatchRejectedException.class);
        }
    }

    @Test
    void rejectsUnknownKeyAndWrongRecipient() {
        byte[] file = single(new BatchWriter(signer, 3, 1 << 20).write(envelope(), transactions(1))).bytes();
        assertThatThrownBy(() -> new BatchReader(new KeyRing(), ReaderLimits.DEFAULT, HQ, null).read(file))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_KEY));
        assertThatThrownBy(() -> new BatchReader(keys, ReaderLimits.DEFAULT, NodeCode.parse("SPB"), null).read(file))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.WRONG_RECIPIENT));
    }

    private static BatchFile single(List<BatchFile> files) {
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private BatchEnvelope envelope() {
        return new BatchEnvelope(Uuid7.next(1_763_900_000_000L, random), MSK, HQ, 1, null, 0, null, 1,
                Instant.parse("2026-11-23T10:00:00Z"));
    }

    private List<Transaction> transactions(int count) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Value> customer = new LinkedHashMap<>();
            customer.put("name", Value.of("Customer " + i));
            customer.put("credit_limit", Value.of(new BigDecimal("15000.50")));
            customer.put("payment_days", Value.of(30L + i));
            customer.put("active", Value.of(i % 2 == 0));
            customer.put("since", Value.of(LocalDate.of(2026, 1, 1 + i % 28)));
            customer.put("checked_at", Value.of(Instant.parse("2026-11-23T10:15:30.123456789Z")));
            customer.put("note", Value.NULL);
            String id = Uuid7.next(1_763_900_000_000L + i, random);
            txs.add(new Transaction(Uuid7.next(1_763_900_000_000L + i, random), MSK, new Hlc(1_763_900_000_000L + i, i % 3),
                    List.of(RowChange.insert("customer", id, customer),
                            RowChange.update("price", Uuid7.next(1_763_900_000_000L, random),
                                    Map.of("amount", Value.of(new BigDecimal("99.90"))),
                                    Map.of("amount", Value.of(new BigDecimal("95.00")))))));
        }
        return txs;
    }
}
