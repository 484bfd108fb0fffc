package dev.filial.hq.demo;

import dev.filial.hq.Hub;
import dev.filial.hq.HubSettings;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.hq.routing.Router;
import dev.filial.hq.routing.Scope;
import dev.filial.node.Node;
import dev.filial.node.catalog.BaseCurrency;
import dev.filial.node.access.Role;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo network (the README's main command): HQ behind a real HTTP server on loopback, a branch
 * office (MSK, SQLite) and a travelling agent (AG1, Derby) enrolled from packages, sample data, offline
 * edits on every side including real conflicts, syncs (the branch over HTTP, the agent through a drop
 * folder), and a report of what happened, where to look, and whether every node holds exactly HQ's view
 * of its scope.
 */
public final class DemoNetwork {

    private static final NodeCode HQ = NodeCode.parse("HQ");
    private static final String SETTINGS = "conflicts:\n"
            + "  default: latest-wins\n"
            + "  tables:\n"
            + "    counterparty:\n"
            + "      columns: {credit_limit: hq-wins}\n"
            + "business:\n"
            + "  negativeStock: reverse\n";

    private static final String MARKER = ".filial-demo";

    private final Path directory;
    private final int port;
    private final PrintStream out;

    /**
     * @param directory emptied and filled with the network's homes and packages
     * @param port      HQ's port on 127.0.0.1 (0: any free one)
     */
    public DemoNetwork(Path directory, int port, PrintStream out) {
        this.directory = directory.toAbsolutePath().normalize(); // exchange.yml names folders from the home
        this.port = port;
        this.out = out;
    }

    /**
     * Runs the demo and stops everything, or with {@code stay} keeps HQ serving until the process ends.
     *
     * @return whether every node converged on HQ's view of its scope
     */
    public boolean run(boolean stay) throws IOException, InterruptedException {
        empty(directory);
        NodeHome hqHome = new NodeHome(directory.resolve("hq"));
        Hub.init(hqHome, HQ, Engine.SQLITE);
        // the shared folder must exist before use, as a mounted share would: a drop run does not create it
        Path drop = Files.createDirectories(directory.resolve("drop"));
        Files.writeString(hqHome.root().resolve(HubSettings.FILE), SETTINGS + "exchange:\n  transports:\n"
                + "    - {type: drop, folder: '" + drop + "'}\n");
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("filial.hq.home",
                hqHome.root().toString(), "micronaut.server.port", port == 0 ? -1 : port,
                "micronaut.server.host", "127.0.0.1"));
        Node branch = null;
        Node agent = null;
        try {
            Hub hub = server.getApplicationContext().getBean(Hub.class);
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
            hub.node().users().put("admin", "Demo administrator", Role.ADMIN, password.toCharArray());
            out.printf("Filial demo network in %s%n  HQ   SQLite, serving at %s%n%n", directory, server.getURL());

            SampleData data = SampleData.write(hub);
            BaseCurrency.set(hub.node().database(), "RUB");
            out.println("1. HQ's sample data: " + counts(Scope.held(hub.node().database())));
            branch = join(hub, "MSK", "Moscow office", "branch", Engine.SQLITE);
            agent = join(hub, "AG1", "Agent Petrov's laptop", "agent", Engine.DERBY);
            agent = byDropFolder(hub, agent, drop);
            for (Node node : List.of(branch, agent)) {
                BaseCurrency.set(node.database(), "RUB"); // the company's books are in roubles, as HQ's
            }
            out.println("2. Enrolled from packages and joined offline, each with its scope only:");
            out.println("     MSK (branch, SQLite): " + counts(Scope.held(branch.database())));
            out.println("     AG1 (agent, Derby):   " + counts(Scope.held(agent.database())));

            out.println("3. Offline edits:");
            new DemoEdits(hub, branch, agent, data).make(out);

            out.println("4. Sync: MSK over HTTP, AG1 through the drop folder " + drop + " (a share or a USB stick):");
            HubDelivery hubDrop = new HubDelivery(hub, System::getenv, Clock.systemUTC());
            Delivery agentDrop = new Delivery(agent, System::getenv);
            for (int round = 0; round < 2; round++) {
                SyncReport report = sync(branch, server);
                out.printf("     MSK pushed %d changes in %d batch(es), pulled %d changes in %d batch(es)%s%n",
                        report.pushedChanges(), report.pushed(), report.pulledChanges(), report.pulled(),
                        report.refused().isEmpty() ? "" : "; refused: " + report.refused());
                agentDrop.syncNow("drop").forEach(run -> out.println("     AG1 " + run.line().substring(6)));
                hubDrop.syncNow("drop").forEach(run -> out.println("     HQ  " + run.line().substring(6)));
            }
            agentDrop.syncNow("drop").forEach(run -> out.println("     AG1 " + run.line().substring(6)));
            out.println("5. HQ's conflict log:");
            List<Conflict> conflicts = hub.conflicts().list(null, 20);
            conflicts.forEach(conflict -> out.println("     " + ConflictLine.of(conflict, hub)));

            Map<String, Node> nodes = new LinkedHashMap<>();
            nodes.put("MSK", branch);
            nodes.put("AG1", agent);
            boolean converged = report(hub, nodes);
            where(server, password, conflicts);
            if (stay) {
                out.println("HQ keeps serving; stop with Ctrl-C.");
                Thread.currentThread().join();
            }
            return converged;
        } finally {
            for (Node node : new Node[] {branch, agent}) {
                if (node != null) {
                    node.close();
                }
            }
            server.close();
        }
    }

    private Node join(Hub hub, String code, String name, String role, Engine engine) throws IOException {
        Path file = directory.resolve(code + ".filial");
        String passphrase = hub.enroll(NodeCode.parse(code), name, role, null, file).passphrase();
        return Node.join(new NodeHome(directory.resolve(code)), file, passphrase.toCharArray(), engine);
    }

    /** Gives the agent a drop transport in {@code drop} and tells HQ to reach it there; reopens it. */
    private Node byDropFolder(Hub hub, Node agent, Path drop) throws IOException {
        NodeHome home = agent.home();
        agent.close();
        Files.writeString(home.root().resolve(ExchangeSettings.FILE), "transports:\n  - {type: drop, folder: '" + drop
                + "'}\n");
        hub.registry().setAddresses(agent.config().code(), List.of(NodeAddress.parse("drop:" + drop)));
        return Node.open(home);
    }

    private static SyncReport sync(Node node, EmbeddedServer server) {
        try (HttpExchange exchange = new HttpExchange(node, server.getURL())) {
            return exchange.sync();
        }
    }

    /** Prints the converged counts and checks each node against HQ's view of its scope. */
    private boolean report(Hub hub, Map<String, Node> nodes) {
        Router router = hub.node().database().read(connection -> hub.consolidator().router(connection));
        Map<String, Integer> hq = Scope.held(hub.node().database()).counts();
        Map<String, Map<String, Integer>> held = new LinkedHashMap<>();
        boolean converged = true;
        StringBuilder verdicts = new StringBuilder();
        for (Map.Entry<String, Node> node : nodes.entrySet()) {
            Scope holds = Scope.held(node.getValue().database());
            held.put(node.getKey(), holds.counts());
            Map<String, String> differences = Scope.of(hub.node().database(), router, NodeCode.parse(node.getKey()))
                    .differences(holds);
            converged &= differences.isEmpty();
            verdicts.append(String.format("     %s holds exactly HQ's view of its scope: %s%n", node.getKey(),
                    differences.isEmpty() ? "yes" : "NO " + differences));
        }
        out.println("6. Converged rows:");
        out.printf("     %-16s %6s %6s %6s%n", "table", "HQ", "MSK", "AG1");
        hq.forEach((table, count) -> out.printf("     %-16s %6d %6d %6d%n", table, count,
                held.get("MSK").get(table), held.get("AG1").get(table)));
        out.print(verdicts);
        return converged;
    }

    private void where(EmbeddedServer server, String password, List<Conflict> conflicts) {
        String url = server.getURL().toString();
        Path hq = directory.resolve("hq");
        out.println("7. Where to look (to keep HQ serving: --stay, or ./mvnw -q -Pdemo -Ddemo.args=--stay):");
        out.printf("     curl -u admin:%s %s/api/conflicts%n", password, url);
        out.printf("     curl -u admin:%s '%s/api/counterparties?owning_branch=MSK&sort=name'%n", password, url);
        out.printf("     curl -u admin:%s %s/api/stock/balances%n", password, url);
        out.printf("     curl -u admin:%s '%s/api/reports/sales?group=branch&format=csv'%n", password, url);
        out.printf("     filial-hq conflicts --home %s            (show, resolve, merge, keep-both)%n", hq);
        conflicts.stream().filter(conflict -> conflict.status().equals(Conflict.OPEN)).findFirst().ifPresent(open ->
                out.printf("     filial-hq conflicts merge %s --home %s%n", open.id(), hq));
        out.printf("     filial-hq nodes --home %s%n", hq);
        out.printf("     filial-node status --home %s%n", directory.resolve("MSK"));
        out.printf("     filial-node status --home %s    (its drop transport)%n", directory.resolve("AG1"));
        out.printf("     ls -R %s%n", directory.resolve("drop"));
    }

    private static String counts(Scope scope) {
        Map<String, Integer> counts = scope.counts();
        return counts.get("counterparty") + " counterparties, " + counts.get("contact_person") + " contacts, "
                + counts.get("activity") + " activities, " + counts.get("product") + " products, "
                + counts.get("price") + " prices, " + counts.get("currency") + " currencies, "
                + counts.get("warehouse") + " warehouses, " + counts.get("stock_entry") + " stock entries";
    }

    /** Empties a directory the demo made before (it carries {@link #MARKER}); refuses any other. */
    private static void empty(Path directory) throws IOException {
        if (Files.isDirectory(directory) && !Files.exists(directory.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " is not empty and was not made by the demo; "
                            + "choose another --dir or remove it yourself");
                }
            }
        }
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARKER), "made by the Filial demo network; it empties this directory\n");
    }
}
