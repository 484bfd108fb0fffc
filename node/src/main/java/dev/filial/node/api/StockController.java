package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock documents and balances: {@code /api/stock-documents} (create a draft with its lines, change, delete,
 * read with lines and ledger entries, and {@code /post}, {@code /reverse}, {@code /receive}), {@code
 * /api/stock/balances} and {@code /api/stock/movements}. Lists of documents are the generic entity list.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class StockController {

    private final Node node;

    StockController(Node node) {
        this.node = node;
    }

    @Post("/stock-documents")
    HttpResponse<Map<String, Object>> create(HttpRequest<?> request, @Body Map<String, Object> body) {
        return HttpResponse.status(HttpStatus.CREATED).body(node.stock().create(EntityController.actor(request), body));
    }

    @Get("/stock-documents/{id}")
    Map<String, Object> get(HttpRequest<?> request, @PathVariable String id) {
        return node.stock().get(EntityController.actor(request), id);
    }

    @Patch("/stock-documents/{id}")
    Map<String, Object> update(HttpRequest<?> request, @PathVariable String id, @Body Map<String, Object> body) {
        return node.stock().update(EntityController.actor(request), id, body);
    }

    @Delete("/stock-documents/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(HttpRequest<?> request, @PathVariable String id) {
        node.stock().delete(EntityController.actor(request), id);
    }

    @Post("/stock-documents/{id}/post")
    Map<String, Object> post(HttpRequest<?> request, @PathVariable String id) {
        return node.stock().post(EntityController.actor(request), id);
    }

    @Post("/stock-documents/{id}/reverse")
    Map<String, Object> reverse(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String date) {
        return node.stock().reverse(EntityController.actor(request), id, date(date));
    }

    @Post("/stock-documents/{id}/receive")
    Map<String, Object> receive(HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String date) {
        return node.stock().receive(EntityController.actor(request), id, date(date));
    }

    /** Balances from the summary (every user may read stock): every warehouse and product with stock, or one's. */
    @Get("/stock/balances")
    List<Map<String, Object>> balances(HttpRequest<?> request, @Nullable @QueryValue("warehouse_id") String warehouse) {
        StockBalances balances = new StockBalances(node.database().dialect());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Balance balance : node.database().read(c -> balances.all(c, Optional.ofNullable(warehouse)))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("warehouse_id", balance.warehouseId());
            row.put("product_id", balance.productId());
            row.put("on_hand", balance.onHand().toPlainString());
            row.put("reserved", balance.reserved().toPlainString());
            row.put("available", balance.available().toPlainString());
            rows.add(row);
        }
        return rows;
    }

    /** The movements of one product, oldest first, with the running balance per warehouse. */
    @Get("/stock/movements")
    List<Map<String, Object>> movements(HttpRequest<?> request, @Nullable @QueryValue("product_id") String product,
                                        @Nullable @QueryValue("warehouse_id") String warehouse,
                                        @Nullable @QueryValue String from) {
        if (product == null) {
            throw ValidationException.of("stock movements", "product_id", "required", "name the product");
        }
        node.entities().get(EntityController.actor(request), "products", product);
        StockBalances balances = new StockBalances(node.database().dialect());
        return node.database().snapshot(c -> balances.movements(c, product, Optional.ofNullable(warehouse),
                Optional.ofNullable(date(from))));
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
