package dev.filial.hq;

import dev.filial.hq.registry.Enrollment;
import dev.filial.hq.routing.Router;
import dev.filial.hq.routing.Scope;
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
import dev.filial.node.store.Table;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test network on loopback: HQ behind a real embedded Micronaut server, and nodes enrolled from
 * packages that sync with it over real HTTP. HQ keeps its port when it is stopped and started again
 * (a restart, or another process serving its home meanwhile). Closing the network closes the nodes
 * and the server.
 */
public final class Network implements AutoCloseable {

    private final Path directory;
    private final NodeHome home;
    private final int port;
    private final List<Node> nodes = new ArrayList<>();
    private EmbeddedServer server;
    private Hub hub;

    private Network(Path directory, NodeHome home, int port) {
        this.directory = directory;
        this.home = home;
        this.port = port;
    }

    /** Starts HQ (SQLite) in {@code directory/hq} with {@code hqYml} as its settings (null: the defaults). */
    public static Network start(Path directory, String hqYml) throws IOException {
        return start(directory, hqYml, Engine.SQLITE);
    }

    /** Starts HQ on {@code engine} in {@code directory/hq} with {@code hqYml} as its settings (null: the defaults). */
    public static Network start(Path directory, String hqYml, Engine engine) throws IOException {
        NodeHome home = new NodeHome(directory.resolve("hq"));
        Hub.init(home, NodeCode.parse("HQ"), engine);
        if (hqYml != null) {
            Files.writeString(home.root().resolve(HubSettings.FILE), hqYml);
        }
        Network network = new Network(directory, home, freePort());
        network.restart();
        return network;
    }

    /** Starts HQ's server again (after {@link #stop}), opening HQ from its home, on the same port. */
    public void restart() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", home.root().toString(),
                "micronaut.server.port", port, "micronaut.server.host", "127.0.0.1"));
        hub = server.getApplicationContext().getBean(Hub.class);
    }

    /** Stops HQ's server and closes HQ, so that another process may open its home. */
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

    public NodeHome hqHome() {
        return home;
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Enrolls a node at HQ and joins it from its package, offline. */
    public Node join(String code, String name, String role, Engine engine) throws IOException {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(code), name, role, null, file);
        Node node = Node.join(nodeHome(code), file, enrollment.passphrase().toCharArray(), engine);
        nodes.add(node);
        return node;
    }

    /** The home of node {@code code}. */
    public NodeHome nodeHome(String code) {
        return new NodeHome(directory.resolve(code));
    }

    /** Opens node {@code code} again from its home (a restart); closed with the network. */
    public Node reopen(String code) {
        Node node = Node.open(nodeHome(code));
        nodes.add(node);
        return node;
    }

    /** Closes {@code node} now, so that another process may open its home. */
    public void close(Node node) {
        nodes.remove(node);
        node.close();
    }

    /** One full HTTP exchange of {@code node} with HQ. */
    public SyncReport sync(Node node) {
        return sync(node, url());
    }

    /** One full HTTP exchange of {@code node} with the hub at {@code hubUrl} (a proxy in front of HQ, say). */
    public static SyncReport sync(Node node, URL hubUrl) {
        try (HttpExchange exchange = new HttpExchange(node, hubUrl)) {
            return exchange.sync();
        }
    }

    /**
     * Writes at HQ an active organisation {@code name} owned by {@code owningBranch}, assigned to
     * {@code agent} (none when null); returns its id.
     */
    public String customer(String name, String owningBranch, String agent) {
        Map<String, Value> row = new LinkedHashMap<>(Map.of("kind", Value.of("organisation"), "name", Value.of(name),
                "owning_branch", Value.of(owningBranch), "active", Value.of(true)));
        if (agent != null) {
            row.put("agent", Value.of(agent));
        }
        return hub.write(changes -> changes.insert(Schema.COUNTERPARTY, row));
    }

    /** Writes the euro at HQ. */
    public void euro() {
        hub.write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"),
                "minor_units", Value.of(2))));
    }

    /** How {@code node}'s rows differ from HQ's view of its scope; empty when it holds exactly that. */
    public Map<String, String> scopeDifferences(Node node) {
        Router router = hub.node().database().read(connection -> hub.consolidator().router(connection));
        return Scope.of(hub.node().database(), router, node.config().code()).differences(Scope.held(node.database()));
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

    /** A text column of {@code node}'s row {@code id} of {@code table}; null when the row or the value is absent. */
    public static String text(Node node, Table table, String id, String column) {
        return node.writer().find(table, id).map(row -> row.get(column))
                .map(value -> value instanceof Value.Text text ? text.value() : null).orElse(null);
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

    @Override
    public void close() {
        nodes.forEach(Node::close);
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
