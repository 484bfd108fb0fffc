package dev.filial.hq.bench;

import dev.filial.hq.Hub;
import dev.filial.hq.HubSettings;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.hq.delivery.MailServers;
import dev.filial.hq.registry.Enrollment;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.exchange.ExchangeSettings;
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
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * HQ on a real embedded Micronaut server on loopback, with a branch (MSK) and an agent (AG1) enrolled
 * from packages, all on SQLite files in a temporary directory that {@link #close} deletes. Besides HTTP,
 * the network may exchange by e-mail through its own GreenMail server (SMTP and IMAP on loopback, one
 * mailbox per node), or through a drop folder inside the temporary directory: HQ's {@code hq.yml} and
 * each node's {@code exchange.yml} then configure that transport, and HQ knows each node by that address.
 */
final class BenchNetwork implements AutoCloseable {

    static final NodeCode BRANCH = NodeCode.parse("MSK");
    static final NodeCode AGENT = NodeCode.parse("AG1");
    static final NodeCode HQ = NodeCode.parse("HQ");

    /** How the nodes exchange besides HTTP, which HQ always serves. */
    enum Transport {
        HTTP, MAIL, DROP;

        /** The transport type in {@code exchange.yml} and in sync runs. */
        String type() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path directory;
    private final Transport transport;
    private final MailServers mail;
    private final String hubMailbox;
    private final EmbeddedServer server;
    private final Hub hub;
    private final Node branch;
    private final Node agent;

    /** A network that exchanges over HTTP only. */
    BenchNetwork(Path base) throws IOException {
        this(base, Transport.HTTP, hub -> {
        });
    }

    /**
     * @param seed writes at HQ before the nodes join, so that their enrollment snapshots carry it
     */
    BenchNetwork(Path base, Transport transport, Consumer<Hub> seed) throws IOException {
        this.directory = Files.createTempDirectory(base, "filial-hq-bench-");
        this.transport = transport;
        if (transport == Transport.DROP) {
            // the shared folder is there before anyone uses it, as a mounted share would be
            Files.createDirectories(dropFolder());
        }
        this.mail = transport == Transport.MAIL ? new MailServers() : null;
        this.hubMailbox = mail == null ? null : mail.mailbox(HQ.toString());
        try {
            NodeHome hq = new NodeHome(directory.resolve("hq"));
            Hub.init(hq, HQ, Engine.SQLITE);
            if (transport != Transport.HTTP) {
                Files.writeString(hq.root().resolve(HubSettings.FILE), "exchange:\n  transports:\n" + yaml(HQ));
            }
            server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", hq.root().toString(),
                    "micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"));
        } catch (IOException | RuntimeException e) {
            if (mail != null) {
                mail.close();
            }
            throw e;
        }
        hub = server.getApplicationContext().getBean(Hub.class);
        seed.accept(hub);
        branch = join(BRANCH, "Moscow branch", "branch");
        agent = join(AGENT, "Agent Petrov", "agent");
    }

    private Node join(NodeCode code, String name, String role) throws IOException {
        Path file = directory.resolve(code + ".filial");
        Enrollment enrollment = hub.enroll(code, name, role, null, file);
        NodeHome home = new NodeHome(directory.resolve(code.toString()));
        if (transport != Transport.HTTP) {
            Files.createDirectories(home.root());
            Files.writeString(home.root().resolve(ExchangeSettings.FILE), "transports:\n" + yaml(code));
            String address = transport == Transport.MAIL ? mail.mailbox(code.toString()) : dropFolder().toString();
            hub.registry().setAddresses(code, List.of(NodeAddress.parse(transport.type() + ":" + address)));
        }
        return Node.join(home, file, enrollment.passphrase().toCharArray(), Engine.SQLITE);
    }

    /** The transport's settings for {@code code} (one list item under {@code transports:}). */
    private String yaml(NodeCode code) {
        if (transport == Transport.MAIL) {
            return mail.transportYaml(code.toString(), code.equals(HQ) ? null : hubMailbox, "10MB", "6h");
        }
        return "    - type: drop\n      folder: " + dropFolder() + "\n      resendAfter: 6h\n";
    }

    private Path dropFolder() {
        return directory.resolve("drop");
    }

    Transport transport() {
        return transport;
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

    /** The mail server of a {@link Transport#MAIL} network. */
    MailServers mail() {
        if (mail == null) {
            throw new IllegalStateException("this network does not exchange by e-mail");
        }
        return mail;
    }

    /** A new exchange of {@code node} with HQ; close it after use. */
    HttpExchange exchange(Node node) {
        return new HttpExchange(node, server.getURL());
    }

    /** The runs of {@code node}'s e-mail or drop transport. */
    Delivery delivery(Node node) {
        return new Delivery(node, environment());
    }

    /** HQ's runs of its e-mail or drop transport. */
    HubDelivery hubDelivery() {
        return new HubDelivery(hub, environment(), Clock.systemUTC());
    }

    /** Where mail passwords are read: the mail server's, in place of the process environment. */
    private Function<String, String> environment() {
        return mail == null ? name -> null : mail.environment();
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
        if (mail != null) {
            mail.close();
        }
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
