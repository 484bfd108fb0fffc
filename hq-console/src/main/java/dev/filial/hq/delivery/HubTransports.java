package dev.filial.hq.delivery;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.HubNode;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.delivery.DeliveryScheduler;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.delivery.TransportStatus;
import dev.filial.node.delivery.Transports;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.protocol.channel.OutboundChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** HQ's {@link Transports}: its {@link HubDelivery}, scheduled, with a status per transport and per node. */
public final class HubTransports implements Transports {

    private final Hub hub;
    private final HubDelivery delivery;
    private final DeliveryScheduler scheduler;

    /** Starts the schedules of HQ's transports. */
    public HubTransports(Hub hub, Function<String, String> environment) {
        this.hub = hub;
        this.delivery = new HubDelivery(hub, environment, Clock.systemUTC());
        this.scheduler = new DeliveryScheduler(hub.settings().exchange(), delivery, delivery.board(),
                Clock.systemDefaultZone()).start();
    }

    /**
     * The status of one of HQ's transports.
     *
     * @param nextRun when the scheduler runs it next, or null
     */
    public record TransportLine(String transport, String schedule, TransportStatus last, String nextRun) {
    }

    /**
     * What HQ owes one node.
     *
     * @param via            where HQ sends it batches now ({@code http}: it pulls), or null when nothing applies
     * @param backlogBatches batches sent to it and not acknowledged
     * @param oldestSent     when the oldest of them was last sent, or null
     * @param lastSendError  when and why the last send to it by mail or drop failed; null after a success
     */
    public record NodeBacklog(String node, String via, String lastPull, int backlogBatches, long backlogChanges,
                              String oldestSent, String lastSendError) {
    }

    @Override
    public List<RunReport> syncNow(String only) {
        return delivery.syncNow(only);
    }

    @Override
    public List<TransportLine> status() {
        Map<String, Instant> next = scheduler.next();
        List<TransportLine> status = new ArrayList<>();
        for (TransportSettings transport : hub.settings().exchange().transports()) {
            Instant at = next.get(transport.type());
            status.add(new TransportLine(transport.type(), transport.schedule().toString(),
                    delivery.board().get(transport.type()), at == null ? null : at.toString()));
        }
        return status;
    }

    @Override
    public List<NodeBacklog> peers() {
        return nodes(hub, delivery);
    }

    /** What HQ owes each enrolled node that is not revoked. */
    public static List<NodeBacklog> nodes(Hub hub, HubDelivery delivery) {
        List<NodeBacklog> nodes = new ArrayList<>();
        for (HubNode node : hub.registry().list()) {
            if (node.revoked()) {
                continue;
            }
            OutboundChannel channel = hub.node().outbox().channel(node.code());
            nodes.add(new NodeBacklog(node.code().toString(), delivery.inUse(node.code()).map(NodeAddress::toString)
                    .orElse(null), delivery.lastPull(node.code()).map(Instant::toString).orElse(null),
                    channel.backlog(), hub.node().outbox().backlogChanges(node.code()),
                    channel.pending().isEmpty() ? null
                            : Instant.ofEpochMilli(channel.pending().get(0).lastSentMillis()).toString(),
                    delivery.lastSendError(node.code()).orElse(null)));
        }
        return nodes;
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
