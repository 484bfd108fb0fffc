package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.CrashPoint;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.exchange.RequestSignature;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's exchange with its hub over HTTP (PROTOCOL.md section 14): pushes again every batch the hub
 * has not acknowledged, packs and pushes its new changes, then pulls the hub's batches one by one until
 * the hub answers with an acknowledgement only. Every request is signed with the node's key. Each step can be
 * repeated safely, so a sync cut off half-way is simply run again.
 */
public final class HttpExchange implements AutoCloseable {

    /**
     * Unacknowledged batches are pushed again after this long: at once. Over HTTP a pushed batch is
     * acknowledged within the same sync (the pull's answer carries HQ's ack), so one still unacknowledged
     * when a sync starts did not get through, or its answer was lost; HQ answers a repeat as a duplicate.
     */
    public static final long RESEND_AFTER_MILLIS = 0;
    private static final int MAX_PULLS = 100_000;

    private final Node node;
    private final NodeCode hub;
    private final HttpClient client;
    private final BlockingHttpClient http;

    public HttpExchange(Node node, URL hubUrl) {
        this.node = node;
        this.hub = node.config().hub();
        this.client = HttpClient.create(hubUrl);
        this.http = client.toBlocking();
    }

    /**
     * One full exchange.
     *
     * @throws ExchangeException when the hub cannot be reached or refuses the node
     */
    public SyncReport sync() {
        List<OutboundBatch> push = new ArrayList<>(node.outbox().dueForResend(hub, RESEND_AFTER_MILLIS));
        push.addAll(node.outbox().pack(hub));
        CrashPoint.reach("exchange.after-pack");
        int pushedChanges = 0;
        List<String> refused = new ArrayList<>();
        for (OutboundBatch batch : push) {
            for (byte[] file : batch.files()) {
                String answer = send(HttpRequest.POST("/sync/v1/batches", file)
                        .contentType(MediaType.APPLICATION_OCTET_STREAM), file);
                if (answer != null) {
                    refused.add("batch " + batch.sequence() + ": " + answer);
                }
            }
            pushedChanges += batch.changes();
        }
        CrashPoint.reach("exchange.after-push");
        int pulled = 0;
        long pulledChanges = 0;
        for (int round = 0; round < MAX_PULLS; round++) {
            long after = node.database().read(connection -> new ChannelStore().inbound(connection, hub).lastCommitted());
            HttpResponse<byte[]> first = get(after, 1);
            long sequence = Long.parseLong(first.header("Filial-Sequence"));
            int parts = Integer.parseInt(first.header("Filial-Parts"));
            Receipt receipt = node.inbox().receive("http:" + hub, first.body());
            for (int part = 2; part <= parts; part++) {
                receipt = node.inbox().receive("http:" + hub, get(after, part).body());
            }
            if (sequence == 0) {
                break;
            }
            if (receipt.refused()) {
                refused.add("hub batch " + sequence + ": " + receipt.code() + " " + receipt.hint());
                break;
            }
            pulled++;
            pulledChanges += receipt.changes();
        }
        return new SyncReport(push.size(), pushedChanges, pulled, pulledChanges, List.copyOf(refused));
    }

    private HttpResponse<byte[]> get(long after, int part) {
        String target = "/sync/v1/batches/next?after=" + after + "&part=" + part;
        try {
            return http.exchange(sign(HttpRequest.GET(target), new byte[0]), byte[].class);
        } catch (HttpClientResponseException e) {
            throw refusedBy(e);
        } catch (HttpClientException e) {
            throw unreachable(e);
        }
    }

    /** Sends; returns null when the hub took the file, else why it refused it. */
    private String send(MutableHttpRequest<byte[]> request, byte[] body) {
        try {
            http.exchange(sign(request, body), String.class);
            return null;
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() == 422) {
                return e.getResponse().getBody(String.class).orElse(e.getMessage());
            }
            throw refusedBy(e);
        } catch (HttpClientException e) {
            throw unreachable(e);
        }
    }

    private <T> MutableHttpRequest<T> sign(MutableHttpRequest<T> request, byte[] body) {
        URI uri = request.getUri();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return request.header(HttpHeaders.AUTHORIZATION, RequestSignature.sign(node.keys().signer(), node.config().code(),
                request.getMethodName(), target, body, Instant.now()));
    }

    private static ExchangeException refusedBy(HttpClientResponseException e) {
        String body = e.getResponse().getBody(String.class).orElse("");
        return new ExchangeException("refused", "the hub answered " + e.getStatus().getCode() + ": " + body);
    }

    private static ExchangeException unreachable(HttpClientException e) {
        return new ExchangeException("unreachable", "the hub cannot be reached (" + e.getMessage()
                + "); nothing is lost: the batches stay here until the next sync");
    }

    @Override
    public void close() {
        client.close();
    }
}
