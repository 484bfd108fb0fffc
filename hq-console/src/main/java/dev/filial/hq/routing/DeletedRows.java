package dev.filial.hq.routing;

import dev.filial.node.capture.TransactionBody;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last values of rows deleted through the hub log ({@code hub_deleted_row}), kept so that the
 * update-wins policy can bring a row back when a node's update of it arrives after HQ deleted it. Each
 * entry is the delete itself, stored as a one-change transaction body; a later delete replaces it.
 */
public final class DeletedRows {

    private DeletedRows() {
    }

    /** Records the deletes among {@code entries}, inside the caller's transaction. */
    static void record(Connection connection, List<HubLog.Routed> entries) throws SQLException {
        List<Transaction> deletes = new ArrayList<>();
        for (HubLog.Routed entry : entries) {
            Transaction transaction = entry.transaction();
            for (RowChange change : transaction.changes()) {
                if (change.operation() == Operation.DELETE && !change.oldValues().isEmpty()) {
                    deletes.add(new Transaction(transaction.id(), transaction.origin(), transaction.hlc(),
                            List.of(change)));
                }
            }
        }
        if (deletes.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM hub_deleted_row WHERE table_name = ? AND row_id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO hub_deleted_row (table_name, row_id, hlc, body) VALUES (?, ?, ?, ?)")) {
            for (Transaction transaction : deletes) {
                RowChange change = transaction.changes().get(0);
                delete.setString(1, change.table());
                delete.setString(2, change.rowId());
                delete.executeUpdate();
                insert.setString(1, change.table());
                insert.setString(2, change.rowId());
                insert.setString(3, transaction.hlc().toString());
                insert.setBytes(4, TransactionBody.encode(transaction));
                insert.executeUpdate();
            }
        }
    }

    /** The values row {@code id} of {@code table} had when it was last deleted, if it ever was. */
    public static Optional<Map<String, Value>> last(Connection connection, String table, String id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT body FROM hub_deleted_row WHERE table_name = ? AND row_id = ?")) {
            select.setString(1, table);
            select.setString(2, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(TransactionBody.decode(rows.getBytes(1)).changes().get(0).oldValues());
            }
        }
    }
}
