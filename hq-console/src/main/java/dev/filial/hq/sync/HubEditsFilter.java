package dev.filial.hq.sync;

import dev.filial.hq.Hub;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * After every write through HQ's {@code /api} (an operator's edit or decision), HQ's captured edits are
 * moved into the hub log and routed at once, rather than at the next pull or consolidation, so the hub
 * log holds them in the order they were made.
 */
@ServerFilter("/api/**")
class HubEditsFilter {

    private final Hub hub;

    HubEditsFilter(Hub hub) {
        this.hub = hub;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void drain(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            hub.consolidator().drainLocal();
        }
    }
}
