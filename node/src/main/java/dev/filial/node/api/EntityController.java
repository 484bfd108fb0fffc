package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.activity.ActivityViews;
import dev.filial.node.access.Actor;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.report.EntityExport;
import dev.filial.node.report.ExportFormat;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.ValidationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/{entity}}: create, read, update (PUT and PATCH both set only the fields given),
 * delete, and list with {@code ?field=value}, {@code ?field.op=value} (eq, ne, lt, lte, gt, gte,
 * like with * or %, null=true|false), {@code sort=field,-field}, {@code page} (from 0) and {@code size};
 * {@code format=csv|tsv|xlsx} exports every row matching the filters (not one page) as a file.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class EntityController {

    private static final Set<String> RESERVED = Set.of("page", "size", "sort", "allowDuplicates", "view", "format");

    private final Node node;

    EntityController(Node node) {
        this.node = node;
    }

    static Actor actor(HttpRequest<?> request) {
        return AuthFilter.actor(request);
    }

    /** A page of the list as JSON, or with {@code format=csv|tsv|xlsx} every matching row as a file. */
    @Get("/{entity}")
    HttpResponse<?> list(HttpRequest<?> request, @PathVariable String entity) {
        ListQuery query = query(request);
        String view = request.getParameters().get("view");
        if (view != null) {
            query = withView(entity, view, query);
        }
        ExportFormat format = ExportResponses.format(request.getParameters().get("format"));
        if (format != null) {
            return ExportResponses.file(new EntityExport(node.entities(), actor(request), entity, query), format,
                    entity);
        }
        return HttpResponse.ok(node.entities().list(actor(request), entity, query));
    }

    @Get("/{entity}/{id}")
    Map<String, Object> get(HttpRequest<?> request, @PathVariable String entity, @PathVariable String id) {
        return node.entities().get(actor(request), entity, id);
    }

    @Post("/{entity}")
    HttpResponse<Map<String, Object>> create(HttpRequest<?> request, @PathVariable String entity,
                                             @Body Map<String, Object> body) {
        return HttpResponse.status(HttpStatus.CREATED).body(
                node.entities().create(actor(request), entity, body, allowDuplicates(request)));
    }

    @Put("/{entity}/{id}")
    Map<String, Object> put(HttpRequest<?> request, @PathVariable String entity, @PathVariable String id,
                            @Body Map<String, Object> body) {
        return node.entities().update(actor(request), entity, id, body, allowDuplicates(request));
    }

    @Patch("/{entity}/{id}")
    Map<String, Object> patch(HttpRequest<?> request, @PathVariable String entity, @PathVariable String id,
                              @Body Map<String, Object> body) {
        return put(request, entity, id, body);
    }

    @Delete("/{entity}/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(HttpRequest<?> request, @PathVariable String entity, @PathVariable String id) {
        node.entities().delete(actor(request), entity, id);
    }

    private static boolean allowDuplicates(HttpRequest<?> request) {
        return request.getParameters().getFirst("allowDuplicates").map(Boolean::parseBoolean).orElse(false);
    }

    /** Adds the filters of a named view ({@link ActivityViews}; only activities have views). */
    private static ListQuery withView(String entity, String view, ListQuery query) {
        if (!entity.equals("activities")) {
            throw ValidationException.of("query", "view", "invalid", "only activities have views: "
                    + ActivityViews.NAMES);
        }
        try {
            List<ListQuery.Filter> filters = new ArrayList<>(query.filters());
            filters.addAll(ActivityViews.filters(view, Instant.now()));
            return new ListQuery(filters, query.sort(), query.page(), query.size());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("query", "view", "invalid", e.getMessage());
        }
    }

    static ListQuery query(HttpRequest<?> request) {
        List<FieldError> errors = new ArrayList<>();
        List<ListQuery.Filter> filters = new ArrayList<>();
        request.getParameters().forEach((name, values) -> {
            if (RESERVED.contains(name)) {
                return;
            }
            int dot = name.indexOf('.');
            String column = dot < 0 ? name : name.substring(0, dot);
            try {
                ListQuery.Operator operator = dot < 0 ? ListQuery.Operator.EQ : ListQuery.Operator.parse(name.substring(dot + 1));
                values.forEach(value -> filters.add(new ListQuery.Filter(column, operator, value)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(name, "invalid", e.getMessage()));
            }
        });
        List<ListQuery.Sort> sort = new ArrayList<>();
        request.getParameters().getFirst("sort").ifPresent(keys -> {
            for (String key : keys.split(",")) {
                if (!key.isBlank()) {
                    boolean descending = key.startsWith("-");
                    sort.add(new ListQuery.Sort(descending ? key.substring(1) : key.trim(), descending));
                }
            }
        });
        int page = number(request, "page", 0, 0, Integer.MAX_VALUE / ListQuery.MAX_SIZE, errors);
        int size = number(request, "size", ListQuery.DEFAULT_SIZE, 1, ListQuery.MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("query", errors);
        }
        return new ListQuery(filters, sort, page, size);
    }

    private static int number(HttpRequest<?> request, String name, int fallback, int min, int max, List<FieldError> errors) {
        String text = request.getParameters().getFirst(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "invalid", "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
