package dev.filial.hq.routing;

import dev.filial.node.capture.TransactionBody;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The hub's ordered log of consolidated transactions ({@code hub_log}): every transaction HQ accepted
 * from a node, wrote itself, or decided, in the order it took effect at HQ, each change with the
 * {@link Audience} it goes to. Each node's outbound batches are read from it ({@link HubLogSource}).
 */
public final class HubLog {

    /** A transaction and, change by change, who receives it. */
    public record Routed(Transaction transaction, List<Audience> audiences) {

        public Routed {
            if (audiences.size() != transaction.changes().size()) {
                throw new IllegalArgumentException("one audience per change");
            }
            audiences = List.copyOf(audiences);
        }
    }

    /**
     * Appends {@code entries} in order, inside the caller's transaction; the values of the rows they
     * delete are kept in {@link DeletedRows}.
     */
    public void append(Connection connection, List<Routed> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO hub_log (tx_id, origin, hlc, routes, body) VALUES (?, ?, ?, ?, ?)")) {
            for (Routed entry : entries) {
                Transaction transaction = entry.transaction();
                insert.setString(1, transaction.id());
                insert.setString(2, transaction.origin().toString());
                insert.setString(3, transaction.hlc().toString());
                insert.setString(4, routes(entry.audiences()));
                insert.setBytes(5, TransactionBody.encode(transaction));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        DeletedRows.record(connection, entries);
    }

    /** The position of the newest entry (0 when empty). */
    public long last(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(seq) FROM hub_log");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String routes(List<Audience> audiences) {
        StringJoiner joined = new StringJoiner("|");
        audiences.forEach(audience -> joined.add(audience.encode()));
        return joined.toString();
    }
}
