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

/**
 * Updates of ever new sets of columns keep at most the bound of statements open and stay right; one set of
 * columns is one statement whatever order the caller names them in.
 */
class RowSqlStatementsTest {

    private static final List<String> COLUMNS = List.of("tax_id", "category", "segment", "manager", "note", "kind",
            "name", "owning_branch", "agent");

    private static final int BOUND = 100;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void preparedStatementsAreBoundedAndEvictedOnesAreNotNeeded(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            String id = insertIvan(node);
            RowSql sql = new RowSql(node.database().dialect(), BOUND);
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
                        assertThat(sql.openStatements()).isLessThanOrEqualTo(BOUND);
                    }
                }
                return null;
            });
            Map<String, Value> row = node.writer().find(Schema.COUNTERPARTY, id).orElseThrow();
            int last = subsets - 1;
            assertThat(row.get("name")).isEqualTo(Value.of("nam1" + last));
            assertThat(row.get("agent")).isEqualTo(Value.of("age1" + last));
            assertThat(sql.openStatements()).isEqualTo(BOUND);
            sql.closeAll();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneSetOfColumnsIsOneStatementInAnyOrder(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            String id = insertIvan(node);
            RowSql sql = new RowSql(node.database().dialect());
            List<List<String>> orders = List.of(List.of("note", "name", "payment_days"),
                    List.of("payment_days", "note", "name"), List.of("name", "payment_days", "note"));
            node.database().write(connection -> {
                for (int i = 0; i < orders.size(); i++) {
                    Map<String, Value> values = new LinkedHashMap<>();
                    for (String column : orders.get(i)) {
                        values.put(column, column.equals("payment_days") ? Value.of(30 + i) : Value.of(column + i));
                    }
                    sql.update(connection, Schema.COUNTERPARTY, id, values);
                }
                return null;
            });
            assertThat(sql.openStatements()).isEqualTo(1);
            sql.closeAll();
            Map<String, Value> row = node.writer().find(Schema.COUNTERPARTY, id).orElseThrow();
            assertThat(row.get("name")).isEqualTo(Value.of("name2"));
            assertThat(row.get("note")).isEqualTo(Value.of("note2"));
            assertThat(row.get("payment_days")).isEqualTo(Value.of(32));
        }
    }

    private static String insertIvan(Node node) {
        return node.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("person"),
                "name", Value.of("Ivan"), "owning_branch", Value.of("MSK"), "active", Value.of(true))));
    }
}
