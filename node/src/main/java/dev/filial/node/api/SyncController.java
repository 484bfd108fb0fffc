package dev.filial.node.api;

import dev.filial.node.delivery.RunReport;
import dev.filial.node.delivery.Transports;
import dev.filial.node.exchange.ExchangeException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * "Sync now" for the node's users: {@code POST /api/sync} runs the transports in priority order (or only
 * {@code ?transport=mail}) and answers one report per transport; 422 {@code no-transport} when none is
 * configured. Scheduled transports also run on their own; each one's status is in {@code GET /api/status}.
 */
@Controller("/api/sync")
@ExecuteOn(TaskExecutors.BLOCKING)
class SyncController {

    private final Transports transports;

    SyncController(Transports transports) {
        this.transports = transports;
    }

    @Post
    List<RunReport> syncNow(HttpRequest<?> request, @Nullable @QueryValue String transport) {
        EntityController.actor(request);
        return transports.syncNow(transport);
    }

    @Error(exception = ExchangeException.class)
    HttpResponse<Map<String, String>> refused(ExchangeException e) {
        return HttpResponse.<Map<String, String>>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(Map.of("code", e.code(), "hint", e.getMessage()));
    }
}
