package dev.filial.node.document;

import dev.filial.protocol.change.NodeCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * Human-facing document numbers, {@code <node>-<series>-<six digits>} (e.g. {@code MSK-OR-000123}): the node's
 * code keeps two offline nodes from ever handing out the same number. The last number per series is kept in
 * the node-local {@code number_sequence} table, in the transaction that writes the document; a series never
 * restarts below the highest number of its own already in the table (a node restored from a backup gets its
 * later documents back from HQ and carries on after them).
 */
public final class DocumentNumbers {

    /** Tables whose {@code number} column holds document numbers. */
    private static final Set<String> NUMBERED = Set.of("stock_document", "sales_document", "payment");

    private final NodeCode node;

    public DocumentNumbers(NodeCode node) {
        this.node = node;
    }

    /** The next number of {@code series} (two capital letters) for a row of {@code table}. */
    public String next(Connection connection, String table, String series) throws SQLException {
        if (!NUMBERED.contains(table)) {
            throw new IllegalArgumentException(table + " has no document numbers");
        }
        String prefix = node + "-" + series + "-";
        long last = Math.max(stored(connection, prefix), highest(connection, table, prefix));
        long next = last + 1;
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE number_sequence SET last_number = ? WHERE series = ?")) {
            update.setLong(1, next);
            update.setString(2, prefix);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO number_sequence (series, last_number) VALUES (?, ?)")) {
                    insert.setString(1, prefix);
                    insert.setLong(2, next);
                    insert.executeUpdate();
                }
            }
        }
        return prefix + String.format("%06d", next);
    }

    private static long stored(Connection connection, String prefix) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_number FROM number_sequence WHERE series = ?")) {
            select.setString(1, prefix);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The highest number of the series in the table ({@code -} sorts just before {@code .}). */
    private static long highest(Connection connection, String table, String prefix) throws SQLException {
        String upper = prefix.substring(0, prefix.length() - 1) + ".";
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MAX(number) FROM " + table + " WHERE number >= ? AND number < ?")) {
            select.setString(1, prefix);
            select.setString(2, upper);
            try (ResultSet row = select.executeQuery()) {
                String number = row.next() ? row.getString(1) : null;
                if (number == null) {
                    return 0;
                }
                try {
                    return Long.parseLong(number.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
    }
}
