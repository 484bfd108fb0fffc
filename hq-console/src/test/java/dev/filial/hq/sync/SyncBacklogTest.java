package dev.filial.hq.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.exchange.RequestSignature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog of more than one batch over real HTTP: the branch packs and pushes it batch by batch, and
 * HQ packs the agent's copy one batch per pull request, not all at once.
 */
class SyncBacklogTest {

    private static final NodeCode AGENT = NodeCode.parse("AG1");
    private static final int TRANSACTION_CHANGES = 8_000;

    @TempDir
    Path directory;

    private EmbeddedServer server;
    private Hub hub;
    private Node branch;
    private Node agent;

    @BeforeEach
    void network() throws Exception {
        NodeHome hq = new NodeHome(directory.resolve("hq"));
        Hub.init(hq, NodeCode.parse("HQ"), Engine.SQLITE);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", hq.root().toString(),
                "micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"));
        hub = server.getApplicationContext().getBean(Hub.class);
        branch = join("MSK", "branch");
        agent = join(AGENT.toString(), "agent");
    }

    @AfterEach
    void stop() {
        for (Node node : new Node[] {branch, agent}) {
            if (node != null) {
                node.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBacklogOfSeveralBatchesGoesBatchByBatchAndHqPacksOnePerPull() throws Exception {
        for (int transaction = 0; transaction < 5; transaction++) {
            int first = transaction * TRANSACTION_CHANGES;
            branch.writer().write(changes -> {
                for (int i = first; i < first + TRANSACTION_CHANGES; i++) {
                    changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("SKU-" + i), "name", Value.of("Product " + i),
                            "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20.00")),
                            "kind", Value.of("goods"), "active", Value.of(true)));
                }
                return null;
            });
        }

        SyncReport pushed;
        try (HttpExchange exchange = new HttpExchange(branch, server.getURL())) {
            pushed = exchange.push();
        }
        int beforePull = hub.node().outbox().channel(AGENT).pending().size();
        long committed = agent.database().read(connection ->
                new ChannelStore().inbound(connection, hub.code()).lastCommitted());
        HttpResponse<byte[]> next = getNext(agent, committed);
        int afterOnePull = hub.node().outbox().channel(AGENT).pending().size();
        SyncReport pulled;
        try (HttpExchange exchange = new HttpExchange(agent, server.getURL())) {
            pulled = exchange.pull();
        }

        assertThat(pushed.pushed()).isEqualTo(2);
        assertThat(pushed.pushedChanges()).isEqualTo(5 * TRANSACTION_CHANGES);
        assertThat(pushed.refused()).isEmpty();
        assertThat(next.header("Filial-Sequence")).isEqualTo(Long.toString(committed + 1));
        assertThat(afterOnePull).isEqualTo(beforePull + 1);
        assertThat(pulled.pulled()).isEqualTo(2);
        assertThat(pulled.pulledChanges()).isEqualTo(5 * TRANSACTION_CHANGES);
        assertThat(pulled.refused()).isEmpty();
        assertThat(count(agent)).isEqualTo(5 * TRANSACTION_CHANGES).isEqualTo(count(hub.node()));
    }

    /** One signed pull request of {@code node}, as its exchange makes it. */
    private HttpResponse<byte[]> getNext(Node node, long after) {
        String target = "/sync/v1/batches/next?after=" + after + "&part=1";
        try (HttpClient client = HttpClient.create(server.getURL())) {
            return client.toBlocking().exchange(HttpRequest.GET(target).header(HttpHeaders.AUTHORIZATION,
                    RequestSignature.sign(node.keys().signer(), node.config().code(), "GET", target, new byte[0],
                            Instant.now())), byte[].class);
        }
    }

    private Node join(String code, String role) throws Exception {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(code), code + " node", role, null, file);
        return Node.join(new NodeHome(directory.resolve(code)), file, enrollment.passphrase().toCharArray(),
                Engine.SQLITE);
    }

    private static long count(Node node) {
        return node.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM product");
                 var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
