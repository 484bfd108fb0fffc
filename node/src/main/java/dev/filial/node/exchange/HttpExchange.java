package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.CrashPoint;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.PendingBatch;
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
import java.util.Optional;

/**
 * A node's exchange with its hub over HTTP (PROTOCOL.md section 14): pushes again every batch the hub
 * has not acknowledged, oldest first, then packs and pushes its new changes batch by batch, then pulls
 * the hub's batches one by one until the hub answers with an acknowledgement only. Every request is
 * signed with the node's key. Each step can be repeated safely, so a sync cut off half-way is simply
 * run again.
 */
public final class HttpExchange implements AutoCloseable {

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
     * One full exchange: {@link #push()}, then {@link #pull()}.
     *
     * @throws ExchangeException when the hub cannot be reached or refuses the node
     */
    public SyncReport sync() {
        return push().and(pull());
    }

    /**
     * Sends the hub again every batch it has not acknowledged, oldest first (over HTTP a pushed batch is
     * acknowledged within the same sync, so one still unacknowledged when a sync starts did not get
     * through, or its answer was lost; HQ answers a repeat as a duplicate), then packs and sends the new
     * ones batch by batch, packing the next one while the hub takes this one: at most two batches are in
     * memory. When a send fails, the batch packed ahead is stored and goes with a later
     * push, as every unacknowledged batch does.
     *
     * @throws ExchangeException when the hub cannot be reached or refuses the node
     */
    public SyncReport push() {
        int pushed = 0;
        long pushedChanges = 0;
        List<String> refused = new ArrayList<>();
        for (PendingBatch pending : node.outbox().channel(hub).pending()) {
            Optional<OutboundBatch> batch = node.outbox().stored(hub, pending.sequence());
            if (batch.isPresent()) {
                send(batch.get(), refused);
                node.outbox().markSent(hub, pending.sequence());
                pushed++;
                pushedChanges += batch.get().changes();
            }
        }
        try (Ahead<Optional<OutboundBatch>> packer = new Ahead<>("filial-pack-" + node.config().code())) {
            packer.start(() -> node.outbox().packNext(hub));
            for (Optional<OutboundBatch> batch = packer.take(); batch.isPresent(); batch = packer.take()) {
                CrashPoint.reach("exchange.after-pack");
                packer.start(() -> node.outbox().packNext(hub));
                send(batch.get(), refused);
                pushed++;
                pushedChanges += batch.get().changes();
            }
        }
        CrashPoint.reach("exchange.after-push");
        return new SyncReport(pushed, pushedChanges, 0, 0, List.copyOf(refused));
    }

    /**
     * Asks the hub for the next batch after the last one committed here and takes it, fetching the one
     * after it while this one is applied, until the hub answers with an acknowledgement only. Stops at
     * a batch that is not applied (refused, or waiting for an upgrade of this node).
     *
     * @throws ExchangeException when the hub cannot be reached or refuses the node
     */
    public SyncReport pull() {
        List<String> refused = new ArrayList<>();
        int pulled = 0;
        long pulledChanges = 0;
        try (Ahead<Fetched> fetcher = new Ahead<>("filial-fetch-" + node.config().code())) {
            long committed = node.database().read(connection ->
                    new ChannelStore().inbound(connection, hub).lastCommitted());
            Fetched batch = fetch(committed);
            for (int round = 0; round < MAX_PULLS && batch.sequence() != 0; round++) {
                long sequence = batch.sequence();
                fetcher.start(() -> fetch(sequence));
                Receipt receipt = take(batch);
                if (!receipt.code().equals("applied") && !receipt.code().equals("duplicate")) {
                    if (receipt.refused()) {
                        refused.add("hub batch " + sequence + ": " + receipt.code() + " " + receipt.hint());
                    }
                    return new SyncReport(0, 0, pulled, pulledChanges, List.copyOf(refused));
                }
                pulled++;
                pulledChanges += receipt.changes();
                batch = fetcher.take();
            }
            if (batch.sequence() == 0) {
                take(batch);
            }
        }
        return new SyncReport(0, 0, pulled, pulledChanges, List.copyOf(refused));
    }

    /** The files of one batch from the hub, its sequence (0: an acknowledgement only). */
    private record Fetched(long sequence, List<byte[]> files) {
    }

    /** Every part of the hub's first batch after {@code after}. */
    private Fetched fetch(long after) {
        HttpResponse<byte[]> first = get(after, 1);
        long sequence;
        int parts;
        try {
            sequence = Long.parseLong(first.header("Filial-Sequence"));
            parts = Integer.parseInt(first.header("Filial-Parts"));
        } catch (NumberFormatException e) {
            throw new ExchangeException("bad-answer", "the address answered, but not as a Filial hub (no "
                    + "Filial-Sequence and Filial-Parts headers): a captive portal, a proxy or a wrong URL?");
        }
        List<byte[]> files = new ArrayList<>(parts);
        files.add(first.body());
        for (int part = 2; part <= parts; part++) {
            files.add(get(after, part).body());
        }
        return new Fetched(sequence, files);
    }

    /** Hands every file of {@code batch} to the inbox; the receipt of the last one. */
    private Receipt take(Fetched batch) {
        Receipt receipt = null;
        for (byte[] file : batch.files()) {
            receipt = node.inbox().receive("http:" + hub, file);
        }
        return receipt;
    }

    /** Posts every file of {@code batch}; a refusal is added to {@code refused}. */
    private void send(OutboundBatch batch, List<String> refused) {
        for (byte[] file : batch.files()) {
            String answer = send(HttpRequest.POST("/sync/v1/batches", file)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM), file);
            if (answer != null) {
                refused.add("batch " + batch.sequence() + ": " + answer);
            }
        }
    }

    /**
     * Part {@code part} of the hub's first batch after {@code after}; the first part's request says which
     * hub batch is committed here (the hub reads it only there).
     */
    private HttpResponse<byte[]> get(long after, int part) {
        String target = "/sync/v1/batches/next?after=" + after + "&part=" + part;
        if (part == 1) {
            target += "&committed=" + node.database().read(connection -> new ChannelStore().inbound(connection, hub)
                    .lastCommitted());
        }
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
