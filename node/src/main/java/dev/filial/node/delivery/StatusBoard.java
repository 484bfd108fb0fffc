package dev.filial.node.delivery;

import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each transport's last success and last error ({@code transport_status}), recorded around every run. */
public final class StatusBoard {

    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);

    private final Database database;
    private final Clock clock;

    public StatusBoard(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The status of {@code transport}; {@link TransportStatus#never} when it never ran. */
    public TransportStatus get(String transport) {
        return database.read(connection -> find(connection, transport));
    }

    /**
     * Runs {@code run} as a run of {@code transport} and records how it went: an {@link ExchangeException}
     * is recorded as its failure, with the reason, and becomes the report's error; any other exception
     * likewise, as {@code internal} with what it said, so that a failure of any kind is on the board, backs
     * off and lets the next transport take over.
     */
    public RunReport record(String transport, Supplier<RunReport> run) {
        String started = clock.instant().toString();
        try {
            RunReport report = run.get();
            save(transport, started, null);
            return report;
        } catch (ExchangeException e) {
            save(transport, started, e.getMessage());
            return RunReport.failed(transport, e);
        } catch (RuntimeException e) {
            LOG.error("{} run failed", transport, e);
            ExchangeException internal = new ExchangeException("internal", e + "; nothing is lost: what was not "
                    + "sent or taken stays for the next run (the log has the details)");
            save(transport, started, internal.getMessage());
            return RunReport.failed(transport, internal);
        }
    }

    private void save(String transport, String at, String error) {
        database.write(connection -> {
            TransportStatus old = find(connection, transport);
            TransportStatus now = error == null
                    ? new TransportStatus(transport, at, at, old.lastErrorAt(), old.lastError(), 0)
                    : new TransportStatus(transport, at, old.lastSuccess(), at, error, old.failures() + 1);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM transport_status WHERE transport = ?")) {
                delete.setString(1, transport);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO transport_status (transport, "
                    + "last_run, last_success, last_error_at, last_error, failures) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, transport);
                insert.setString(2, now.lastRun());
                insert.setString(3, now.lastSuccess());
                insert.setString(4, now.lastErrorAt());
                String reason = now.lastError();
                insert.setString(5, reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000));
                insert.setInt(6, now.failures());
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static TransportStatus find(Connection connection, String transport) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_run, last_success, last_error_at, "
                + "last_error, failures FROM transport_status WHERE transport = ?")) {
            select.setString(1, transport);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new TransportStatus(transport, rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getInt(5)) : TransportStatus.never(transport);
            }
        }
    }
}
