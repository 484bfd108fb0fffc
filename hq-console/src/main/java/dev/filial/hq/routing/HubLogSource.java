package dev.filial.hq.routing;

import dev.filial.node.capture.TransactionBody;
import dev.filial.node.outbox.OutboundSource;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the hub sends a node: the hub log's entries in order, each cut down to the changes routed to
 * that node. A node's own accepted transactions go back to it too: an older entry of HQ's for the same
 * column may still be on its way to it, and the node must end on the value HQ ended on (what HQ decided
 * against it reaches it as HQ's decision entries). Entries with nothing for the node are passed over
 * without decoding their bodies, at most {@link #SCAN_LIMIT} per call so a pack never stalls.
 */
public final class HubLogSource implements OutboundSource {

    /** Hub log entries examined per call at most. */
    static final int SCAN_LIMIT = 50_000;

    @Override
    public Window next(Connection connection, NodeCode peer, long after, int maxChanges) throws SQLException {
        List<Transaction> transactions = new ArrayList<>();
        String node = peer.toString();
        long through = after;
        int changes = 0;
        int scanned = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, routes, body FROM hub_log WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, after);
            select.setFetchSize(200);
            try (ResultSet rows = select.executeQuery()) {
                while (changes < maxChanges && scanned < SCAN_LIMIT && rows.next()) {
                    scanned++;
                    through = rows.getLong(1);
                    String[] routes = rows.getString(2).split("\\|", -1);
                    boolean any = false;
                    boolean every = true;
                    for (String route : routes) {
                        boolean included = Audience.includes(route, node);
                        any |= included;
                        every &= included;
                    }
                    if (!any) {
                        continue;
                    }
                    Transaction transaction = TransactionBody.decode(rows.getBytes(3));
                    if (!every) {
                        List<RowChange> mine = new ArrayList<>();
                        for (int i = 0; i < routes.length; i++) {
                            if (Audience.includes(routes[i], node)) {
                                mine.add(transaction.changes().get(i));
                            }
                        }
                        transaction = new Transaction(transaction.id(), transaction.origin(), transaction.hlc(), mine);
                    }
                    transactions.add(transaction);
                    changes += transaction.changes().size();
                }
            }
        }
        return new Window(transactions, through);
    }

    @Override
    public void release(Connection connection, NodeCode peer, long position) {
        // the hub log is kept whole: other nodes, and nodes enrolled later, are served from it
    }
}
