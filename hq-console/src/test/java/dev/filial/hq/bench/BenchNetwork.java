package dev.filial.hq.bench;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * HQ on a real embedded Micronaut server on loopback, with a branch (MSK) and an agent (AG1) enrolled
 * from packages, all on SQLite files in a temporary directory that {@link #close} deletes.
 */
final class BenchNetwork implements AutoCloseable {

    static final NodeCode BRANCH = NodeCode.parse("MSK");
    static final NodeCode AGENT = NodeCode.parse("AG1");

    private final Path directory;
    private final EmbeddedServer server;
    private final Hub hub;
    private final Node branch;
    private final Node agent;

    BenchNetwork(Path base) throws IOException {
        directory = Files.createTempDirectory(base, "filial-hq-bench-");
        NodeHome hq = new NodeHome(directory.resolve("hq"));
        Hub.init(hq, NodeCode.parse("HQ"), Engine.SQLITE);
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", hq.root().toString(),
                "micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"));
        hub = server.getApplicationContext().getBean(Hub.class);
        branch = join(BRANCH, "Moscow branch", "branch");
        agent = join(AGENT, "Agent Petrov", "agent");
    }

    private Node join(NodeCode code, String name, String role) throws IOException {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(code, name, role, null, file);
        return Node.join(new NodeHome(directory.resolve(code.toString())), file,
                enrollment.passphrase().toCharArray(), Engine.SQLITE);
    }

    Hub hub() {
        return hub;
    }

    Node branch() {
        return branch;
    }

    Node agent() {
        return agent;
    }

    /** A new exchange of {@code node} with HQ; close it after use. */
    HttpExchange exchange(Node node) {
        return new HttpExchange(node, server.getURL());
    }

    /** Rows of {@code table} at {@code node}. */
    static long count(Node node, String table) {
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
        branch.close();
        agent.close();
        server.close();
        delete(directory);
    }

    static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
