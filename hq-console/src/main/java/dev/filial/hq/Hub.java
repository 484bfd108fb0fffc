package dev.filial.hq;

import dev.filial.hq.business.BusinessChecks;
import dev.filial.hq.consolidation.ConflictLog;
import dev.filial.hq.consolidation.Consolidator;
import dev.filial.hq.registry.Enrollment;
import dev.filial.hq.registry.Enroller;
import dev.filial.hq.registry.HubNode;
import dev.filial.hq.registry.NodeRegistry;
import dev.filial.hq.routing.HubLog;
import dev.filial.node.Node;
import dev.filial.node.capture.Changes;
import dev.filial.node.identity.NodeConfig;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * HQ: a node in the hub role ({@link HubRole}) with the node registry, the hub log, the conflict log
 * and enrollment. The CLI, the HTTP server and the demo all work on one of these.
 */
public final class Hub implements AutoCloseable {

    private final Node node;
    private final HubRole role;
    private final HubSettings settings;
    private final BusinessChecks business;

    private Hub(Node node, HubRole role, HubSettings settings) {
        this.node = node;
        this.role = role;
        this.settings = settings;
        this.business = new BusinessChecks(this, settings.business(), Clock.systemUTC());
    }

    /** Creates HQ's home: identity, keys and database (its own hub). */
    public static NodeConfig init(NodeHome home, NodeCode code, Engine engine) throws IOException {
        return init(home, code, engine, false);
    }

    /**
     * Creates HQ's home: identity, keys (the private ones sealed with a new passphrase if {@code protectKeys})
     * and database (its own hub).
     */
    public static NodeConfig init(NodeHome home, NodeCode code, Engine engine, boolean protectKeys) throws IOException {
        NodeConfig config = home.init(code, code, engine, protectKeys);
        open(home).close();
        return config;
    }

    /** Opens the HQ living in {@code home}. */
    public static Hub open(NodeHome home) {
        HubSettings settings;
        try {
            settings = HubSettings.read(home.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home.root().resolve(HubSettings.FILE) + ": " + e.getMessage(), e);
        }
        HubRole role = new HubRole(settings);
        Node node = Node.open(home, role);
        if (!node.config().hub().equals(node.config().code())) {
            node.close();
            throw new IllegalStateException(home.root() + " holds node " + node.config().code() + ", a branch of "
                    + node.config().hub() + ", not an HQ; create HQ with 'filial-hq init'");
        }
        Hub hub = new Hub(node, role, settings);
        node.database().write(connection -> {
            hub.business.start(connection);
            return null;
        });
        hub.consolidator().drainLocal();
        return hub;
    }

    public Node node() {
        return node;
    }

    public NodeCode code() {
        return node.config().code();
    }

    public HubSettings settings() {
        return settings;
    }

    public NodeRegistry registry() {
        return role.registry();
    }

    public ConflictLog conflicts() {
        return role.conflicts();
    }

    public Consolidator consolidator() {
        return role.consolidator();
    }

    public HubLog log() {
        return role.log();
    }

    /** An edit made at HQ: captured, then moved into the hub log and routed to the nodes concerned. */
    public <T> T write(Function<Changes, T> work) {
        T result = node.writer().write(work);
        consolidator().drainLocal();
        return result;
    }

    /** Takes one batch file from a node, then checks the business rules over what it brought. */
    public Receipt receive(String source, byte[] file) {
        Receipt receipt = node.inbox().receive(source, file);
        business.run();
        return receipt;
    }

    /** The business rules over consolidated data ({@link BusinessChecks}). */
    public BusinessChecks business() {
        return business;
    }

    /**
     * Packs what is new for {@code peer} (the business rules first checked over what arrived by any transport,
     * and HQ's own edits moved into the hub log).
     */
    public List<OutboundBatch> pack(NodeCode peer) {
        business.run();
        consolidator().drainLocal();
        return node.outbox().pack(peer);
    }

    /**
     * Packs the next batch for {@code peer} (HQ's own edits first moved into the hub log): one batch per
     * call, so a large backlog is packed as it is pulled; empty when nothing new is routed to it.
     */
    public Optional<OutboundBatch> packNext(NodeCode peer) {
        business.run();
        consolidator().drainLocal();
        return node.outbox().packNext(peer);
    }

    /** Enrolls a node and writes its package to {@code packageFile}. */
    public Enrollment enroll(NodeCode code, String name, String nodeRole, String group, Path packageFile) {
        return new Enroller(this, role.log()).enroll(code, name, nodeRole, group, packageFile);
    }

    /** Revokes a node: its batches are refused from now on, with {@code reason}. */
    public HubNode revoke(NodeCode code, String reason) {
        return registry().revoke(code, reason, Instant.now().toString());
    }

    @Override
    public void close() {
        node.close();
    }
}
