package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.OutboundChannel;
import dev.filial.protocol.channel.PendingBatch;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Sends what one peer is due by a store-and-forward transport (e-mail, file drop): the stored batches
 * it has not acknowledged for {@code resendAfter}, oldest first, then the new ones packed one at a
 * time; and, when no new batch went but the peer has not been told what this node committed since, an
 * acknowledgement-only batch, so the peer can release what it sent. A stored batch this transport never
 * carried (another transport packed it and failed, or this one failed to carry it) goes with the next
 * send, whatever {@code resendAfter} says.
 */
public final class Dispatch {

    /** Reads headers only, to check that a batch is encrypted before it leaves this way. */
    private static final BatchReader HEADERS = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null);

    private final Node node;
    private final Function<NodeCode, Optional<OutboundBatch>> packer;

    /**
     * @param packer packs the next new batch for a peer ({@code node.outbox()::packNext} on a branch; HQ
     *               first routes its own edits)
     */
    public Dispatch(Node node, Function<NodeCode, Optional<OutboundBatch>> packer) {
        this.node = node;
        this.packer = packer;
    }

    /** What one dispatch sent. */
    public record Sent(int batches, long changes, boolean acknowledgement) {
        public static final Sent NONE = new Sent(0, 0, false);
    }

    /**
     * Sends {@code peer} what it is due over {@code carrier}, named {@code transport} in the record of
     * the last acknowledgement sent.
     *
     * @param ackAgain send an acknowledgement even if it did not advance (the peer sent a batch again)
     * @throws ExchangeException when the carrier fails; what was sent before stays sent, the batch that failed
     *                           goes with the next send
     */
    public Sent send(String transport, NodeCode peer, BatchCarrier carrier, Duration resendAfter, boolean ackAgain) {
        String carriedSetting = "exchange.carried." + transport + "." + peer;
        OutboundChannel channel = node.outbox().channel(peer);
        // above the last sequence assigned only when the channel started again (the peer was enrolled again)
        long carriedBefore = node.database().read(connection -> Settings.get(connection, carriedSetting)
                .map(Long::parseLong).filter(sequence -> sequence <= channel.lastAssigned()).orElse(0L));
        long carried = carriedBefore;
        int batches = 0;
        long changes = 0;
        int packed = 0;
        try {
            // an unacknowledged batch this transport never carried goes now, whatever resendAfter says: another
            // transport packed it (HTTP, before the hub turned out to be unreachable), or carrying it failed
            SortedSet<Long> due = new TreeSet<>(node.outbox().markDueForResend(peer, resendAfter.toMillis()));
            channel.pending().stream().map(PendingBatch::sequence)
                    .filter(sequence -> sequence > carriedBefore).forEach(due::add);
            for (long sequence : due) {
                Optional<OutboundBatch> batch = node.outbox().stored(peer, sequence);
                if (batch.isPresent()) {
                    carrier.carry(peer, encrypted(peer, batch.get()));
                    carried = Math.max(carried, sequence);
                    batches++;
                    changes += batch.get().changes();
                }
            }
            for (Optional<OutboundBatch> batch = packer.apply(peer); batch.isPresent(); batch = packer.apply(peer)) {
                carrier.carry(peer, encrypted(peer, batch.get()));
                carried = Math.max(carried, batch.get().sequence());
                packed++;
                changes += batch.get().changes();
            }
        } finally {
            if (carried != carriedBefore) {
                long through = carried;
                node.database().write(connection -> {
                    Settings.put(connection, carriedSetting, Long.toString(through));
                    return null;
                });
            }
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

    /**
     * {@code batch}, when its body is encrypted: e-mail and file drop never carry a readable body.
     *
     * @throws ExchangeException {@code not-encrypted} when this node knows no exchange key of the peer
     */
    private static OutboundBatch encrypted(NodeCode peer, OutboundBatch batch) {
        if (HEADERS.readPart(batch.files().get(0)).header().encryption() == null) {
            throw new ExchangeException("not-encrypted", "batch " + batch.sequence() + " to " + peer + " is not "
                    + "encrypted because no exchange key of " + peer + " is known here; trust it (filial-node trust "
                    + "--exchange-key) and its next batches are encrypted; this one goes only over HTTP");
        }
        return batch;
    }
}
