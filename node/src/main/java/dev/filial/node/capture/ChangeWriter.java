package dev.filial.node.capture;

import dev.filial.node.store.Database;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import dev.filial.protocol.clock.HybridClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one write path for replicated tables. A local write runs its work in one database
 * transaction and, in that same transaction, records what it changed in the change log: the new and
 * old values of the changed columns, an HLC timestamp, this node as origin and a transaction id.
 * Incoming transactions go through {@link #apply} on the same statements and are not recorded.
 */
public final class ChangeWriter {

    private final Database database;
    private final NodeCode origin;
    private final HybridClock clock;
    private final RowSql sql;
    private final Applier applier;

    public ChangeWriter(Database database, NodeCode origin, HybridClock clock) {
        this.database = database;
        this.origin = origin;
        this.clock = clock;
        this.sql = new RowSql(database.dialect());
        this.applier = new Applier(sql);
    }

    public NodeCode origin() {
        return origin;
    }

    public HybridClock clock() {
        return clock;
    }

    /**
     * Runs {@code work} as one local transaction and captures its changes. If the work throws,
     * nothing is stored, neither rows nor change log.
     */
    public <T> T write(Function<Changes, T> work) {
        return database.write(connection -> {
            Changes changes = new Changes(connection, sql);
            T result = work.apply(changes);
            capture(connection, changes);
            return result;
        });
    }

    /** Row {@code id} as committed now (without {@code id}), read without waiting for writers. */
    public Optional<Map<String, Value>> find(Table table, String id) {
        return database.read(connection -> {
            RowSql reader = new RowSql(database.dialect());
            try {
                return reader.find(connection, table, id);
            } finally {
                reader.closeAll();
            }
        });
    }

    /**
     * Applies incoming transactions, in order, inside the caller's write transaction (the inbox's),
     * without capturing them. Columns with a local change not yet acknowledged ({@code pending}) are
     * left as they are.
     *
     * @return what was applied and what was held back
     */
    public ApplyOutcome apply(Connection connection, List<Transaction> transactions, LocalEdits pending)
            throws SQLException {
        if (!database.inWrite()) {
            throw new IllegalStateException("apply runs inside Database.write");
        }
        return applier.apply(connection, transactions, pending);
    }

    private void capture(Connection connection, Changes changes) throws SQLException {
        if (changes.recorded().isEmpty()) {
            return;
        }
        Hlc hlc = clock.now();
        Transaction transaction = new Transaction(Uuid7.next(), origin, hlc, List.copyOf(changes.recorded()));
        for (RowChange change : transaction.changes()) {
            if (change.operation() == Operation.DELETE) {
                sql.tombstone(connection, change.table(), change.rowId(), hlc.toString(), origin.toString());
            }
        }
        sql.logChange(connection, transaction.id(), hlc.toString(), TransactionBody.encode(transaction));
    }
}
