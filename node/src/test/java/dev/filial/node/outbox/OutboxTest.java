package dev.filial.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final int TRANSACTION_CHANGES = 8_000;

    @TempDir
    Path directory;

    @Test
    void packsABacklogOneBatchAtATimeAndKeepsEachForResending() throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(MSK))) {
            for (int transaction = 0; transaction < 5; transaction++) {
                int first = transaction * TRANSACTION_CHANGES;
                node.writer().write(changes -> {
                    for (int i = first; i < first + TRANSACTION_CHANGES; i++) {
                        changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("SKU-" + i),
                                "name", Value.of("Product " + i), "unit", Value.of("pcs"),
                                "vat_rate", Value.of(new BigDecimal("20.00")), "kind", Value.of("goods"),
                                "active", Value.of(true)));
                    }
                    return null;
                });
            }
            NodeCode hub = node.config().hub();

            Optional<OutboundBatch> first = node.outbox().packNext(hub);
            assertThat(node.outbox().channel(hub).pending()).hasSize(1);
            Optional<OutboundBatch> second = node.outbox().packNext(hub);
            Optional<OutboundBatch> none = node.outbox().packNext(hub);

            assertThat(first).hasValueSatisfying(batch -> {
                assertThat(batch.sequence()).isEqualTo(1);
                assertThat(batch.changes()).isEqualTo(3 * TRANSACTION_CHANGES);
            });
            assertThat(second).hasValueSatisfying(batch -> {
                assertThat(batch.sequence()).isEqualTo(2);
                assertThat(batch.changes()).isEqualTo(2 * TRANSACTION_CHANGES);
            });
            assertThat(none).isEmpty();
            assertThat(node.outbox().markDueForResend(hub, 0)).containsExactly(1L, 2L);
            assertThat(node.outbox().stored(hub, 1).orElseThrow().files())
                    .containsExactlyElementsOf(first.orElseThrow().files());
            assertThat(node.outbox().stored(hub, 3)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anEmptiedLogNumbersNewEntriesAboveWhatWasPackedAndDropped(Engine engine) throws Exception {
        NodeHome home;
        NodeCode hub;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(MSK))) {
            home = node.home();
            hub = node.config().hub();
            insertProduct(node, 1);
            insertProduct(node, 2);
            OutboundBatch first = node.outbox().packNext(hub).orElseThrow();
            acknowledge(node, hub, first);
            assertThat(node.database().read(connection -> node.changeLog().countAndLast(connection))[0]).isZero();

            insertProduct(node, 3);
            assertThat(node.outbox().packNext(hub)).as("a change captured after the log was emptied")
                    .hasValueSatisfying(batch -> assertThat(batch.changes()).isEqualTo(1));
        }
        try (Node node = Node.open(home)) {
            OutboundBatch second = node.outbox().stored(hub, 2).orElseThrow();
            acknowledge(node, hub, second);
            insertProduct(node, 4);
            assertThat(node.outbox().packNext(hub)).as("after a reopen too")
                    .hasValueSatisfying(batch -> assertThat(batch.changes()).isEqualTo(1));
        }
    }

    private static void insertProduct(Node node, int i) {
        node.writer().write(changes -> changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("SKU-" + i),
                "name", Value.of("Product " + i), "unit", Value.of("pcs"), "vat_rate",
                Value.of(new BigDecimal("20.00")), "kind", Value.of("goods"), "active", Value.of(true))));
    }

    private static void acknowledge(Node node, NodeCode hub, OutboundBatch batch) {
        node.database().write(connection -> node.outbox().onAck(connection, hub, batch.sequence(), batch.hash()));
    }
}
