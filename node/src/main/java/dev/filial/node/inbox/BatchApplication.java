package dev.filial.node.inbox;

import dev.filial.node.capture.ApplyOutcome;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.LocalEdits;
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
 * The application of one batch inside the inbox's write transaction, fed transaction by transaction
 * as the body is decoded. Transactions are applied in runs of about {@link #RUN_CHANGES} changes, so
 * memory stays bounded and each run is written while its decoded values are still in the CPU cache.
 * A transaction is applied once: one already in {@code applied_tx}, or earlier in the same batch, is
 * skipped, and each applied one is recorded there.
 */
final class BatchApplication implements BatchConsumer.Application {

    /** Changes per run handed to the writer. */
    static final int RUN_CHANGES = 500;

    private final Dialect dialect;
    private final Connection connection;
    private final ChangeWriter writer;
    private final LocalEdits pending;
    private final NodeCode peer;
    private final long sequence;
    private final List<Transaction> run = new ArrayList<>();
    private final Set<String> inBatch = new HashSet<>();
    private final List<String> kept = new ArrayList<>();
    private int runChanges;
    private long applied;

    BatchApplication(Dialect dialect, Connection connection, ChangeWriter writer, LocalEdits pending, NodeCode peer,
                     long sequence) {
        this.dialect = dialect;
        this.connection = connection;
        this.writer = writer;
        this.pending = pending;
        this.peer = peer;
        this.sequence = sequence;
    }

    /** Takes the next decoded transaction; applies the run once it is large enough. */
    @Override
    public void add(Transaction transaction) {
        if (!inBatch.add(transaction.id())) {
            return;
        }
        run.add(transaction);
        runChanges += transaction.changes().size();
        if (runChanges >= RUN_CHANGES) {
            try {
                applyRun();
            } catch (SQLException e) {
                throw new StoreException("applying batch " + sequence + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Applies what is left; call once the whole body has been decoded. */
    @Override
    public void finish() throws SQLException {
        applyRun();
    }

    /** Row changes written so far. */
    @Override
    public long applied() {
        return applied;
    }

    /** Columns and rows left as they are because of pending local changes. */
    @Override
    public List<String> kept() {
        return List.copyOf(kept);
    }

    private void applyRun() throws SQLException {
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
                writer.clock().observe(transaction.hlc());
            }
        }
        run.clear();
        runChanges = 0;
        ApplyOutcome outcome = writer.apply(connection, fresh, pending);
        applied += outcome.applied();
        kept.addAll(outcome.kept());
        remember(fresh);
    }

    private void remember(List<Transaction> transactions) throws SQLException {
        if (transactions.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO applied_tx (tx_id, peer, sequence) VALUES (?, ?, ?)")) {
            for (Transaction transaction : transactions) {
                insert.setString(1, transaction.id());
                insert.setString(2, peer.toString());
                insert.setLong(3, sequence);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
