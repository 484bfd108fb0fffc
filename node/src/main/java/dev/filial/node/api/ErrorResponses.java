package dev.filial.node.api;

import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.imports.ImportException;
import dev.filial.node.store.ValidationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error of the API as typed JSON: {@code {"error": code, "message": ..., "hint": ...}}, with
 * {@code fields} (field, code, message) for validation errors and {@code details} (the line of a refused import
 * file, the lines of a refused document).
 */
@Controller
class ErrorResponses {

    @Error(global = true, exception = ValidationException.class)
    HttpResponse<Map<String, Object>> invalid(HttpRequest<?> request, ValidationException e) {
        Map<String, Object> body = body("validation", "the " + e.entity() + " was not stored: some fields are not valid",
                "correct the fields listed and send again");
        body.put("fields", e.errors());
        boolean duplicate = e.errors().stream().anyMatch(error -> error.code().equals("duplicate"));
        return HttpResponse.status(duplicate ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY).body(body);
    }

    @Error(global = true, exception = RuleException.class)
    HttpResponse<Map<String, Object>> refused(HttpRequest<?> request, RuleException e) {
        Map<String, Object> body = body(e.code(), e.getMessage(), e.hint());
        body.put("details", e.details());
        return HttpResponse.status(HttpStatus.CONFLICT).body(body);
    }

    @Error(global = true, exception = ImportException.class)
    HttpResponse<Map<String, Object>> importRefused(HttpRequest<?> request, ImportException e) {
        Map<String, Object> body = body(e.code(), e.getMessage(), e.hint());
        body.put("details", e.line() > 0 ? List.of(Map.of("line", e.line())) : List.of());
        HttpStatus status = switch (e.code()) {
            case "too-large" -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case "unknown-kind" -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return HttpResponse.<Map<String, Object>>status(status).body(body);
    }

    @Error(global = true, exception = NotFoundException.class)
    HttpResponse<Map<String, Object>> notFound(HttpRequest<?> request, NotFoundException e) {
        return HttpResponse.notFound(body("not-found", e.getMessage(), "check the id or entity name"));
    }

    @Error(global = true, exception = AccessDeniedException.class)
    HttpResponse<Map<String, Object>> forbidden(HttpRequest<?> request, AccessDeniedException e) {
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(body("forbidden", e.getMessage(), "ask an administrator"));
    }

    @Error(global = true, exception = HttpStatusException.class)
    HttpResponse<Map<String, Object>> status(HttpRequest<?> request, HttpStatusException e) {
        return HttpResponse.<Map<String, Object>>status(e.getStatus()).body(body("http-" + e.getStatus().getCode(),
                e.getMessage(), "check the request"));
    }

    @Error(global = true, exception = io.micronaut.core.convert.exceptions.ConversionErrorException.class)
    HttpResponse<Map<String, Object>> unreadable(HttpRequest<?> request, Exception e) {
        return HttpResponse.badRequest(body("malformed", "the request body is not a JSON object: " + e.getMessage(),
                "send a JSON object of field names and values"));
    }

    @Error(global = true, exception = io.micronaut.http.codec.CodecException.class)
    HttpResponse<Map<String, Object>> undecodable(HttpRequest<?> request, Exception e) {
        return unreadable(request, e);
    }

    @Error(global = true, status = HttpStatus.NOT_FOUND)
    HttpResponse<Map<String, Object>> noRoute(HttpRequest<?> request) {
        return HttpResponse.notFound(body("not-found", "no such path " + request.getPath(), "see the README for the API"));
    }

    static Map<String, Object> body(String code, String message, String hint) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("hint", hint);
        body.put("fields", List.of());
        return body;
    }
}
