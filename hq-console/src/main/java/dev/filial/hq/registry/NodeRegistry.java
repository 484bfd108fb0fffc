package dev.filial.hq.registry;

import dev.filial.node.outbox.RecipientKeys;
import dev.filial.node.store.Database;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.KeyRing;
import dev.filial.protocol.signing.PemKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes this hub has enrolled ({@code hub_node}), and the key ring built from them that the hub's
 * inbox verifies batches with: a revoked node's key stays in it as revoked, so its batches are refused
 * with the reason.
 */
public final class NodeRegistry {

    private static final String COLUMNS = "code, id, name, role, node_group, signing_key, exchange_key, enrolled_at, "
            + "revoked_at, revoked_reason";

    private final Database database;
    private final KeyRing keyRing = new KeyRing();
    private final Map<NodeCode, byte[]> exchangeKeys = new ConcurrentHashMap<>();

    public NodeRegistry(Database database) {
        this.database = database;
        for (HubNode node : list()) {
            ring(node);
        }
    }

    /** The ring of every enrolled node's signing key, kept up to date by {@link #add} and {@link #revoke}. */
    public KeyRing keyRing() {
        return keyRing;
    }

    /**
     * Registers a new node inside the caller's transaction.
     *
     * @throws RegistryException if the code is taken
     */
    public void add(Connection connection, HubNode node) throws SQLException {
        if (find(connection, node.code()).isPresent()) {
            throw new RegistryException("node-exists", "node " + node.code() + " is enrolled already; choose another "
                    + "code, or revoke it and enroll the replacement under a new code");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hub_node (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
            insert.setString(1, node.code().toString());
            insert.setString(2, node.id());
            insert.setString(3, node.name());
            insert.setString(4, node.role());
            insert.setString(5, node.group());
            insert.setString(6, node.signingPem());
            insert.setString(7, node.exchangePem());
            insert.setString(8, node.enrolledAt());
            insert.executeUpdate();
        }
    }

    /** Each enrolled node's X25519 key, which HQ encrypts the batches for it to. */
    public RecipientKeys exchangeKeys() {
        return peer -> Optional.ofNullable(exchangeKeys.get(peer));
    }

    /** Call once the transaction that {@link #add}ed {@code node} has committed. */
    public void added(HubNode node) {
        ring(node);
    }

    /**
     * Revokes {@code code}: from now on its batches are refused with {@code reason}.
     *
     * @throws RegistryException if there is no such node or it is revoked already
     */
    public HubNode revoke(NodeCode code, String reason, String at) {
        if (reason == null || reason.isBlank()) {
            throw new RegistryException("reason-required", "say why the node is revoked (for example: laptop lost)");
        }
        HubNode revoked = database.write(connection -> {
            HubNode node = find(connection, code).orElseThrow(() -> unknown(code));
            if (node.revoked()) {
                throw new RegistryException("already-revoked", "node " + code + " was revoked at " + node.revokedAt()
                        + ": " + node.revokedReason());
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE hub_node SET revoked_at = ?, revoked_reason = ? WHERE code = ?")) {
                update.setString(1, at);
                update.setString(2, reason);
                update.setString(3, code.toString());
                update.executeUpdate();
            }
            return find(connection, code).orElseThrow();
        });
        ring(revoked);
        return revoked;
    }

    public Optional<HubNode> find(NodeCode code) {
        return database.read(connection -> find(connection, code));
    }

    public Optional<HubNode> find(Connection connection, NodeCode code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM hub_node WHERE code = ?")) {
            select.setString(1, code.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(node(rows)) : Optional.empty();
            }
        }
    }

    /** Every enrolled node, revoked ones included, by code. */
    public List<HubNode> list() {
        return database.read(this::list);
    }

    public List<HubNode> list(Connection connection) throws SQLException {
        List<HubNode> nodes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM hub_node ORDER BY code");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                nodes.add(node(rows));
            }
        }
        return nodes;
    }

    /** Where HQ reaches {@code code}, in priority order; empty: the node pulls over HTTP. */
    public List<NodeAddress> addresses(NodeCode code) {
        return database.read(connection -> {
            List<NodeAddress> addresses = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT transport, address FROM hub_node_address WHERE node = ? ORDER BY priority")) {
                select.setString(1, code.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        addresses.add(new NodeAddress(rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return addresses.isEmpty() ? List.of(new NodeAddress("http", "")) : addresses;
        });
    }

    /**
     * Replaces where HQ reaches {@code code}, in priority order.
     *
     * @throws RegistryException if there is no such node
     */
    public void setAddresses(NodeCode code, List<NodeAddress> addresses) {
        database.write(connection -> {
            find(connection, code).orElseThrow(() -> unknown(code));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM hub_node_address WHERE node = ?")) {
                delete.setString(1, code.toString());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO hub_node_address (node, transport, address, priority) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < addresses.size(); i++) {
                    insert.setString(1, code.toString());
                    insert.setString(2, addresses.get(i).transport());
                    insert.setString(3, addresses.get(i).address());
                    insert.setInt(4, i + 1);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    public static RegistryException unknown(NodeCode code) {
        return new RegistryException("unknown-node", "no node " + code + " is enrolled here; list them with 'filial-hq nodes'");
    }

    private void ring(HubNode node) {
        exchangeKeys.put(node.code(), PemKeys.readPublicKey(PemKeys.Curve.X25519, node.exchangePem()));
        Ed25519PublicKey key = Ed25519PublicKey.fromRaw(PemKeys.readPublicKey(PemKeys.Curve.ED25519, node.signingPem()));
        if (node.revoked()) {
            keyRing.revoke(node.code(), key, node.revokedReason());
        } else {
            keyRing.trust(node.code(), key);
        }
    }

    private static HubNode node(ResultSet rows) throws SQLException {
        return new HubNode(NodeCode.parse(rows.getString(1)), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10));
    }
}
