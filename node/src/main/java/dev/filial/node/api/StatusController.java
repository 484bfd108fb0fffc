package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.delivery.Transports;
import dev.filial.node.exchange.HubStatus;
import dev.filial.node.store.Schema;
import dev.filial.node.store.StoreException;
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
    private final Transports transports;

    StatusController(Node node, Transports transports) {
        this.node = node;
        this.transports = transports;
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
        HubStatus hub = HubStatus.of(node);
        Map<String, Object> toHub = new LinkedHashMap<>();
        toHub.put("unacknowledgedTransactions", hub.unacknowledged());
        toHub.put("unacknowledgedBatches", hub.backlog());
        toHub.put("unacknowledgedBatchChanges", hub.backlogChanges());
        toHub.put("oldestUnacknowledged", hub.oldestUnacknowledged());
        toHub.put("lastSent", hub.lastSent());
        toHub.put("lastAcknowledged", hub.lastAcknowledged());
        Map<String, Object> fromHub = new LinkedHashMap<>();
        fromHub.put("lastApplied", hub.lastApplied());
        fromHub.put("held", hub.held());
        if (hub.waitingFor() != null) {
            fromHub.put("waitingFor", hub.waitingFor());
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", node.config().code().toString());
        status.put("id", node.config().id());
        status.put("hub", node.config().hub().toString());
        status.put("engine", node.config().engine().toString());
        status.put("schema", Schema.VERSION);
        status.put("toHub", toHub);
        status.put("fromHub", fromHub);
        status.put("quarantined", hub.quarantined());
        status.put("transports", transports.status());
        if (!transports.peers().isEmpty()) {
            status.put("nodes", transports.peers());
        }
        return status;
    }
}
