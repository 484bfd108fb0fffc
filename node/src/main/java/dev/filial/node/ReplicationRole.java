package dev.filial.node;

import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.identity.Peers;
import dev.filial.node.outbox.RecipientKeys;
import dev.filial.protocol.change.NodeCode;
import dev.filial.node.inbox.BatchConsumer;
import dev.filial.node.outbox.ChangeLogSource;
import dev.filial.node.outbox.OutboundSource;
import dev.filial.node.store.Database;
import dev.filial.protocol.signing.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a node does with what it sends and receives. A branch node sends its change log to its hub,
 * applies the hub's batches as authoritative and trusts the keys in {@code trust/}; a hub (HQ) plugs in
 * its own source, consumer and key ring (the {@code hq-console} module).
 */
public interface ReplicationRole {

    /**
     * The parts of the replication engine a role decides. {@code consumer} null: apply as a branch does.
     *
     * @param exchangeKeys each peer's X25519 key, to which every batch for it is encrypted
     * @param exchange     the node's transports (their limits decide the size of batch parts)
     */
    record Parts(OutboundSource source, BatchConsumer consumer, KeyRing keys, RecipientKeys exchangeKeys,
                 ExchangeSettings exchange) {
    }

    /** Called once while the node opens, after its database and write path are ready. */
    Parts attach(NodeHome home, Database database, ChangeWriter writer, ChangeLog changeLog) throws IOException;

    /** The branch role. */
    ReplicationRole BRANCH = (home, database, writer, changeLog) -> {
        Peers peers = home.peers();
        // a key once read is kept; a missing one is looked for again, so trusting it takes effect at once
        Map<NodeCode, byte[]> keys = new ConcurrentHashMap<>();
        RecipientKeys exchangeKeys = peer -> {
            byte[] known = keys.get(peer);
            if (known != null) {
                return Optional.of(known);
            }
            try {
                Optional<byte[]> read = peers.exchangeKey(peer);
                read.ifPresent(key -> keys.put(peer, key));
                return read;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the exchange key of " + peer + ": " + e.getMessage(), e);
            }
        };
        return new Parts(new ChangeLogSource(changeLog), null, peers.keyRing(), exchangeKeys,
                ExchangeSettings.read(home.root(), home.config().hubUrl()));
    };
}
