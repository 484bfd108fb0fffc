package dev.filial.node.outbox;

import dev.filial.node.capture.CapturedTransaction;
import dev.filial.node.capture.ChangeLog;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A branch node's outbound source: its change log, all of which goes to its one peer, the hub. */
public final class ChangeLogSource implements OutboundSource {

    private final ChangeLog changeLog;

    public ChangeLogSource(ChangeLog changeLog) {
        this.changeLog = changeLog;
    }

    @Override
    public Window next(Connection connection, NodeCode peer, long after, int maxChanges) throws SQLException {
        List<CapturedTransaction> captured = changeLog.after(connection, after, maxChanges);
        List<Transaction> transactions = new ArrayList<>(captured.size());
        captured.forEach(entry -> transactions.add(entry.transaction()));
        return new Window(transactions, captured.isEmpty() ? after : captured.get(captured.size() - 1).seq());
    }

    @Override
    public void release(Connection connection, NodeCode peer, long position) throws SQLException {
        changeLog.release(connection, position);
    }
}
