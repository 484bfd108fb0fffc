package dev.filial.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V9 takes SQLite's change log off AUTOINCREMENT without reusing a number: a log whose last entries
 * were dropped keeps the entries it has, and the next one is numbered above every number AUTOINCREMENT gave.
 */
class ChangeLogMigrationTest {

    @TempDir
    Path directory;

    @Test
    void aLogFromSchemaEightKeepsItsEntriesAndNeverReusesANumber() throws Exception {
        Path file = directory.resolve("node.db");
        Flyway.configure().dataSource(Engine.SQLITE.url(file), null, null).locations(Engine.SQLITE.migrations())
                .target("8").load().migrate();
        try (Connection connection = DriverManager.getConnection(Engine.SQLITE.url(file));
             Statement statement = connection.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                statement.executeUpdate("INSERT INTO change_log (tx_id, hlc, body) VALUES ('tx" + i + "', 'h" + i
                        + "', X'0" + i + "')");
            }
            statement.executeUpdate("DELETE FROM change_log WHERE seq = 3");
        }

        Database database = Database.open(Engine.SQLITE, file);
        try (database) {
            List<String> entries = database.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(database.dialect().changeLogInsert())) {
                    insert.setString(1, "tx4");
                    insert.setString(2, "h4");
                    insert.setBytes(3, new byte[] {4});
                    insert.executeUpdate();
                }
                List<String> rows = new ArrayList<>();
                try (Statement select = connection.createStatement();
                     ResultSet result = select.executeQuery("SELECT seq, tx_id FROM change_log ORDER BY seq")) {
                    while (result.next()) {
                        rows.add(result.getLong(1) + " " + result.getString(2));
                    }
                }
                return rows;
            });
            assertThat(entries).as("3 was handed out before the migration, so the next number is 4")
                    .containsExactly("1 tx1", "2 tx2", "4 tx4");
            String floor = database.read(connection -> Settings.get(connection, "change_log.floor").orElse(null));
            assertThat(floor).isEqualTo("3");
        }
    }
}
