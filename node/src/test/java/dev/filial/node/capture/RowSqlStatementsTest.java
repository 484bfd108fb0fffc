package dev.filial.node.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Updates of ever new sets of columns keep at most {@link RowSql#MAX_STATEMENTS} statements open, and stay right. */
class RowSqlStatementsTest {

    private static final List<String> COLUMNS = List.of("tax_id", "category", "segment", "manager", "note", "kind",
            "name", "owning_branch", "agent");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void preparedStatementsAreBoundedAndEvictedOnesAreNotNeeded(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            String id = node.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind",
                    Value.of("person"), "name", Value.of("Ivan"), "owning_branch", Value.of("MSK"), "active",
                            Value.of(true))));
            RowSql sql = new RowSql(node.database().dialect());
            int subsets = 1 << COLUMNS.size();
            node.database().write(connection -> {
                for (int round = 0; round < 2; round++) {
                    for (int subset = 1; subset < subsets; subset++) {
                        Map<String, Value> values = new LinkedHashMap<>();
                        for (int bit = 0; bit < COLUMNS.size(); bit++) {
                            if ((subset & 1 << bit) != 0) {
                                values.put(COLUMNS.get(bit), Value.of(COLUMNS.get(bit).substring(0, 3) + round
                                        + subset));
                            }
                        }
                        sql.update(connection, Schema.COUNTERPARTY, id, values);
                        assertThat(sql.openStatements()).isLessThanOrEqualTo(RowSql.MAX_STATEMENTS);
                    }
                }
                return null;
            });
            Map<String, Value> row = node.writer().find(Schema.COUNTERPARTY, id).orElseThrow();
            int last = subsets - 1;
            assertThat(row.get("name")).isEqualTo(Value.of("nam1" + last));
            assertThat(row.get("agent")).isEqualTo(Value.of("age1" + last));
            assertThat(sql.openStatements()).isEqualTo(RowSql.MAX_STATEMENTS);
            sql.closeAll();
        }
    }
}
