package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.sales.Receivables;
import dev.filial.node.store.ValidationException;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Selling: {@code /api/sales-documents} (create a priced draft, change, delete, read with lines, and the
 * transitions {@code /send}, {@code /accept}, {@code /reject}, {@code /order}, {@code /confirm}, {@code /cancel},
 * {@code /ship}, {@code /invoice}, {@code /issue}), {@code /api/payments} (record, {@code /reverse}), and the
 * reads {@code /api/counterparties/{id}/balance}, {@code /api/debtors} and {@code /api/invoices/overdue}
 * ({@code ?date=} for another day than today). Lists of documents and payments are the generic entity lists.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class SalesController {

    private final Node node;

    SalesController(Node node) {
        this.node = node;
    }

    @Post("/sales-documents")
    HttpResponse<Map<String, Object>> create(HttpRequest<?> request, @Body Map<String, Object> body) {
        return HttpResponse.status(HttpStatus.CREATED).body(node.sales().create(EntityController.actor(request), body));
    }

    @Get("/sales-documents/{id}")
    Map<String, Object> get(HttpRequest<?> request, @PathVariable String id) {
        return node.sales().get(EntityController.actor(request), id);
    }

    @Patch("/sales-documents/{id}")
    Map<String, Object> update(HttpRequest<?> request, @PathVariable String id, @Body Map<String, Object> body) {
        return node.sales().update(EntityController.actor(request), id, body);
    }

    @Delete("/sales-documents/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(HttpRequest<?> request, @PathVariable String id) {
        node.sales().delete(EntityController.actor(request), id);
    }

    @Post("/sales-documents/{id}/{action:send|accept|reject|order|confirm|cancel|ship|invoice|issue}")
    Map<String, Object> transition(HttpRequest<?> request, @PathVariable String id, @PathVariable String action,
                                   @Nullable @Body Map<String, Object> body) {
        var actor = EntityController.actor(request);
        Map<String, Object> json = body == null ? Map.of() : body;
        return switch (action) {
            case "send" -> node.sales().send(actor, id);
            case "accept" -> node.sales().accept(actor, id);
            case "reject" -> node.sales().reject(actor, id);
            case "order" -> node.sales().order(actor, id, json);
            case "confirm" -> node.sales().confirm(actor, id);
            case "cancel" -> node.sales().cancel(actor, id);
            case "ship" -> node.sales().ship(actor, id, json);
            case "invoice" -> node.sales().invoice(actor, id, json);
            default -> node.sales().issue(actor, id);
        };
    }

    @Post("/payments")
    HttpResponse<Map<String, Object>> pay(HttpRequest<?> request, @Body Map<String, Object> body) {
        return HttpResponse.status(HttpStatus.CREATED).body(node.payments().create(EntityController.actor(request),
                body));
    }

    @Post("/payments/{id}/reverse")
    Map<String, Object> reverse(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String date) {
        return node.payments().reverse(EntityController.actor(request), id, date(date));
    }

    @Get("/counterparties/{id}/balance")
    Map<String, Object> balance(HttpRequest<?> request, @PathVariable String id) {
        EntityController.actor(request);
        return new Receivables(node.database()).balance(id);
    }

    @Get("/debtors")
    List<Map<String, Object>> debtors(HttpRequest<?> request, @Nullable @QueryValue String date) {
        EntityController.actor(request);
        return new Receivables(node.database()).debtors(today(date));
    }

    @Get("/invoices/overdue")
    List<Map<String, Object>> overdue(HttpRequest<?> request, @Nullable @QueryValue String date) {
        EntityController.actor(request);
        return new Receivables(node.database()).overdue(today(date));
    }

    private static LocalDate today(String text) {
        LocalDate date = date(text);
        return date == null ? LocalDate.now() : date;
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ValidationException.of("date", "date", "type", "must be a date like 2026-11-24, got '" + text + "'");
        }
    }
}
