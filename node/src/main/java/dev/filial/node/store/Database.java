package dev.filial.node.store;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * A node's embedded database: migrated on open, one write transaction at a time (writers queue on a
 * lock, so SQLite never reports "busy" and Derby never deadlocks between our own writers), and a
 * few reader connections.
 */
public final class Database implements AutoCloseable {

    private static final int READERS = 4;
    private static final int DERBY_PAGE_CACHE = 20_000;
    /** SQLite's page cache of the write connection: KiB when negative, pages when positive (its default is 2 MB). */
    private static final String SQLITE_CACHE_PROPERTY = "filial.sqlite.cacheSize";

    private final Engine engine;
    private final Path location;
    private final String url;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private final WalCheckpoints checkpoints;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private int readersOpened;
    private boolean closed;

    private Database(Engine engine, Path location) throws SQLException {
        this.engine = engine;
        this.location = location;
        this.url = engine.url(location);
        long cacheSize = engine == Engine.SQLITE ? sqliteCacheSize() : 0;
        this.writer = connect();
        try {
            if (engine == Engine.SQLITE) {
                try (Statement statement = writer.createStatement()) {
                    // the writer touches the most pages (apply, capture, index upkeep); readers keep SQLite's default
                    statement.execute("PRAGMA cache_size=" + cacheSize);
                }
            }
            writer.setAutoCommit(false);
            this.checkpoints = engine == Engine.SQLITE ? new WalCheckpoints(connect(), location.toString()) : null;
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already failing; the first error is the one to report
                }
            }
            throw e;
        }
    }

    /**
     * Opens (creating if absent) the database at {@code location} and brings its schema up to date.
     *
     * @throws StoreException if the engine cannot open it or a migration fails
     */
    public static Database open(Engine engine, Path location) {
        try {
            Files.createDirectories(location.toAbsolutePath().getParent());
            if (engine == Engine.DERBY) {
                configureDerby();
            }
            Flyway.configure()
                    .dataSource(engine.url(location), null, null)
                    .locations(engine.migrations())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new Database(engine, location);
        } catch (StoreException e) {
            throw e; // its message already says what to fix
        } catch (Exception e) {
            throw new StoreException("cannot open the " + engine + " database at " + location + ": " + e.getMessage()
                    + "; check that the path is writable and no other process holds it", e);
        }
    }

    public Engine engine() {
        return engine;
    }

    public Dialect dialect() {
        return engine.dialect();
    }

    public Path location() {
        return location;
    }

    /** Runs {@code work} on a reader connection (auto-commit; sees committed data). */
    public <T> T read(SqlWork<T> work) {
        Connection connection = borrow();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.offer(connection);
        }
    }

    /**
     * Runs read-only {@code work} as one transaction, so that everything it reads is one consistent state
     * of the database: a snapshot on SQLite (WAL), serializable (locks held to the end) on Derby.
     */
    public <T> T snapshot(SqlWork<T> work) {
        Connection connection = borrow();
        try {
            int isolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setAutoCommit(false);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readers.offer(connection);
        }
    }

    /**
     * Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws
     * (the exception is passed on, an {@link SQLException} wrapped in a {@link StoreException}).
     */
    public <T> T write(SqlWork<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.run(writer);
                writer.commit();
                if (checkpoints != null) {
                    checkpoints.committed();
                }
                return result;
            } catch (SQLException e) {
                rollback();
                throw new StoreException("database write failed and was rolled back: " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                rollback();
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Whether the calling thread is inside {@link #write}. */
    public boolean inWrite() {
        return writeLock.isHeldByCurrentThread();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeLock.lock();
        try {
            rollback();
            if (checkpoints != null) {
                checkpoints.close();
            }
            for (Connection connection : all) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            if (engine == Engine.DERBY) {
                shutdownDerby();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the connection is unusable; the next write reports it
        }
    }

    private Connection borrow() {
        Connection connection = readers.poll();
        if (connection != null) {
            return connection;
        }
        synchronized (this) {
            if (readersOpened < READERS) {
                try {
                    Connection opened = connect();
                    readersOpened++;
                    return opened;
                } catch (SQLException e) {
                    throw new StoreException("cannot open a connection to " + location + ": " + e.getMessage(), e);
                }
            }
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    private synchronized Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        if (engine == Engine.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=30000");
                // checkpoints run on a background thread (WalCheckpoints), not inside the commit that fills the log
                statement.execute("PRAGMA wal_autocheckpoint=0");
            }
        }
        all.add(connection);
        return connection;
    }

    private static long sqliteCacheSize() {
        String value = System.getProperty(SQLITE_CACHE_PROPERTY, "-65536");
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StoreException("system property " + SQLITE_CACHE_PROPERTY + " must be a whole number (KiB when "
                    + "negative, pages when positive), not '" + value + "'", e);
        }
    }

    private void shutdownDerby() {
        try {
            DriverManager.getConnection("jdbc:derby:" + location + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful shutdown of one database as SQLState 08006
        }
    }

    /**
     * Sends Derby's log nowhere and gives it a page cache of {@value #DERBY_PAGE_CACHE} pages (80 MB at
     * most) instead of its default 1,000 (4 MB), under which a big node's indexes no longer fit and every
     * lookup reads from disk; either can be set otherwise as a system property before the first open.
     */
    private static void configureDerby() {
        if (System.getProperty("derby.stream.error.method") == null && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.method", Database.class.getName() + ".derbyLog");
        }
        if (System.getProperty("derby.storage.pageCacheSize") == null) {
            System.setProperty("derby.storage.pageCacheSize", String.valueOf(DERBY_PAGE_CACHE));
        }
    }

    /**
     * Where Derby writes its own log ({@code derby.log} in the working directory otherwise); errors
     * reach us as exceptions, so the log is dropped.
     */
    public static OutputStream derbyLog() {
        return OutputStream.nullOutputStream();
    }
}
