package dev.filial.protocol.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.batch.RejectReason;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.KeyRing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartAssemblerTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode HQ = NodeCode.parse("HQ");
    private final Random random = new Random(11);
    private final Ed25519BatchSigner signer = Ed25519BatchSigner.generate();
    private final BatchReader reader = new BatchReader(new KeyRing().trust(MSK, signer.publicKey()),
            ReaderLimits.DEFAULT, HQ, null);

    @Test
    void completesPartsArrivingShuffledAndDuplicated() {
        List<BatchPart> parts = parts(Uuid7.next(), 4000);
        assertThat(parts.size()).isGreaterThan(2);
        List<BatchPart> arrivals = new ArrayList<>(parts);
        arrivals.addAll(parts.subList(0, 2));
        Collections.shuffle(arrivals, random);
        PartAssembler assembler = new PartAssembler();
        List<PartAssembler.Status> statuses = new ArrayList<>();
        arrivals.forEach(part -> statuses.add(assembler.offer(part)));
        PartAssembler.Complete complete = statuses.stream().filter(PartAssembler.Complete.class::isInstance)
                .map(PartAssembler.Complete.class::cast).findFirst().orElseThrow();
        List<Transaction> decoded = new ArrayList<>();
        reader.decode(complete.parts(), decoded::add);
        assertThat(decoded).hasSize(4000);
        assertThat(statuses).filteredOn(PartAssembler.Complete.class::isInstance).hasSize(1);
        assertThat(assembler.waiting()).isEmpty();
    }

    @Test
    void waitsWithClearStatusWhileAPartIsMissing() {
        List<BatchPart> parts = parts(Uuid7.next(), 4000);
        PartAssembler assembler = new PartAssembler();
        PartAssembler.Status last = null;
        for (int i = 0; i < parts.size(); i++) {
            if (i != 1) {
                last = assembler.offer(parts.get(i));
            }
        }
        assertThat(last).isInstanceOfSatisfying(PartAssembler.Waiting.class, waiting -> {
            assertThat(waiting.missing()).containsExactly(2);
            assertThat(waiting.toString()).contains("waiting for parts [2]");
        });
        assertThat(assembler.waiting()).hasSize(1);
        assertThat(assembler.offer(parts.get(1))).isInstanceOf(PartAssembler.Complete.class);
    }

    @Test
    void refusesAPartOfAnotherVersionOfTheSameBatch() {
        String id = Uuid7.next();
        List<BatchPart> first = parts(id, 4000);
        List<BatchPart> rewritten = parts(id, 4001);
        PartAssembler assembler = new PartAssembler();
        assembler.offer(first.get(0));
        assertThatThrownBy(() -> assembler.offer(rewritten.get(1)))
                .isInstanceOfSatisfying(BatchRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.PART_MISMATCH));
    }

    private List<BatchPart> parts(String batchId, int count) {
        List<Transaction> txs = new ArrayList<>();
        Random data = new Random(count);
        for (int i = 0; i < count; i++) {
            txs.add(new Transaction(Uuid7.next(1_763_900_000_000L + i, data), MSK, new Hlc(1_763_900_000_000L + i, 0),
                    List.of(RowChange.update("counterparty", Uuid7.next(1_763_900_000_000L, data),
                            Map.of("phone", Value.of("+7 495 " + data.nextInt(9_999_999))), Map.of("phone", Value.NULL)))));
        }
        List<BatchPart> parts = new ArrayList<>();
        new BatchWriter(signer, 3, 16 * 1024).write(new BatchEnvelope(batchId, MSK, HQ, 1, null, 0, null, 1,
                Instant.parse("2026-11-23T10:00:00Z")), txs).forEach(file -> parts.add(reader.readPart(file.bytes())));
        return parts;
    }
}
