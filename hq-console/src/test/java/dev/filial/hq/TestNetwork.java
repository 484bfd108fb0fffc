package dev.filial.hq;

import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HQ with a real embedded Micronaut server on loopback and the nodes enrolled from it, for the
 * end-to-end tests: HQ's home (with an optional {@code hq.yml}) under a test directory, nodes joined
 * from enrollment packages, syncs over HTTP, and the row counts the tests compare.
 */
public final class TestNetwork implements AutoCloseable {

    private final Path directory;
    private final NodeHome hqHome;
    private final int port;
    private final List<Node> nodes = new ArrayList<>();
    private EmbeddedServer server;
    private Hub hub;

    private TestNetwork(Path directory, NodeHome hqHome, int port) {
        this.directory = directory;
        this.hqHome = hqHome;
        this.port = port;
    }

    /** Creates HQ (SQLite) in {@code directory/hq} with {@code settings} as its {@code hq.yml} (null: none). */
    public static TestNetwork create(Path directory, String settings) throws IOException {
        return create(directory, settings, Engine.SQLITE);
    }

    /** Creates HQ on {@code engine} in {@code directory/hq} with {@code settings} as its {@code hq.yml}. */
    public static TestNetwork create(Path directory, String settings, Engine engine) throws IOException {
        NodeHome home = new NodeHome(directory.resolve("hq"));
        Hub.init(home, NodeCode.parse("HQ"), engine);
        if (settings != null) {
            Files.writeString(home.root().resolve(HubSettings.FILE), settings);
        }
        return new TestNetwork(directory, home, freePort());
    }

    /** Starts HQ's server (opening HQ from its home) on this network's port. */
    public TestNetwork start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", hqHome.root().toString(),
                "micronaut.server.port", port, "micronaut.server.host", "127.0.0.1"));
        hub = server.getApplicationContext().getBean(Hub.class);
        return this;
    }

    /** Stops HQ's server and closes HQ. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
            hub = null;
        }
    }

    public Hub hub() {
        return hub;
    }

    public NodeHome hqHome() {
        return hqHome;
    }

    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + port);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The home a node with {@code code} joins into. */
    public NodeHome nodeHome(String code) {
        return new NodeHome(directory.resolve(code));
    }

    /** Enrolls node {@code code} at HQ (running) and joins it from its package; closed with the network. */
    public Node join(String code, String role, Engine engine) throws IOException {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(code), code + " node", role, null, file);
        Node node = Node.join(nodeHome(code), file, enrollment.passphrase().toCharArray(), engine);
        nodes.add(node);
        return node;
    }

    /** Opens a node that joined before (a restart); closed with the network. */
    public Node reopen(String code) {
        Node node = Node.open(nodeHome(code));
        nodes.add(node);
        return node;
    }

    /** Closes {@code node} (before another process opens it). */
    public void close(Node node) {
        nodes.remove(node);
        node.close();
    }

    /** One sync of {@code node} with HQ over HTTP. */
    public SyncReport sync(Node node) {
        return sync(node, url());
    }

    /** One sync of {@code node} with HQ over HTTP, through {@code hubUrl} (a proxy, say). */
    public static SyncReport sync(Node node, URL hubUrl) {
        try (HttpExchange exchange = new HttpExchange(node, hubUrl)) {
            return exchange.sync();
        }
    }

    /** Rows in {@code table} of {@code node}. */
    public static long count(Node node, String table) {
        return number(node, "SELECT COUNT(*) FROM " + table);
    }

    /** The single number {@code sql} answers on {@code node}, with {@code arguments} bound as text. */
    public static long number(Node node, String sql, String... arguments) {
        return node.database().read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arguments.length; i++) {
                    statement.setString(i + 1, arguments[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** A text column of a row, or null when the row or the value is absent. */
    public static String text(Node node, Table table, String id, String column) {
        return node.writer().find(table, id).map(row -> row.get(column))
                .map(value -> value instanceof Value.Text text ? text.value() : null).orElse(null);
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.close();
        }
        nodes.clear();
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
