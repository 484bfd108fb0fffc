package dev.filial.hq;

import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test network on loopback: HQ (SQLite) behind a real embedded Micronaut server, and nodes enrolled
 * from packages that sync with it over real HTTP. Closing it closes the nodes and the server.
 */
public final class Network implements AutoCloseable {

    private final Path directory;
    private final EmbeddedServer server;
    private final Hub hub;
    private final List<Node> nodes = new ArrayList<>();

    private Network(Path directory, EmbeddedServer server) {
        this.directory = directory;
        this.server = server;
        this.hub = server.getApplicationContext().getBean(Hub.class);
    }

    /** Starts HQ in {@code directory/hq} with {@code hqYml} as its settings (null: the defaults). */
    public static Network start(Path directory, String hqYml) throws IOException {
        NodeHome home = new NodeHome(directory.resolve("hq"));
        Hub.init(home, NodeCode.parse("HQ"), Engine.SQLITE);
        if (hqYml != null) {
            Files.writeString(home.root().resolve(HubSettings.FILE), hqYml);
        }
        return new Network(directory, ApplicationContext.run(EmbeddedServer.class, Map.of(
                "filial.hq.home", home.root().toString(), "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1")));
    }

    public Hub hub() {
        return hub;
    }

    public URL url() {
        return server.getURL();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Enrolls a node at HQ and joins it from its package, offline. */
    public Node join(String code, String name, String role, Engine engine) throws IOException {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(code), name, role, null, file);
        Node node = Node.join(new NodeHome(directory.resolve(code)), file, enrollment.passphrase().toCharArray(), engine);
        nodes.add(node);
        return node;
    }

    /** One full HTTP exchange of {@code node} with HQ. */
    public SyncReport sync(Node node) {
        try (HttpExchange exchange = new HttpExchange(node, url())) {
            return exchange.sync();
        }
    }

    /** HQ's counterparty {@code id}. */
    public Map<String, Value> hubCounterparty(String id) {
        return hub.node().writer().find(Schema.COUNTERPARTY, id).orElseThrow();
    }

    /** {@code node}'s counterparty {@code id}'s name. */
    public static String name(Node node, String id) {
        return text(node.writer().find(Schema.COUNTERPARTY, id).orElseThrow(), "name");
    }

    public static String text(Map<String, Value> row, String column) {
        return ((Value.Text) row.get(column)).value();
    }

    /** How many rows {@code node} holds in {@code table}. */
    public static long count(Node node, String table) {
        return node.database().read(connection -> {
            try (var statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
        server.close();
    }
}
