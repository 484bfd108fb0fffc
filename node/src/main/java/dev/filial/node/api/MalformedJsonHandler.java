package dev.filial.node.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/** A body that is not JSON gets the API's typed error instead of Micronaut's default one. */
@Singleton
@Replaces(JsonExceptionHandler.class)
class MalformedJsonHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {

    @Override
    @SuppressWarnings("rawtypes")
    public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
        return HttpResponse.badRequest(ErrorResponses.body("malformed", "the request body is not valid JSON: "
                + exception.getMessage(), "send a JSON object of field names and values"));
    }
}
