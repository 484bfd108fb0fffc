package dev.filial.node;

import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.inbox.BatchConsumer;
import dev.filial.node.outbox.ChangeLogSource;
import dev.filial.node.outbox.OutboundSource;
import dev.filial.node.store.Database;
import dev.filial.protocol.signing.KeyRing;
import java.io.IOException;

/**
 * What a node does with what it sends and receives. A branch node sends its change log to its hub,
 * applies the hub's batches as authoritative and trusts the keys in {@code trust/}; a hub (HQ) plugs in
 * its own source, consumer and key ring (the {@code hq-console} module).
 */
public interface ReplicationRole {

    /** The parts of the replication engine a role decides. {@code consumer} null: apply as a branch does. */
    record Parts(OutboundSource source, BatchConsumer consumer, KeyRing keys) {
    }

    /** Called once while the node opens, after its database and write path are ready. */
    Parts attach(NodeHome home, Database database, ChangeWriter writer, ChangeLog changeLog) throws IOException;

    /** The branch role. */
    ReplicationRole BRANCH = (home, database, writer, changeLog) ->
            new Parts(new ChangeLogSource(changeLog), null, home.peers().keyRing());
}
