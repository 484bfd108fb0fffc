package dev.filial.hq.convergence;

import dev.filial.hq.Hub;
import dev.filial.hq.HubSettings;
import dev.filial.hq.registry.Enrollment;
import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.capture.Changes;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.stock.StockDocuments;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * HQ and its nodes in a fresh temporary directory: HQ created with some reference data and
 * counterparties, then every node enrolled and joined from its package, as an operator would. Enrolling
 * is slow on purpose (the node's keys are sealed with scrypt), so each distinct network is built once
 * and every try starts from a copy of its directories, closed right after the last node joined.
 */
final class TrialNetwork implements AutoCloseable {

    /** A branch code no node has: counterparties owned by it reach only their agent. */
    static final String UNENROLLED = "EKB";
    /** The code of the shared warehouse HQ owns, whose stock every node holds and may move. */
    static final String CENTRAL = "CENTRAL";
    /** What the seed receives of every product into every warehouse. */
    static final BigDecimal SEED_STOCK = new BigDecimal("4.000");
    private static final Map<List<Schedule.Member>, Path> TEMPLATES = new HashMap<>();
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // for a test JVM stopped before its after-container hooks ran, or while a try was running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            removeTemplates();
            OPEN.forEach(TrialNetwork::remove);
        }));
    }

    private final Path directory;
    private final boolean served;
    private EmbeddedServer server;
    private Hub hub;
    private final List<Schedule.Member> members;
    private final List<Node> nodes = new ArrayList<>();
    private boolean keep;
    private long startedAt;

    private TrialNetwork(Path directory, List<Schedule.Member> members, boolean served) {
        this.directory = directory;
        this.members = List.copyOf(members);
        this.served = served;
        openHub();
    }

    /**
     * A network of {@code members} in a new temporary directory: a copy of the network as it stood right
     * after every node joined, built once per set of members (templates are removed by {@link #removeTemplates}),
     * with HQ's {@code hq.yml} set to {@code settings} before HQ opens; {@code served}: HQ runs in the
     * embedded Micronaut server, as {@code filial-hq serve} runs it, reachable at {@link #url}.
     */
    static TrialNetwork start(List<Schedule.Member> members, String settings, boolean served) throws IOException {
        Path template;
        synchronized (TEMPLATES) {
            template = TEMPLATES.get(members);
            if (template == null) {
                template = build(members);
                TEMPLATES.put(List.copyOf(members), template);
            }
        }
        Path directory = Files.createTempDirectory("filial-convergence");
        OPEN.add(directory);
        copy(template, directory);
        Files.writeString(directory.resolve("hq").resolve(HubSettings.FILE), settings);
        TrialNetwork network = new TrialNetwork(directory, members, served);
        try {
            for (Schedule.Member member : members) {
                network.nodes.add(Node.open(new NodeHome(directory.resolve(member.code()))));
            }
            network.startedAt = ConvergenceCheck.count(network.hub.node(), "SELECT COALESCE(MAX(seq), 0) FROM hub_log");
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** HQ created and seeded, then each member enrolled and joined from its package; all closed again. */
    private static Path build(List<Schedule.Member> members) throws IOException {
        Path directory = Files.createTempDirectory("filial-convergence-template");
        Hub.init(new NodeHome(directory.resolve("hq")), NodeCode.parse("HQ"), Engine.SQLITE);
        try (TrialNetwork network = new TrialNetwork(directory, members, false)) {
            network.seed();
            for (Schedule.Member member : members) {
                network.join(member);
            }
            network.keep = true;
        }
        return directory;
    }

    /** Removes the template networks built so far. */
    static void removeTemplates() {
        synchronized (TEMPLATES) {
            TEMPLATES.values().forEach(TrialNetwork::remove);
            TEMPLATES.clear();
        }
    }

    private void openHub() {
        Path home = directory.resolve("hq");
        if (served) {
            server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home", home.toString(),
                    "micronaut.server.port", -1, "micronaut.server.host", "127.0.0.1"));
            hub = server.getApplicationContext().getBean(Hub.class);
        } else {
            hub = Hub.open(new NodeHome(home));
        }
    }

    private void closeHub() {
        if (server != null) {
            server.close();
            server = null;
        } else {
            hub.close();
        }
    }

    /** Where the served HQ listens. */
    URL url() {
        return server.getURL();
    }

    /** The hub log's last position when the try started: what follows is the try's own. */
    long startedAt() {
        return startedAt;
    }

    Hub hub() {
        return hub;
    }

    List<Schedule.Member> members() {
        return members;
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int index) {
        return nodes.get(index);
    }

    NodeCode code(int index) {
        return nodes.get(index).config().code();
    }

    /** Closes site {@code site} (0 HQ, else node {@code site - 1}) and opens it again from its directory. */
    void restart(int site) {
        if (site == 0) {
            closeHub();
            openHub();
        } else {
            Node node = nodes.get(site - 1);
            node.close();
            nodes.set(site - 1, Node.open(node.home()));
        }
    }

    /** The codes of the branches, plus one no node has. */
    List<String> branchCodes() {
        List<String> codes = new ArrayList<>();
        members.stream().filter(Schedule.Member::branch).forEach(member -> codes.add(member.code()));
        codes.add(UNENROLLED);
        return codes;
    }

    List<String> agentCodes() {
        return members.stream().filter(member -> !member.branch()).map(Schedule.Member::code).toList();
    }

    /**
     * Reference data and, per branch, a counterparty (some with an agent) with a contact person; a shared
     * warehouse {@value #CENTRAL} owned by HQ and one warehouse per branch (the unenrolled one too), and a
     * receipt of {@link #SEED_STOCK} of every product into each, posted at HQ through its stock service; a
     * default price type with a price in EUR for each product, so that orders can be priced.
     */
    private void seed() {
        seedCrm();
        hub.write(changes -> {
            List<String> warehouses = new ArrayList<>();
            warehouses.add(changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of(CENTRAL), "name",
                    Value.of("Central"), "owning_branch", Value.of("HQ"), "shared", Value.of(true),
                    "active", Value.of(true))));
            for (String branch : branchCodes()) {
                warehouses.add(changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of("W-" + branch), "name",
                        Value.of("Warehouse " + branch), "owning_branch", Value.of(branch), "shared", Value.of(false),
                        "active", Value.of(true))));
            }
            List<String> products = new ArrayList<>();
            for (String sku : List.of("P-1", "P-2", "P-3")) {
                products.add(productId(changes, sku));
            }
            String retail = changes.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("RETAIL"), "name",
                    Value.of("Retail"), "is_default", Value.of(true)));
            for (int i = 0; i < products.size(); i++) {
                changes.insert(Schema.PRICE, Map.of("product_id", Value.of(products.get(i)), "price_type_id",
                        Value.of(retail), "currency", Value.of("EUR"), "amount", Value.of(new BigDecimal(
                        List.of("100.0000", "25.5000", "3.2500").get(i))), "valid_from",
                        Value.of(LocalDate.of(2000, 1, 1))));
            }
            StockDocuments stock = hub.node().stock();
            for (String warehouse : warehouses) {
                List<Map<String, Value>> lines = new ArrayList<>();
                products.forEach(product -> lines.add(Map.of("product_id", Value.of(product),
                        "quantity", Value.of(SEED_STOCK))));
                String receipt = stock.createDraft(changes, Actor.SYSTEM, Map.of("kind", Value.of("receipt"),
                        "warehouse_id", Value.of(warehouse), "note", Value.of("seed")), lines);
                stock.post(changes, Actor.SYSTEM, receipt);
            }
            return null;
        });
    }

    private static String productId(Changes changes, String sku) {
        try (PreparedStatement select = changes.connection().prepareStatement("SELECT id FROM product WHERE sku = ?")) {
            select.setString(1, sku);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading product " + sku, e);
        }
    }

    /** Reference data and, per branch, a counterparty (some with an agent) with a contact person. */
    private void seedCrm() {
        List<String> branches = branchCodes();
        List<String> agents = agentCodes();
        hub.write(changes -> {
            changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"),
                    "minor_units", Value.of(2)));
            changes.insert(Schema.CURRENCY, Map.of("code", Value.of("USD"), "name", Value.of("Dollar"),
                    "minor_units", Value.of(2)));
            changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("P-1"), "name", Value.of("Pump"),
                    "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20.00")),
                    "kind", Value.of("goods"), "active", Value.of(true)));
            changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("P-2"), "name", Value.of("Valve"),
                    "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20.00")),
                    "kind", Value.of("goods"), "active", Value.of(true)));
            changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("P-3"), "name", Value.of("Hose"),
                    "unit", Value.of("m"), "vat_rate", Value.of(new BigDecimal("10.00")),
                    "kind", Value.of("goods"), "active", Value.of(true)));
            for (int i = 0; i < branches.size(); i++) {
                Value agent = i % 2 == 0 ? Value.of(agents.get(i / 2 % agents.size())) : Value.NULL;
                String counterparty = changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"),
                        "name", Value.of("Seed " + i), "owning_branch", Value.of(branches.get(i)), "agent", agent,
                        "active", Value.of(true)));
                changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id", Value.of(counterparty),
                        "name", Value.of("Contact " + i)));
            }
            return null;
        });
    }

    private void join(Schedule.Member member) throws IOException {
        Path file = directory.resolve(member.code() + ".filial");
        Enrollment enrollment = hub.enroll(NodeCode.parse(member.code()), member.code() + " " + member.role(),
                member.role(), null, file);
        nodes.add(Node.join(new NodeHome(directory.resolve(member.code())), file,
                enrollment.passphrase().toCharArray(), member.engine()));
    }

    @Override
    public void close() {
        nodes.forEach(Node::close);
        closeHub();
        if (!keep) {
            remove(directory);
            OPEN.remove(directory);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void remove(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }
}
