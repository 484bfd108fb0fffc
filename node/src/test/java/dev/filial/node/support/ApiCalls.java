package dev.filial.node.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.List;
import java.util.Map;

/** Calls of the REST API in tests: a JSON object or list as answered, or a typed error with its status. */
public final class ApiCalls {

    private ApiCalls() {
    }

    /** The JSON object answered ({@code {}} for no body). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Map<String, Object> call(BlockingHttpClient client, HttpRequest<?> request) {
        HttpResponse<Map> response = client.exchange(request, Map.class);
        return response.body() == null ? Map.of() : response.body();
    }

    /** The JSON list answered. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Map<String, Object>> list(BlockingHttpClient client, HttpRequest<?> request) {
        return client.retrieve(request, List.class);
    }

    /** Asserts that {@code request} fails with {@code status} and a typed error body; returns the body. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> error(BlockingHttpClient client, HttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.exchange(request, Map.class));
        assertThat((Object) e).as("expected " + status + " for " + request.getPath()).isNotNull();
        assertThat((Object) e.getStatus()).isEqualTo(status);
        Map<String, Object> body = e.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsKeys("error", "message", "hint");
        return body;
    }
}
