package dev.filial.node.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InboxTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    static RowChange currency(String id, String code, String name) {
        return RowChange.insert("currency", id, Map.of("code", Value.of(code), "name", Value.of(name),
                "minor_units", Value.of(2)));
    }

    private static Optional<Map<String, Value>> row(Node node, String id) {
        return node.writer().write(changes -> changes.find(Schema.CURRENCY, id));
    }

    private static long captured(Node node) {
        return node.database().read(c -> node.changeLog().countAndLast(c)[0]);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void appliesTheHubsBatchOnceAndDoesNotCaptureIt(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String eur = Uuid7.next();
            List<BatchFile> batch = hub.send(hub.transaction(currency(eur, "EUR", "Euro")));

            Receipt first = node.inbox().receive("b1", batch.get(0).bytes());
            Receipt again = node.inbox().receive("b1-again", batch.get(0).bytes());

            assertThat(first.code()).isEqualTo("applied");
            assertThat(first.changes()).isEqualTo(1);
            assertThat(again.code()).isEqualTo("duplicate");
            assertThat(row(node, eur)).hasValueSatisfying(r -> assertThat(r.get("name")).isEqualTo(Value.of("Euro")));
            assertThat(captured(node)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void holdsABatchAfterAGapAndAppliesBothInOrderWhenTheGapIsFilled(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String id = Uuid7.next();
            List<BatchFile> one = hub.send(hub.transaction(currency(id, "EUR", "Euro")));
            List<BatchFile> two = hub.send(hub.transaction(RowChange.update("currency", id,
                    Map.of("name", Value.of("Euro (EUR)")), Map.of("name", Value.of("Euro")))));

            Receipt held = node.inbox().receive("two", two.get(0).bytes());
            assertThat(held.code()).isEqualTo("gap");
            assertThat(row(node, id)).isEmpty();

            Receipt filled = node.inbox().receive("one", one.get(0).bytes());
            assertThat(filled.code()).isEqualTo("applied");
            assertThat(filled.applied()).isEqualTo(2);
            assertThat(row(node, id).orElseThrow().get("name")).isEqualTo(Value.of("Euro (EUR)"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reassemblesPartsArrivingInAnyOrder(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK, 9000);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            List<RowChange> rows = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                rows.add(currency(Uuid7.next(), "C" + (char) ('A' + i % 26) , "currency number " + i + " " + Uuid7.next()));
            }
            List<BatchFile> parts = new ArrayList<>(hub.send(hub.transaction(rows.toArray(RowChange[]::new))));
            assertThat(parts).hasSizeGreaterThan(2);
            Collections.reverse(parts);
            List<String> codes = new ArrayList<>();
            for (BatchFile part : parts) {
                codes.add(node.inbox().receive("part", part.bytes()).code());
            }
            assertThat(codes.subList(0, codes.size() - 1)).containsOnly("waiting-parts");
            assertThat(codes.get(codes.size() - 1)).isEqualTo("applied");
            assertThat(row(node, rows.get(399).rowId())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void partsOfAnotherBatchUnderTheSameSequenceGiveWayToTheNewOne(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK, 9000);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            List<BatchFile> lost = hub.send(hub.transaction(manyCurrencies("lost").toArray(RowChange[]::new)));
            assertThat(node.inbox().receive("part", lost.get(0).bytes()).code()).isEqualTo("waiting-parts");
            hub.forgetSent();
            List<RowChange> rows = manyCurrencies("kept");
            List<BatchFile> again = hub.send(hub.transaction(rows.toArray(RowChange[]::new)));
            assertThat(again.get(0).bytes()).isNotEqualTo(lost.get(0).bytes());

            assertThat(TestHub.deliver(node, again)).isEqualTo("applied");
            assertThat(row(node, rows.get(rows.size() - 1).rowId())).isPresent();
            long held = node.database().read(connection -> {
                try (var select = connection.prepareStatement("SELECT COUNT(*) FROM inbound_held");
                     var found = select.executeQuery()) {
                    found.next();
                    return found.getLong(1);
                }
            });
            assertThat(held).isZero();
        }
    }

    private static List<RowChange> manyCurrencies(String note) {
        List<RowChange> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(currency(Uuid7.next(), "C" + (char) ('A' + i % 26), note + " currency " + i + " " + Uuid7.next()));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void quarantinesTamperedAndForeignFilesAndChangesNothing(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        TestHub stranger = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String id = Uuid7.next();
            byte[] good = hub.send(hub.transaction(currency(id, "EUR", "Euro"))).get(0).bytes();
            byte[] tampered = good.clone();
            tampered[tampered.length / 2] ^= 0x01;
            byte[] foreign = stranger.send(stranger.transaction(currency(id, "XXX", "Forged"))).get(0).bytes();

            assertThat(node.inbox().receive("tampered", tampered).refused()).isTrue();
            assertThat(node.inbox().receive("foreign", foreign).code()).isEqualTo("unknown-key");
            assertThat(node.inbox().receive("garbage", new byte[] {1, 2, 3}).refused()).isTrue();
            assertThat(row(node, id)).isEmpty();
            assertThat(node.quarantine().list()).hasSize(3)
                    .allSatisfy(entry -> assertThat(entry.hint()).isNotBlank());

            assertThat(node.inbox().receive("good", good).code()).isEqualTo("applied");
            assertThat(row(node, id).orElseThrow().get("name")).isEqualTo(Value.of("Euro"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keepsLocalChangesTheHubHasNotAcknowledgedAndTakesLaterOnesAfterTheAck(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String id = Uuid7.next();
            TestHub.deliver(node, hub.send(hub.transaction(currency(id, "EUR", "Euro"))));
            node.writer().write(changes -> changes.update(Schema.CURRENCY, id, Map.of("name", Value.of("Euro (local)"))));

            Receipt receipt = node.inbox().receive("hub-edit", hub.send(hub.transaction(RowChange.update("currency", id,
                    Map.of("name", Value.of("Euro (hub)"), "minor_units", Value.of(3)),
                    Map.of("name", Value.of("Euro"), "minor_units", Value.of(2))))).get(0).bytes());

            assertThat(receipt.kept()).containsExactly("currency/" + id + "/name");
            assertThat(row(node, id).orElseThrow()).containsEntry("name", Value.of("Euro (local)"))
                    .containsEntry("minor_units", Value.of(3));

            List<OutboundBatch> sent = node.outbox().pack(node.config().hub());
            assertThat(sent).hasSize(1);
            BatchReader hq = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, hub.exchange());
            assertThat(hq.read(sent.get(0).files().get(0)).transactions()).hasSize(1);
            hub.committed(sent.get(0).sequence(), sent.get(0).hash());

            TestHub.deliver(node, hub.send(hub.transaction(RowChange.update("currency", id,
                    Map.of("name", Value.of("Euro (decided)")), Map.of("name", Value.of("Euro (local)"))))));
            assertThat(row(node, id).orElseThrow()).containsEntry("name", Value.of("Euro (decided)"));
            assertThat(captured(node)).isZero();
            assertThat(node.outbox().channel(node.config().hub()).backlog()).isZero();
        }
    }
}
