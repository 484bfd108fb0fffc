package dev.filial.node.inbox;

import dev.filial.node.capture.ApplyOutcome;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.LocalEdits;
import dev.filial.node.store.Dialect;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The application of one batch from the hub inside the inbox's write transaction, fed transaction by
 * transaction as the body is decoded and written in {@link TransactionRuns} of about
 * {@link #RUN_CHANGES} changes, each while its decoded values are still in the CPU cache.
 */
final class BatchApplication implements BatchConsumer.Application {

    /** Changes per run handed to the writer. */
    static final int RUN_CHANGES = 500;

    private final Connection connection;
    private final ChangeWriter writer;
    private final LocalEdits pending;
    private final TransactionRuns runs;
    private final List<String> kept = new ArrayList<>();
    private long applied;

    BatchApplication(Dialect dialect, Connection connection, ChangeWriter writer, LocalEdits pending, NodeCode peer,
                     long sequence) {
        this.connection = connection;
        this.writer = writer;
        this.pending = pending;
        this.runs = new TransactionRuns(dialect, connection, peer, sequence, RUN_CHANGES, this::applyRun);
    }

    @Override
    public void add(Transaction transaction) {
        runs.add(transaction);
    }

    @Override
    public void finish() throws SQLException {
        runs.flush();
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

    private void applyRun(List<Transaction> fresh) throws SQLException {
        fresh.forEach(transaction -> writer.clock().observe(transaction.hlc()));
        ApplyOutcome outcome = writer.apply(connection, fresh, pending);
        applied += outcome.applied();
        kept.addAll(outcome.kept());
    }
}
