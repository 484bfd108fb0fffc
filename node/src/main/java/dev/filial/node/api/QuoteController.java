package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.catalog.BaseCurrency;
import dev.filial.node.catalog.PriceQuery;
import dev.filial.node.catalog.PriceQueryException;
import dev.filial.node.catalog.Quote;
import dev.filial.node.store.ValidationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code GET /api/quote?counterparty=ID&product=ID&currency=EUR&date=2026-11-23}: what the customer
 * pays for the product in that currency on that date (the date defaults to today). The company's base
 * currency is {@link BaseCurrency} (the node setting {@code base.currency}, EUR when unset).
 */
@Controller("/api/quote")
@ExecuteOn(TaskExecutors.BLOCKING)
class QuoteController {

    private final Node node;

    QuoteController(Node node) {
        this.node = node;
    }

    @Get
    Quote quote(HttpRequest<?> request, @QueryValue String counterparty, @QueryValue String product,
                @QueryValue String currency, @QueryValue(defaultValue = "") String date) {
        EntityController.actor(request);
        LocalDate day;
        try {
            day = date.isEmpty() ? LocalDate.now() : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ValidationException.of("quote", "date", "type", "must be a date yyyy-mm-dd");
        }
        return new PriceQuery(node.database(), BaseCurrency.of(node.database())).quote(counterparty, product, currency,
                day);
    }

    @Error(exception = PriceQueryException.class)
    HttpResponse<Map<String, Object>> noQuote(HttpRequest<?> request, PriceQueryException e) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(ErrorResponses.body(e.code().code(), e.getMessage(), e.hint()));
    }
}
