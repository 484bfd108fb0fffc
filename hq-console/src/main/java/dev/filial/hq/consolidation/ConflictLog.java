package dev.filial.hq.consolidation;

import dev.filial.node.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The conflict log ({@code hub_conflict}): every decision HQ took, with both versions, and its review state. */
public final class ConflictLog {

    private static final String COLUMNS = "id, detected_at, kind, status, table_name, row_id, column_name, policy, "
            + "incoming_origin, incoming_hlc, incoming_value, current_origin, current_hlc, current_value, decision, "
            + "decided_by, tx_id, note";

    private final Database database;

    public ConflictLog(Database database) {
        this.database = database;
    }

    /** Adds {@code conflicts} inside the caller's transaction. */
    public void add(Connection connection, List<Conflict> conflicts) throws SQLException {
        if (conflicts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_conflict (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Conflict conflict : conflicts) {
                String[] values = {conflict.id(), conflict.detectedAt(), conflict.kind(), conflict.status(),
                        conflict.table(), conflict.rowId(), conflict.column(), conflict.policy(), conflict.incomingOrigin(),
                        conflict.incomingHlc(), conflict.incomingValue(), conflict.currentOrigin(), conflict.currentHlc(),
                        conflict.currentValue(), conflict.decision(), conflict.decidedBy(), conflict.txId(), conflict.note()};
                for (int i = 0; i < values.length; i++) {
                    insert.setString(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Entries newest first: all of them, or only those with {@code status}; at most {@code limit}.
     */
    public List<Conflict> list(String status, int limit) {
        return database.read(connection -> {
            String where = status == null ? "" : " WHERE status = ?";
            List<Conflict> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(database.dialect().page(
                    "SELECT " + COLUMNS + " FROM hub_conflict" + where + " ORDER BY detected_at DESC, id DESC", limit, 0))) {
                if (status != null) {
                    select.setString(1, status);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(conflict(rows));
                    }
                }
            }
            return found;
        });
    }

    /** The entry {@code id}, if there is one. */
    public Optional<Conflict> find(String id) {
        return database.read(connection -> find(connection, id));
    }

    /** The entry {@code id}, read inside the caller's transaction. */
    public Optional<Conflict> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM hub_conflict WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(conflict(rows)) : Optional.empty();
            }
        }
    }

    /** Records an operator's decision on entry {@code id}, inside the caller's transaction: it is no longer open. */
    public void decide(Connection connection, String id, String decision, String decidedBy, String note)
            throws SQLException {
        update(connection, id, Conflict.DECIDED, decision, decidedBy, note);
    }

    /** Records the state of a business entry (status, decision, who, note) inside the caller's transaction. */
    public void record(Connection connection, Conflict entry) throws SQLException {
        update(connection, entry.id(), entry.status(), entry.decision(), entry.decidedBy(), entry.note());
    }

    private static void update(Connection connection, String id, String status, String decision, String decidedBy,
                               String note) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE hub_conflict SET status = ?, decision = ?, decided_by = ?, note = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, decision);
            update.setString(3, decidedBy);
            update.setString(4, note);
            update.setString(5, id);
            update.executeUpdate();
        }
    }

    private static Conflict conflict(ResultSet rows) throws SQLException {
        String[] v = new String[18];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.getString(i + 1);
        }
        return new Conflict(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17]);
    }
}
