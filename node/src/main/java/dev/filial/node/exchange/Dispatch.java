package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.PendingBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends what one peer is due by a store-and-forward transport (e-mail, file drop): every batch it has
 * not acknowledged that this transport never carried (another transport packed it, or carrying it
 * failed) or carried at least {@code resendAfter} ago, oldest first; then the new ones, packed one at a
 * time; and, when no new batch went but the peer has not been told what this node committed since, an
 * acknowledgement-only batch, so the peer can release what it sent. When each transport carried each
 * batch is recorded only once the carrier took it ({@code outbound_carry}), so a failed carry, or
 * another transport's failed attempt, never delays a batch.
 */
public final class Dispatch {

    /** Reads headers only, to check that a batch is encrypted before it leaves this way. */
    private static final BatchReader HEADERS = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null);

    private final Node node;
    private final Function<NodeCode, Optional<OutboundBatch>> packer;
    private final Clock clock;

    /**
     * @param packer packs the next new batch for a peer ({@code node.outbox()::packNext} on a branch; HQ
     *               first routes its own edits)
     */
    public Dispatch(Node node, Function<NodeCode, Optional<OutboundBatch>> packer, Clock clock) {
        this.node = node;
        this.packer = packer;
        this.clock = clock;
    }

    /** What one dispatch sent. */
    public record Sent(int batches, long changes, boolean acknowledgement) {
        public static final Sent NONE = new Sent(0, 0, false);
    }

    /**
     * Sends {@code peer} what it is due over {@code carrier}, named {@code transport} in the record of
     * what it carried and of the last acknowledgement it sent.
     *
     * @param ackAgain send an acknowledgement even if it did not advance (the peer sent a batch again)
     * @throws ExchangeException when the carrier fails; what was carried before stays carried, the batch
     *                           that failed goes with the next send
     */
    public Sent send(String transport, NodeCode peer, BatchCarrier carrier, Duration resendAfter, boolean ackAgain) {
        int batches = 0;
        long changes = 0;
        Map<Long, Long> carried = node.outbox().carried(peer, transport);
        long dueBefore = clock.millis() - resendAfter.toMillis();
        for (PendingBatch pending : node.outbox().channel(peer).pending()) {
            Long at = carried.get(pending.sequence());
            if (at != null && at > dueBefore) {
                continue;
            }
            Optional<OutboundBatch> batch = node.outbox().stored(peer, pending.sequence());
            if (batch.isPresent()) {
                carry(transport, peer, carrier, batch.get());
                batches++;
                changes += batch.get().changes();
            }
        }
        int packed = 0;
        for (Optional<OutboundBatch> batch = packer.apply(peer); batch.isPresent(); batch = packer.apply(peer)) {
            carry(transport, peer, carrier, batch.get());
            packed++;
            changes += batch.get().changes();
        }
        long committed = node.database().read(connection -> new ChannelStore().inbound(connection, peer)
                .lastCommitted());
        String setting = "exchange.acked." + transport + "." + peer;
        long told = node.database().read(connection -> Settings.get(connection, setting).map(Long::parseLong)
                .orElse(0L));
        boolean acknowledgement = false;
        // a batch sent again carries the acknowledgement of its first send; a new one the current one
        if (packed == 0 && committed > 0 && (committed > told || ackAgain)) {
            carrier.carry(peer, encrypted(peer, node.outbox().acknowledgement(peer)));
            acknowledgement = true;
        }
        if (packed > 0 || acknowledgement) {
            node.database().write(connection -> {
                Settings.put(connection, setting, Long.toString(committed));
                return null;
            });
        }
        return new Sent(batches + packed, changes, acknowledgement);
    }

    private void carry(String transport, NodeCode peer, BatchCarrier carrier, OutboundBatch batch) {
        carrier.carry(peer, encrypted(peer, batch));
        node.outbox().recordCarried(peer, transport, batch.sequence());
    }

    /**
     * {@code batch}, when its body is encrypted: e-mail and file drop never carry a readable body.
     *
     * @throws ExchangeException {@code not-encrypted} when this node knows no exchange key of the peer
     */
    private static OutboundBatch encrypted(NodeCode peer, OutboundBatch batch) {
        if (HEADERS.readPart(batch.files().get(0)).header().encryption() == null) {
            throw new ExchangeException("not-encrypted", "batch " + batch.sequence() + " to " + peer + " is not "
                    + "encrypted because no exchange key of " + peer + " was known when it was written; trust the "
                    + "peer's key (filial-node trust --exchange-key): later batches are encrypted, and this one "
                    + "can go only over HTTP");
        }
        return batch;
    }
}
