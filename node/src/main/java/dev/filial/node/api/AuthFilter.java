package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code /api} call is authenticated with HTTP Basic against the node's local users; the
 * {@link Actor} is put on the request for the controllers.
 */
@ServerFilter("/api/**")
public final class AuthFilter {

    static final String ACTOR = "filial.actor";

    private final Node node;

    AuthFilter(Node node) {
        this.node = node;
    }

    /** The authenticated user of an {@code /api} request (HQ's own controllers use this too). */
    public static Actor actor(HttpRequest<?> request) {
        return request.getAttribute(ACTOR, Actor.class).orElseThrow();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        Optional<Actor> actor = request.getHeaders().getAuthorization().flatMap(AuthFilter::credentials)
                .flatMap(pair -> node.users().authenticate(pair[0], pair[1].toCharArray()));
        if (actor.isEmpty()) {
            return HttpResponse.unauthorized()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"filial-node\", charset=\"UTF-8\"")
                    .body(Map.of("error", "unauthenticated", "message", "a valid user and password are required",
                            "hint", "send HTTP Basic credentials of a local user; an admin adds users with 'filial-node user add'"));
        }
        request.setAttribute(ACTOR, actor.get());
        return null;
    }

    private static Optional<String[]> credentials(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
