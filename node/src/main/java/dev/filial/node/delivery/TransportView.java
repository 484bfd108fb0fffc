package dev.filial.node.delivery;

import dev.filial.node.Node;
import dev.filial.node.exchange.HubStatus;
import dev.filial.node.exchange.TransportSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The status of one transport of a node, as {@code filial-node status} prints it and {@code GET /api/status}
 * answers it: its last runs, and the backlog to the hub, which every transport carries.
 *
 * @param nextRun              when the scheduler runs it next (null: not scheduled, or no server running)
 * @param backlogBatches       batches sent to the hub and not acknowledged
 * @param backlogChanges       changes in them
 * @param unpacked             local transactions not yet acknowledged, packed or not
 * @param oldestUnacknowledged when the oldest local change the hub has not acknowledged was made, or null
 */
public record TransportView(String transport, int priority, String schedule, String lastRun, String lastSuccess,
                            String lastErrorAt, String lastError, int failures, String nextRun, int backlogBatches,
                            long backlogChanges, long unpacked, String oldestUnacknowledged) {

    /** Every configured transport of {@code node}, by priority; {@code next} from a running scheduler. */
    public static List<TransportView> of(Node node, StatusBoard board, Map<String, Instant> next) {
        HubStatus hub = HubStatus.of(node);
        List<TransportView> channels = new ArrayList<>();
        int priority = 1;
        for (TransportSettings transport : node.exchange().transports()) {
            TransportStatus status = board.get(transport.type());
            Instant at = next.get(transport.type());
            channels.add(new TransportView(transport.type(), priority++, transport.schedule().toString(),
                    status.lastRun(), status.lastSuccess(), status.lastErrorAt(), status.lastError(), status.failures(),
                    at == null ? null : at.toString(), hub.backlog(), hub.backlogChanges(), hub.unacknowledged(),
                    hub.oldestUnacknowledged()));
        }
        return channels;
    }

    /** Two lines for the operator. */
    public String lines() {
        return String.format("%-5s #%d, schedule %s%s; last success %s%s%n      backlog %d batch(es) with %d "
                        + "change(s), %d transaction(s) unacknowledged%s", transport, priority, schedule,
                nextRun == null ? "" : " (next " + nextRun + ")", lastSuccess == null ? "never" : lastSuccess,
                lastError == null ? "" : "; last error " + lastErrorAt + " " + lastError
                        + (failures > 0 ? " (" + failures + " failure(s) in a row)" : ""),
                backlogBatches, backlogChanges, unpacked,
                oldestUnacknowledged == null ? "" : ", oldest from " + oldestUnacknowledged);
    }
}
