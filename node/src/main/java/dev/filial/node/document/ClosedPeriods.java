package dev.filial.node.document;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.StoreException;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The closed period: HQ closes the books up to a date ({@code closed_period} rows, replicated to every
 * node); no document dated on or before the latest {@code closed_until} may be created, posted or
 * changed afterwards. A posted one is corrected by a reversal dated after the close.
 */
public final class ClosedPeriods {

    private final Dialect dialect;

    public ClosedPeriods(Dialect dialect) {
        this.dialect = dialect;
    }

    private static final String LAST = "SELECT MAX(closed_until) FROM closed_period";

    /** The last closed day, if any period is closed. */
    public Optional<LocalDate> closedUntil(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LAST)) {
            return closedUntil(select);
        }
    }

    private Optional<LocalDate> closedUntil(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            row.next();
            Value value = dialect.read(row, 1, ColumnType.DATE);
            return value instanceof Value.Date date ? Optional.of(date.value()) : Optional.empty();
        }
    }

    /**
     * Refuses {@code what}, dated {@code date}, inside a write transaction (on its kept statement).
     *
     * @throws RuleException {@code closed-period} when {@code date} is in the closed period
     */
    public void requireOpen(Changes changes, LocalDate date, String what) {
        try {
            requireOpen(closedUntil(changes.prepared(LAST)), date, what);
        } catch (SQLException e) {
            throw new StoreException("reading the closed period: " + e.getMessage(), e);
        }
    }

    private static void requireOpen(Optional<LocalDate> closed, LocalDate date, String what) {
        if (closed.isPresent() && !date.isAfter(closed.get())) {
            throw new RuleException("closed-period", what + " is dated " + date + ", in the period closed up to "
                    + closed.get(), "date it after " + closed.get() + ", or ask HQ to reopen the period");
        }
    }
}
