package dev.filial.node.outbox;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where an {@link Outbox} takes the transactions it packs for a peer, by position in an ordered log,
 * and what it lets go of once the peer has acknowledged them. A branch node's source is its change
 * log (one peer, the hub); the hub's is its consolidated log, filtered by each node's routing.
 */
public interface OutboundSource {

    /**
     * Whole transactions for {@code peer} after position {@code after}, oldest first, up to about
     * {@code maxChanges} changes (at least one transaction when there is any).
     *
     * @return the transactions and the last position examined, which may be past the last one returned
     *     when positions in between are not for this peer
     */
    Window next(Connection connection, NodeCode peer, long after, int maxChanges) throws SQLException;

    /** The peer has acknowledged everything up to {@code position}. */
    void release(Connection connection, NodeCode peer, long position) throws SQLException;

    /** Transactions read from a source, and the last position examined. */
    record Window(List<Transaction> transactions, long through) {

        public Window {
            transactions = List.copyOf(transactions);
        }

        public int changes() {
            int changes = 0;
            for (Transaction transaction : transactions) {
                changes += transaction.changes().size();
            }
            return changes;
        }
    }
}
