package dev.filial.node.imports;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads inside an import's transaction: ids by a column's value (rows written earlier in it included). */
final class Lookups {

    private Lookups() {
    }

    /** Ids of the rows of {@code table} whose {@code column} (a name from the code, never input) is {@code value}. */
    static List<String> ids(Changes changes, Table table, String column, String value) {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = changes.connection().prepareStatement(
                "SELECT id FROM " + table.name() + " WHERE " + column + " = ? ORDER BY id")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up " + table.name() + "." + column + " failed: "
                    + e.getMessage(), e);
        }
        return found;
    }
}
