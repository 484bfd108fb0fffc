package dev.filial.node.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit entry of an update names the fields that changed, not every field the request repeated. */
class AuditSummaryTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUpdateIsAuditedWithTheFieldsItChangedOnly(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            EntityService entities = node.entities();
            String id = (String) entities.create(Actor.SYSTEM, "counterparties", Map.of("kind", "organisation",
                    "name", "Firm", "tax_id", "7701234567", "payment_days", 10), false).get("id");

            entities.update(Actor.SYSTEM, "counterparties", id, Map.of("kind", "organisation", "name", "Firm",
                    "tax_id", "7701-234567", "payment_days", 30), false);
            entities.update(Actor.SYSTEM, "counterparties", id, Map.of("name", "Firm", "payment_days", 30), false);

            List<Object> updates = entities.list(Actor.SYSTEM, "audit-entries", new ListQuery(List.of(
                    new ListQuery.Filter("action", ListQuery.Operator.EQ, "update")), List.of(), 0, 10))
                    .items().stream().map(row -> row.get("summary")).toList();
            assertThat(updates).as("one entry, naming payment_days only; the repeat changed nothing")
                    .containsExactly("payment_days");
        }
    }
}
