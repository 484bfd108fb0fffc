package dev.filial.node.access;

import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.node.store.StoreException;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The company's users as this node knows them ({@link Schema#USER_ACCOUNT}, replicated): login, name,
 * role, a slow password hash, and the node they work at ({@code *}: every node). A node knows its own
 * users and the company-wide ones; HQ knows all. Users are written through the write path like any
 * other row, so a user added at HQ for a branch reaches it, and one added at a branch reaches HQ.
 * A successful check is remembered for a few minutes (by a SHA-256 fingerprint of login, password and
 * stored hash, never the password) so that HTTP Basic on every call does not cost a slow hash each.
 */
public final class Users {

    /** {@code home_node} of a user who works at every node. */
    public static final String EVERY_NODE = "*";

    /** A user as listed; never carries the hash. */
    public record User(String login, String displayName, Role role, boolean active, String homeNode) {
    }

    private static final Pattern LOGIN = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    private static final int MIN_PASSWORD = 10;
    private static final long REMEMBER_MILLIS = 5 * 60 * 1000L;
    private static final String COLUMNS = "id, login, display_name, role, password_hash, active, home_node";

    private final Database database;
    private final ChangeWriter writer;
    private final String self;
    private final Map<ByteBuffer, Long> recent = new ConcurrentHashMap<>();

    public Users(Database database, ChangeWriter writer) {
        this.database = database;
        this.writer = writer;
        this.self = writer.origin().toString();
    }

    /** Adds a user of this node, or replaces the name, role and password of an existing one. */
    public void put(String login, String displayName, Role role, char[] password) {
        put(login, displayName, role, password, self);
    }

    /**
     * Adds a user who works at {@code homeNode} (a node code, or {@link #EVERY_NODE}), or replaces the name,
     * role and password of the one there is.
     */
    public void put(String login, String displayName, Role role, char[] password, String homeNode) {
        if (!LOGIN.matcher(login).matches()) {
            throw ValidationException.of("user", "login", "invalid", "2 to 64 characters: lower-case letters, digits, . _ -; starting with a letter");
        }
        if (password.length < MIN_PASSWORD) {
            throw ValidationException.of("user", "password", "invalid", "must have at least " + MIN_PASSWORD + " characters");
        }
        if (!EVERY_NODE.equals(homeNode) && !NodeCode.isValid(homeNode)) {
            throw ValidationException.of("user", "home_node", "invalid", "a node code like MSK, or * for every node");
        }
        Map<String, Value> row = Map.of("login", Value.of(login), "display_name", Value.of(displayName),
                "role", Value.of(role.code()), "password_hash", Value.of(PasswordHash.hash(password)),
                "active", Value.of(true), "home_node", Value.of(homeNode));
        writer.write(changes -> {
            Optional<String> existing = find(changes.connection(), login, homeNode).map(found -> found[0]);
            if (existing.isPresent()) {
                changes.update(Schema.USER_ACCOUNT, existing.get(), row);
            } else {
                changes.insert(Schema.USER_ACCOUNT, row);
            }
            return null;
        });
        recent.clear();
    }

    /** The user whose login and password match, if active and working at this node. */
    public Optional<Actor> authenticate(String login, char[] password) {
        Optional<String[]> row = database.read(connection -> find(connection, login, null))
                .filter(found -> Boolean.parseBoolean(found[5]));
        if (row.isEmpty()) {
            PasswordHash.hash(password);
            return Optional.empty();
        }
        String stored = row.get()[4];
        ByteBuffer fingerprint = ByteBuffer.wrap(PasswordHash.fingerprint(login, password, stored));
        long now = System.currentTimeMillis();
        Long seen = recent.get(fingerprint);
        if (seen == null || now - seen > REMEMBER_MILLIS) {
            if (!PasswordHash.matches(password, stored)) {
                return Optional.empty();
            }
            recent.put(fingerprint, now);
        }
        return Optional.of(new Actor(login, Role.parse(row.get()[3])));
    }

    /** The users this node holds, by login. */
    public List<User> list() {
        return database.read(connection -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT login, display_name, role, active, home_node FROM user_account ORDER BY login, home_node");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add(new User(rows.getString(1), rows.getString(2), Role.parse(rows.getString(3)),
                            rows.getBoolean(4), rows.getString(5)));
                }
            }
            return users;
        });
    }

    /** Deactivates the user who logs in here as {@code login}; returns whether there was one. */
    public boolean deactivate(String login) {
        return deactivate(login, null);
    }

    /**
     * Deactivates user {@code login} of {@code homeNode} (null: the one who logs in here), everywhere it is
     * routed; returns whether there was one.
     */
    public boolean deactivate(String login, String homeNode) {
        recent.clear();
        return writer.write(changes -> {
            Optional<String[]> found = find(changes.connection(), login, homeNode);
            found.ifPresent(user -> changes.update(Schema.USER_ACCOUNT, user[0], Map.of("active", Value.of(false))));
            return found.isPresent();
        });
    }

    /**
     * Moves the users of the table of schema 2 ({@code app_user}, not replicated) in as users of this
     * node, through the write path; runs when the node opens, does nothing once the table is empty.
     */
    public void adoptLocal() {
        List<String[]> local = database.read(connection -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT login, display_name, role, password_hash, active FROM app_user");
                 ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows.add(new String[] {found.getString(1), found.getString(2), found.getString(3),
                        found.getString(4), String.valueOf(found.getLong(5) == 1)});
                }
            }
            return rows;
        });
        if (local.isEmpty()) {
            return;
        }
        writer.write(changes -> {
            for (String[] user : local) {
                if (find(changes.connection(), user[0], self).isEmpty()) {
                    changes.insert(Schema.USER_ACCOUNT, Map.of("login", Value.of(user[0]),
                            "display_name", Value.of(user[1]), "role", Value.of(user[2]),
                            "password_hash", Value.of(user[3]), "active", Value.of(Boolean.parseBoolean(user[4])),
                            "home_node", Value.of(self)));
                }
            }
            try (PreparedStatement delete = changes.connection().prepareStatement("DELETE FROM app_user")) {
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("emptying app_user", e);
            }
            return null;
        });
    }

    /**
     * The user {@code login} working at {@code homeNode}, or (null) the one who logs in at this node: its
     * own before a company-wide one. Columns as {@link #COLUMNS}, {@code active} as "true"/"false".
     */
    private Optional<String[]> find(Connection connection, String login, String homeNode) {
        String where = homeNode == null ? "home_node IN (?, ?)" : "home_node = ?";
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM user_account WHERE login = ? AND " + where + " ORDER BY id")) {
            select.setString(1, login);
            select.setString(2, homeNode == null ? self : homeNode);
            if (homeNode == null) {
                select.setString(3, EVERY_NODE);
            }
            String[] best = null;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String[] found = {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), String.valueOf(rows.getBoolean(6)), rows.getString(7)};
                    if (best == null || !best[6].equals(self) && found[6].equals(self)) {
                        best = found;
                    }
                }
            }
            return Optional.ofNullable(best);
        } catch (SQLException e) {
            throw new StoreException("reading user " + login, e);
        }
    }
}
