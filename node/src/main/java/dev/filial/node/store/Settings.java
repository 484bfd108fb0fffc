package dev.filial.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Node-local named values in {@code node_setting}, read and written inside the caller's transaction. */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM node_setting WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    public static void put(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE node_setting SET value = ? WHERE name = ?")) {
            update.setString(1, value);
            update.setString(2, name);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO node_setting (name, value) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
        }
    }
}
