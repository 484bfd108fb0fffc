package dev.filial.node.inbox;

import dev.filial.node.store.Dialect;
import dev.filial.node.store.IdLookup;
import dev.filial.node.store.StoreException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The decoded transactions of one batch gathered into runs of about {@code runChanges} changes, so
 * memory stays bounded, with exactly-once kept: a transaction already in {@code applied_tx} (looked up
 * once per run) or earlier in the same batch is dropped, and each one handed on is recorded there.
 */
public final class TransactionRuns {

    /** Writes one run of transactions not taken before. */
    @FunctionalInterface
    public interface RunWriter {
        void write(List<Transaction> fresh) throws SQLException;
    }

    private final Dialect dialect;
    private final Connection connection;
    private final NodeCode peer;
    private final long sequence;
    private final int runChanges;
    private final RunWriter writer;
    private final List<Transaction> run = new ArrayList<>();
    private final Set<String> inBatch = new HashSet<>();
    private int changes;

    public TransactionRuns(Dialect dialect, Connection connection, NodeCode peer, long sequence, int runChanges,
                           RunWriter writer) {
        this.dialect = dialect;
        this.connection = connection;
        this.peer = peer;
        this.sequence = sequence;
        this.runChanges = runChanges;
        this.writer = writer;
    }

    /** Takes the next decoded transaction; writes the run once it is large enough. */
    public void add(Transaction transaction) {
        if (!inBatch.add(transaction.id())) {
            return;
        }
        run.add(transaction);
        changes += transaction.changes().size();
        if (changes >= runChanges) {
            try {
                flush();
            } catch (SQLException e) {
                throw new StoreException("taking batch " + sequence + " from " + peer + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Writes what is left; call once the whole body has been decoded. */
    public void flush() throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(run.size());
        run.forEach(transaction -> ids.add(transaction.id()));
        Set<String> seen = IdLookup.found(dialect, connection, "applied_tx", "tx_id", ids);
        List<Transaction> fresh = new ArrayList<>(run.size());
        for (Transaction transaction : run) {
            if (!seen.contains(transaction.id())) {
                fresh.add(transaction);
            }
        }
        run.clear();
        changes = 0;
        if (fresh.isEmpty()) {
            return;
        }
        writer.write(fresh);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO applied_tx (tx_id, peer, sequence) VALUES (?, ?, ?)")) {
            for (Transaction transaction : fresh) {
                insert.setString(1, transaction.id());
                insert.setString(2, peer.toString());
                insert.setLong(3, sequence);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
