package dev.filial.node.capture;

import dev.filial.node.store.Dialect;
import dev.filial.node.store.Settings;
import dev.filial.protocol.clock.Hlc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The captured local transactions that HQ has not acknowledged yet, in capture order. The outbox
 * reads them into batches; an acknowledgement releases them.
 */
public final class ChangeLog {

    /**
     * Captured transactions after log sequence {@code afterSeq}, oldest first, whole transactions up
     * to about {@code maxChanges} changes (at least one transaction).
     */
    public List<CapturedTransaction> after(Connection connection, long afterSeq, int maxChanges) throws SQLException {
        List<CapturedTransaction> result = new ArrayList<>();
        int changes = 0;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT seq, body FROM change_log WHERE seq > ? ORDER BY seq")) {
            statement.setLong(1, afterSeq);
            statement.setFetchSize(500);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && (result.isEmpty() || changes < maxChanges)) {
                    CapturedTransaction captured = new CapturedTransaction(rows.getLong(1), TransactionBody.decode(rows.getBytes(2)));
                    changes += captured.transaction().changes().size();
                    result.add(captured);
                }
            }
        }
        return result;
    }

    /** Every local change not yet acknowledged, by row and column. */
    public LocalEdits pending(Connection connection) throws SQLException {
        LocalEdits edits = new LocalEdits();
        try (PreparedStatement statement = connection.prepareStatement("SELECT body FROM change_log ORDER BY seq");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                edits.add(TransactionBody.decode(rows.getBytes(1)));
            }
        }
        return edits;
    }

    /**
     * Drops the entries up to {@code seq}: HQ acknowledged the batches that carried them. {@code change_log.floor}
     * keeps the highest number dropped, so that new entries are numbered above it even when the log is empty
     * (SQLite's dialect reads it; migration V9).
     */
    public int release(Connection connection, long seq) throws SQLException {
        int dropped;
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM change_log WHERE seq <= ?")) {
            statement.setLong(1, seq);
            dropped = statement.executeUpdate();
        }
        long floor = Settings.get(connection, Dialect.CHANGE_LOG_FLOOR).map(Long::parseLong).orElse(0L);
        if (seq > floor) {
            Settings.put(connection, Dialect.CHANGE_LOG_FLOOR, Long.toString(seq));
        }
        return dropped;
    }

    /** Number of captured transactions not yet acknowledged, and the highest log sequence. */
    public long[] countAndLast(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*), MAX(seq) FROM change_log");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /** The HLC of the oldest transaction in the log: the oldest change the peer has not acknowledged. */
    public Optional<Hlc> oldestHlc(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT hlc FROM change_log WHERE seq = (SELECT MIN(seq) FROM change_log)");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(Hlc.parse(rows.getString(1))) : Optional.empty();
        }
    }

    /** The newest HLC in the log, to restore the clock from. */
    public Optional<Hlc> newestHlc(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(hlc) FROM change_log");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            String text = rows.getString(1);
            return text == null ? Optional.empty() : Optional.of(Hlc.parse(text));
        }
    }
}
