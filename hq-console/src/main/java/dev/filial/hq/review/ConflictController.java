package dev.filial.hq.review;

import dev.filial.hq.Hub;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.api.AuthFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/conflicts}: the conflict log for HQ's operators (HTTP Basic with a local user of HQ, as for
 * the rest of {@code /api}; deciding needs the admin or manager role).
 * <ul>
 *   <li>{@code GET /api/conflicts?status=open&limit=50}: entries newest first;</li>
 *   <li>{@code GET /api/conflicts/{id}}: one entry with both versions and HQ's value now;</li>
 *   <li>{@code POST /api/conflicts/{id}/resolve} with {@code {"choose": "incoming"|"current"}} or
 *       {@code {"value": ...}};</li>
 *   <li>{@code POST /api/conflicts/{id}/settle} with {@code {"action": ...}} for business entries
 *       (negative-stock, closed-period: accept | reverse; credit-limit: release | cancel);</li>
 *   <li>{@code POST /api/conflicts/{id}/merge} with {@code {"keep": counterparty id}} (optional) and
 *       {@code POST /api/conflicts/{id}/keep-both}, for duplicate counterparties.</li>
 * </ul>
 */
@Controller("/api/conflicts")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConflictController {

    private final ConflictReview review;

    ConflictController(Hub hub) {
        this.review = new ConflictReview(hub);
    }

    @Get
    Map<String, Object> list(@Nullable @QueryValue String status, @QueryValue(defaultValue = "50") int limit) {
        List<Map<String, Object>> items = review.list(status, limit).stream().map(ConflictView::json).toList();
        return Map.of("items", items);
    }

    @Get("/{id}")
    Map<String, Object> show(@PathVariable String id) {
        Conflict conflict = review.show(id);
        Map<String, Object> json = ConflictView.json(conflict);
        json.put("now", review.now(conflict).orElse(null));
        return json;
    }

    @Post("/{id}/resolve")
    Map<String, Object> resolve(HttpRequest<?> request, @PathVariable String id, @Body Map<String, Object> body) {
        boolean chosen = body.containsKey("choose");
        if (chosen == body.containsKey("value")) {
            throw new ReviewException(ReviewException.Problem.BAD_REQUEST, "the body has " + body.keySet());
        }
        Conflict decided = chosen
                ? review.choose(id, String.valueOf(body.get("choose")), AuthFilter.actor(request))
                : review.enter(id, body.get("value"), AuthFilter.actor(request));
        return ConflictView.json(decided);
    }

    @Post("/{id}/merge")
    Map<String, Object> merge(HttpRequest<?> request, @PathVariable String id,
                              @Nullable @Body Map<String, Object> body) {
        Object keep = body == null ? null : body.get("keep");
        return ConflictView.json(review.merge(id, keep == null ? null : keep.toString(), AuthFilter.actor(request)));
    }

    /** {@code {"action": "accept" | "reverse" | "release" | "cancel"}} on an open business entry. */
    @Post("/{id}/settle")
    Map<String, Object> settle(HttpRequest<?> request, @PathVariable String id, @Body Map<String, Object> body) {
        Object action = body.get("action");
        if (action == null) {
            throw new ReviewException(ReviewException.Problem.BAD_REQUEST, "the body has no action");
        }
        return ConflictView.json(review.settle(id, action.toString(), AuthFilter.actor(request)));
    }

    @Post("/{id}/keep-both")
    Map<String, Object> keepBoth(HttpRequest<?> request, @PathVariable String id) {
        return ConflictView.json(review.keepBoth(id, AuthFilter.actor(request)));
    }

    @Error(exception = ReviewException.class)
    HttpResponse<Map<String, Object>> refused(ReviewException e) {
        HttpStatus status;
        switch (e.problem()) {
            case NOT_FOUND:
                status = HttpStatus.NOT_FOUND;
                break;
            case ROW_GONE:
                status = HttpStatus.CONFLICT;
                break;
            default:
                status = HttpStatus.UNPROCESSABLE_ENTITY;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.problem().code());
        body.put("message", e.getMessage());
        body.put("hint", e.hint());
        return HttpResponse.<Map<String, Object>>status(status).body(body);
    }
}
