package dev.filial.node.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.InboundState;
import dev.filial.protocol.channel.OutboundChannel;
import dev.filial.protocol.channel.OutboundState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Persists the channel state machines of {@code sync-protocol} per peer, as JSON, inside the caller's
 * transaction, so that a channel's state always moves together with the rows it describes.
 */
public final class ChannelStore {

    private static final String OUT = "out";
    private static final String IN = "in";
    private final ObjectMapper json = new ObjectMapper();

    public OutboundChannel outbound(Connection connection, NodeCode peer) throws SQLException {
        String state = load(connection, peer, OUT);
        return state == null ? new OutboundChannel() : OutboundChannel.restore(parse(state, OutboundState.class));
    }

    public InboundChannel inbound(Connection connection, NodeCode peer) throws SQLException {
        String state = load(connection, peer, IN);
        return state == null ? new InboundChannel() : InboundChannel.restore(parse(state, InboundState.class));
    }

    public void save(Connection connection, NodeCode peer, OutboundChannel channel) throws SQLException {
        store(connection, peer, OUT, write(channel.state()));
    }

    public void save(Connection connection, NodeCode peer, InboundChannel channel) throws SQLException {
        store(connection, peer, IN, write(channel.state()));
    }

    private String load(Connection connection, NodeCode peer, String direction) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT state FROM channel_state WHERE peer = ? AND direction = ?")) {
            statement.setString(1, peer.toString());
            statement.setString(2, direction);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private void store(Connection connection, NodeCode peer, String direction, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE channel_state SET state = ? WHERE peer = ? AND direction = ?")) {
            update.setString(1, state);
            update.setString(2, peer.toString());
            update.setString(3, direction);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO channel_state (peer, direction, state) VALUES (?, ?, ?)")) {
            insert.setString(1, peer.toString());
            insert.setString(2, direction);
            insert.setString(3, state);
            insert.executeUpdate();
        }
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored channel state is unreadable: " + e.getMessage(), e);
        }
    }

    private String write(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
