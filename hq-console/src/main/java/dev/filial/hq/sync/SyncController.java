package dev.filial.hq.sync;

import dev.filial.hq.Hub;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.CrashPoint;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.exchange.RequestRefusedException;
import dev.filial.protocol.exchange.RequestSignature;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes' side of HQ over HTTP (PROTOCOL.md section 14). Every request is signed by the calling
 * node ({@link RequestSignature}).
 * <ul>
 *   <li>{@code POST /sync/v1/batches}: one batch file (a whole batch or one part); answers the receipt.</li>
 *   <li>{@code GET /sync/v1/batches/next?after=N&part=K&committed=C}: part K of the first batch for the
 *       caller after sequence N, packing the next new one first if none is stored; when there is none, an
 *       acknowledgement-only batch (sequence 0). Headers {@code Filial-Sequence} and {@code Filial-Parts}
 *       say which batch it is. C, the last batch the node committed, acknowledges HQ's batches up to it.</li>
 * </ul>
 * Each request stands alone, so an interrupted transfer is resumed by asking again: the inbox on
 * either side ignores what it has applied already.
 */
@Controller("/sync/v1")
class SyncController {

    static final String SEQUENCE = "Filial-Sequence";
    static final String PARTS = "Filial-Parts";

    private final Hub hub;
    private final RequestSignature signatures;

    SyncController(Hub hub, RequestSignature signatures) {
        this.hub = hub;
        this.signatures = signatures;
    }

    @Post("/batches")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    HttpResponse<Map<String, Object>> push(HttpRequest<?> request, @Body byte[] file) {
        NodeCode node = caller(request, file);
        Receipt receipt = hub.receive("http:" + node, file);
        CrashPoint.reach("sync.push.before-answer");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", receipt.code());
        body.put("hint", receipt.hint());
        body.put("sequence", receipt.sequence());
        body.put("changes", receipt.changes());
        return receipt.refused() ? HttpResponse.<Map<String, Object>>status(HttpStatus.UNPROCESSABLE_ENTITY).body(body)
                : HttpResponse.ok(body);
    }

    @Get(uri = "/batches/next", produces = MediaType.APPLICATION_OCTET_STREAM)
    HttpResponse<byte[]> next(HttpRequest<?> request, @QueryValue long after, @QueryValue(defaultValue = "1") int part,
                              @QueryValue(defaultValue = "0") long committed) {
        NodeCode node = caller(request, new byte[0]);
        if (part == 1) {
            // the node names the last batch it committed, in a signed request: HQ's acknowledgement of it;
            // and it is online, so HQ does not fall back to e-mail or file drop for it
            hub.node().database().write(connection -> {
                hub.node().outbox().peerHas(connection, node, committed);
                HubDelivery.pulled(connection, node, Instant.now());
                return null;
            });
        }
        Optional<OutboundBatch> stored = hub.node().outbox().storedAfter(node, after);
        if (stored.isEmpty()) {
            // one new batch per request: a large backlog is packed as it is pulled, never all at once
            stored = hub.packNext(node).flatMap(packed -> hub.node().outbox().storedAfter(node, after));
        }
        OutboundBatch batch = stored.orElseGet(() -> hub.node().outbox().acknowledgement(node));
        CrashPoint.reach("sync.pull.before-answer");
        if (part < 1 || part > batch.files().size()) {
            throw new RequestRefusedException("no-such-part", "batch " + batch.sequence() + " has "
                    + batch.files().size() + " part(s); ask for part 1 to " + batch.files().size());
        }
        return HttpResponse.ok(batch.files().get(part - 1)).header(SEQUENCE, Long.toString(batch.sequence()))
                .header(PARTS, Integer.toString(batch.files().size()));
    }

    @Error(exception = RequestRefusedException.class)
    HttpResponse<Map<String, Object>> refused(RequestRefusedException e) {
        HttpStatus status = switch (e.code()) {
            case "revoked-node" -> HttpStatus.FORBIDDEN;
            case "no-such-part" -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.UNAUTHORIZED;
        };
        return HttpResponse.<Map<String, Object>>status(status).body(Map.of("code", e.code(), "hint", e.hint()));
    }

    private NodeCode caller(HttpRequest<?> request, byte[] body) {
        String query = request.getUri().getRawQuery();
        String target = request.getUri().getRawPath() + (query == null ? "" : "?" + query);
        return signatures.verify(request.getHeaders().get(HttpHeaders.AUTHORIZATION), request.getMethodName(), target,
                body, Instant.now());
    }
}
