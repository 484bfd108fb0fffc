package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.OutboundChannel;
import java.time.Instant;

/**
 * The state of a node's exchange with its hub, as {@code filial-node status} prints it and
 * {@code GET /api/status} answers it.
 *
 * @param unacknowledged local transactions the hub has not acknowledged yet
 * @param backlog        batches sent to the hub and not acknowledged
 * @param backlogChanges the changes in those batches
 * @param oldestUnacknowledged when the oldest local change the hub has not acknowledged was made, or null
 * @param waitingFor     the hub batches missing before the held ones can apply ("from..to"), or null
 */
public record HubStatus(long unacknowledged, int backlog, long backlogChanges, String oldestUnacknowledged,
                        long lastSent, long lastAcknowledged, long lastApplied, int held, String waitingFor,
                        int quarantined) {

    /** The status of {@code node} now. */
    public static HubStatus of(Node node) {
        NodeCode hub = node.config().hub();
        long[] log = node.database().read(connection -> node.changeLog().countAndLast(connection));
        String oldest = node.database().read(connection -> node.changeLog().oldestHlc(connection))
                .map(hlc -> Instant.ofEpochMilli(hlc.physical()).toString()).orElse(null);
        OutboundChannel out = node.outbox().channel(hub);
        InboundChannel in = node.database().read(connection -> new ChannelStore().inbound(connection, hub));
        return new HubStatus(log[0], out.backlog(), node.outbox().backlogChanges(hub), oldest, out.lastAssigned(),
                out.lastAck(), in.lastCommitted(), in.held().size(),
                in.gap().map(gap -> gap.from() + ".." + gap.to()).orElse(null), node.quarantine().list().size());
    }
}
