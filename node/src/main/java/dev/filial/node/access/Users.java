package dev.filial.node.access;

import dev.filial.node.store.Database;
import dev.filial.node.store.ValidationException;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The node's local users (not replicated): login, name, role and a slow password hash. A
 * successful check is remembered for a few minutes (by a SHA-256 fingerprint of login, password and
 * stored hash, never the password) so that HTTP Basic on every call does not cost a slow hash each.
 */
public final class Users {

    /** A user as listed; never carries the hash. */
    public record User(String login, String displayName, Role role, boolean active) {
    }

    private static final Pattern LOGIN = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD = 10;
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000L;

    private final Database database;
    private final Map<ByteBuffer, Long> recent = new ConcurrentHashMap<>();

    public Users(Database database) {
        this.database = database;
    }

    /** Adds a user or replaces the name, role and password of an existing one. */
    public void put(String login, String displayName, Role role, char[] password) {
        if (!LOGIN.matcher(login).matches()) {
            throw ValidationException.of("user", "login", "invalid", "2 to 64 characters: lower-case letters, digits, . _ -; starting with a letter");
        }
        if (password.length < MIN_PASSWORD) {
            throw ValidationException.of("user", "password", "invalid", "must have at least " + MIN_PASSWORD + " characters");
        }
        String hash = PasswordHash.hash(password);
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM app_user WHERE login = ?")) {
                delete.setString(1, login);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO app_user (login, display_name, role, password_hash, active) VALUES (?, ?, ?, ?, 1)")) {
                insert.setString(1, login);
                insert.setString(2, displayName);
                insert.setString(3, role.code());
                insert.setString(4, hash);
                return insert.executeUpdate();
            }
        });
        recent.clear();
    }

    /** The user whose login and password match, if active. */
    public Optional<Actor> authenticate(String login, char[] password) {
        Optional<String[]> row = database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT role, password_hash FROM app_user WHERE login = ? AND active = 1")) {
                select.setString(1, login);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new String[] {rows.getString(1), rows.getString(2)}) : Optional.empty();
                }
            }
        });
        if (row.isEmpty()) {
            PasswordHash.hash(password);
            return Optional.empty();
        }
        String stored = row.get()[1];
        ByteBuffer fingerprint = ByteBuffer.wrap(PasswordHash.fingerprint(login, password, stored));
        long now = System.currentTimeMillis();
        Long seen = recent.get(fingerprint);
        if (seen == null || now - seen > REMEMBER_MILLIS) {
            if (!PasswordHash.matches(password, stored)) {
                return Optional.empty();
            }
            recent.put(fingerprint, now);
        }
        return Optional.of(new Actor(login, Role.parse(row.get()[0])));
    }

    public List<User> list() {
        return database.read(connection -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT login, display_name, role, active FROM app_user ORDER BY login");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add(new User(rows.getString(1), rows.getString(2), Role.parse(rows.getString(3)), rows.getInt(4) == 1));
                }
            }
            return users;
        });
    }

    /** Deactivates a user; returns whether there was one. */
    public boolean deactivate(String login) {
        recent.clear();
        return database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE app_user SET active = 0 WHERE login = ?")) {
                update.setString(1, login);
                return update.executeUpdate() > 0;
            }
        });
    }
}
