package dev.filial.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a background thread, so that the
 * copy is no longer paid inside the commit that crosses SQLite's automatic threshold. The connections
 * of the node have automatic checkpoints turned off; this runs a passive checkpoint (one that never
 * waits for readers or the writer) on its own connection shortly after commits, and a full one that
 * empties the log when the database closes.
 */
final class WalCheckpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    private static final long INTERVAL_MS = 200;

    private final Connection connection;
    private final ScheduledExecutorService timer;
    private final AtomicLong commits = new AtomicLong();
    private long checkpointed;

    WalCheckpoints(Connection connection, String database) {
        this.connection = connection;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "filial-checkpoint " + database);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkpointIfCommitted, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Called after each commit. */
    void committed() {
        commits.incrementAndGet();
    }

    private void checkpointIfCommitted() {
        long now = commits.get();
        if (now == checkpointed) {
            return;
        }
        try {
            checkpoint("PASSIVE");
            checkpointed = now;
        } catch (SQLException e) {
            // the log keeps growing until a later checkpoint succeeds; nothing is lost meanwhile
            LOG.warn("WAL checkpoint failed; will retry: {}", e.getMessage());
        }
    }

    private void checkpoint(String mode) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(" + mode + ")");
        }
    }

    /** Stops the thread and empties the log into the database file (the caller closes the connection). */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("WAL checkpoint thread did not stop in 30 s");
            }
            checkpoint("TRUNCATE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("final WAL checkpoint failed; SQLite completes it on the next open: {}", e.getMessage());
        }
    }
}
