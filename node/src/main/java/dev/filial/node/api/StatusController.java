package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.store.Schema;
import dev.filial.node.store.StoreException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.OutboundChannel;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, without credentials, for monitors: 200 {@code {"status": "up"}} when the database
 * answers, 503 {@code "down"} otherwise. {@code GET /api/status}, for the node's users: identity, database
 * and the exchange with the hub, as {@code filial-node status} prints them.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class StatusController {

    private final Node node;

    StatusController(Node node) {
        this.node = node;
    }

    @Get("/health")
    HttpResponse<Map<String, Object>> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", node.config().code().toString());
        try {
            node.database().read(connection -> connection.isValid(5));
            body.put("status", "up");
            return HttpResponse.ok(body);
        } catch (StoreException e) {
            body.put("status", "down");
            body.put("message", e.getMessage());
            return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
        }
    }

    @Get("/api/status")
    Map<String, Object> status() {
        long[] log = node.database().read(connection -> node.changeLog().countAndLast(connection));
        OutboundChannel out = node.outbox().channel(node.config().hub());
        NodeCode hub = node.config().hub();
        InboundChannel in = node.database().read(connection -> new ChannelStore().inbound(connection, hub));
        Map<String, Object> toHub = new LinkedHashMap<>();
        toHub.put("unacknowledgedTransactions", log[0]);
        toHub.put("unacknowledgedBatches", out.backlog());
        toHub.put("lastSent", out.lastAssigned());
        toHub.put("lastAcknowledged", out.lastAck());
        Map<String, Object> fromHub = new LinkedHashMap<>();
        fromHub.put("lastApplied", in.lastCommitted());
        fromHub.put("held", in.held().size());
        in.gap().ifPresent(gap -> fromHub.put("waitingFor", gap.from() + ".." + gap.to()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", node.config().code().toString());
        status.put("id", node.config().id());
        status.put("hub", node.config().hub().toString());
        status.put("engine", node.config().engine().toString());
        status.put("schema", Schema.VERSION);
        status.put("toHub", toHub);
        status.put("fromHub", fromHub);
        status.put("quarantined", node.quarantine().list().size());
        return status;
    }
}
