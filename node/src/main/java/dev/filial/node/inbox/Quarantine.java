package dev.filial.node.inbox;

import dev.filial.node.store.Database;
import dev.filial.protocol.change.Uuid7;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Files that failed verification or could not be applied: kept with their reason, never applied. */
public final class Quarantine {

    /** A quarantined file, without its bytes. */
    public record Entry(String id, String receivedAt, String source, String reasonCode, String hint, int size) {
    }

    private final Database database;

    public Quarantine(Database database) {
        this.database = database;
    }

    void add(String source, String reasonCode, String hint, byte[] bytes) {
        database.write(connection -> {
            add(connection, source, reasonCode, hint, bytes);
            return null;
        });
    }

    /** Quarantines a file inside the caller's transaction. */
    void add(Connection connection, String source, String reasonCode, String hint, byte[] bytes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine "
                + "(id, received_at, source, reason_code, hint, bytes) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, Uuid7.next());
            insert.setString(2, Instant.now().toString());
            insert.setString(3, truncate(source, 1000));
            insert.setString(4, truncate(reasonCode, 64));
            insert.setString(5, truncate(hint, 4000));
            insert.setBytes(6, bytes);
            insert.executeUpdate();
        }
    }

    /** Everything quarantined, oldest first. */
    public List<Entry> list() {
        return database.read(connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, received_at, source, reason_code, hint, "
                    + "LENGTH(bytes) FROM quarantine ORDER BY received_at, id");
                 var rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getInt(6)));
                }
            }
            return entries;
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
