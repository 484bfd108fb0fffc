package dev.filial.hq;

import dev.filial.hq.consolidation.ConflictLog;
import dev.filial.hq.consolidation.Consolidator;
import dev.filial.hq.registry.NodeRegistry;
import dev.filial.hq.routing.HubLog;
import dev.filial.hq.routing.HubLogSource;
import dev.filial.node.ReplicationRole;
import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Database;
import java.time.Clock;

/**
 * The hub role of a node: batches from enrolled nodes are consolidated, each node's batches are read
 * from the hub log through its routes, and the key ring is the node registry's.
 */
final class HubRole implements ReplicationRole {

    private final HubSettings settings;
    private NodeRegistry registry;
    private HubLog log;
    private ConflictLog conflicts;
    private Consolidator consolidator;

    HubRole(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public Parts attach(NodeHome home, Database database, ChangeWriter writer, ChangeLog changeLog) {
        registry = new NodeRegistry(database);
        log = new HubLog();
        conflicts = new ConflictLog(database);
        consolidator = new Consolidator(database, writer, changeLog, log, conflicts, registry, settings.routing(),
                settings.conflicts(), Clock.systemUTC());
        return new Parts(new HubLogSource(), consolidator, registry.keyRing(), registry.exchangeKeys(),
                settings.exchange());
    }

    NodeRegistry registry() {
        return registry;
    }

    HubLog log() {
        return log;
    }

    ConflictLog conflicts() {
        return conflicts;
    }

    Consolidator consolidator() {
        return consolidator;
    }
}
