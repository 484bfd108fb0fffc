package dev.filial.node.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeWriterTest {

    @TempDir
    Path directory;

    private Node open(Engine engine) throws Exception {
        return TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")));
    }

    private static List<RowChange> captured(Node node) {
        return node.database().read(c -> node.changeLog().after(c, 0, Integer.MAX_VALUE)).stream()
                .flatMap(entry -> entry.transaction().changes().stream()).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void capturesInsertUpdateAndDeleteWithOldValuesInOneTransactionEach(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            String id = node.writer().write(changes -> changes.insert(Schema.CURRENCY,
                    Map.of("code", Value.of("EUR"), "name", Value.of("Euro"), "minor_units", Value.of(2))));
            node.writer().write(changes -> changes.update(Schema.CURRENCY, id,
                    Map.of("name", Value.of("euro"), "minor_units", Value.of(2))));
            node.writer().write(changes -> {
                changes.delete(Schema.CURRENCY, id);
                return null;
            });

            List<RowChange> log = captured(node);
            assertThat(log).extracting(RowChange::operation).containsExactly(Operation.INSERT, Operation.UPDATE, Operation.DELETE);
            assertThat(log.get(1).newValues()).containsExactlyEntriesOf(Map.of("name", Value.of("euro")));
            assertThat(log.get(1).oldValues()).containsExactlyEntriesOf(Map.of("name", Value.of("Euro")));
            assertThat(log.get(2).oldValues()).containsEntry("code", Value.of("EUR"));
            var entries = node.database().read(c -> node.changeLog().after(c, 0, 100));
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0).transaction().origin()).isEqualTo(NodeCode.parse("MSK"));
            assertThat(entries.get(1).transaction().hlc().isAfter(entries.get(0).transaction().hlc())).isTrue();
            int tombstones = node.database().read(c -> {
                try (var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM tombstone")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(tombstones).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void workThatFailsStoresNeitherRowsNorChanges(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            assertThatThrownBy(() -> node.writer().write(changes -> {
                changes.insert(Schema.CURRENCY, Map.of("code", Value.of("USD"), "name", Value.of("Dollar"),
                        "minor_units", Value.of(2)));
                throw new IllegalStateException("business rule broken");
            })).hasMessage("business rule broken");
            assertThat(captured(node)).isEmpty();
            int rows = node.database().read(c -> {
                try (var result = c.createStatement().executeQuery("SELECT COUNT(*) FROM currency")) {
                    result.next();
                    return result.getInt(1);
                }
            });
            assertThat(rows).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyValueKindReadsBackExactly(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            Map<String, Value> values = Map.of("kind", Value.of("organisation"), "name", Value.of("Ромашка ООО"),
                    "owning_branch", Value.of("MSK"), "credit_limit", Value.of(new BigDecimal("1234567.5")),
                    "payment_days", Value.of(30), "active", Value.of(true), "note", Value.NULL);
            String id = node.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, values));
            Instant due = Instant.parse("2026-11-23T10:15:30.123456789Z");
            String activity = node.writer().write(changes -> changes.insert(Schema.ACTIVITY, Map.of("kind", Value.of("call"),
                    "subject", Value.of("call back"), "status", Value.of("planned"), "owning_branch", Value.of("MSK"),
                    "due_at", Value.of(due))));
            String person = node.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                    "counterparty_id", Value.of(id), "name", Value.of("Anna"), "birthday", Value.of(LocalDate.of(1990, 2, 28)))));

            var row = node.writer().write(changes -> changes.find(Schema.COUNTERPARTY, id)).orElseThrow();
            assertThat(row.get("credit_limit")).isEqualTo(Value.of(new BigDecimal("1234567.50")));
            assertThat(row.get("payment_days")).isEqualTo(Value.of(30));
            assertThat(row.get("active")).isEqualTo(Value.of(true));
            assertThat(row.get("note")).isEqualTo(Value.NULL);
            assertThat(row.get("name")).isEqualTo(Value.of("Ромашка ООО"));
            assertThat(node.writer().write(changes -> changes.find(Schema.ACTIVITY, activity)).orElseThrow().get("due_at"))
                    .isEqualTo(Value.of(Instant.parse("2026-11-23T10:15:30.123456Z")));
            assertThat(node.writer().write(changes -> changes.find(Schema.CONTACT_PERSON, person)).orElseThrow().get("birthday"))
                    .isEqualTo(Value.of(LocalDate.of(1990, 2, 28)));
            assertThat(captured(node).get(0).newValues().get("credit_limit"))
                    .isEqualTo(Value.of(new BigDecimal("1234567.50")));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesValuesThatDoNotFitTheColumnsAndStoresNothing(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            assertThatThrownBy(() -> node.writer().write(changes -> changes.insert(Schema.PRICE, Map.of(
                    "product_id", Value.of("p"), "price_type_id", Value.of("t"), "currency", Value.of("EURO"),
                    "amount", Value.of(new BigDecimal("1.23456")), "valid_from", Value.of("2026-01-01")))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(error -> error.field() + ":" + error.code())
                            .containsExactlyInAnyOrder("currency:too-long", "amount:scale", "valid_from:type"));
            assertThatThrownBy(() -> node.writer().write(changes -> changes.update(Schema.PRICE, "missing",
                    Map.of("currency", Value.of("EUR")))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors().get(0).code()).isEqualTo("not-found"));
            assertThat(captured(node)).isEmpty();
        }
    }
}
