package dev.filial.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database#snapshot}: on SQLite, a commit made while the snapshot is open is not seen by it, and is
 * seen by the next read. (On Derby the snapshot holds serializable locks, so such a commit waits for it.)
 */
class SnapshotReadTest {

    @TempDir
    Path directory;

    @Test
    void aCommitDuringTheSnapshotIsNotSeenByIt() throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(NodeCode.parse("MSK")))) {
            String id = node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                    "name", Value.of("Euro"), "minor_units", Value.of(2))));

            String[] seen = node.database().snapshot(connection -> {
                String first = name(connection, id);
                node.writer().write(changes -> changes.update(Schema.CURRENCY, id, Map.of("name",
                        Value.of("Euro (new)"))));
                return new String[] {first, name(connection, id)};
            });

            assertThat(seen).containsExactly("Euro", "Euro");
            String after = node.database().read(connection -> name(connection, id));
            assertThat(after).isEqualTo("Euro (new)");
        }
    }

    private static String name(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM currency WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
