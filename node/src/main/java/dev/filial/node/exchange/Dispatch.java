package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends what one peer is due by a store-and-forward transport (e-mail, file drop): the stored batches
 * it has not acknowledged for {@code resendAfter}, oldest first, then the new ones packed one at a
 * time; and, when no new batch went but the peer has not been told what this node committed since, an
 * acknowledgement-only batch, so the peer can release what it sent.
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
     * @throws ExchangeException when the carrier fails; what was sent before stays sent
     */
    public Sent send(String transport, NodeCode peer, BatchCarrier carrier, Duration resendAfter, boolean ackAgain) {
        int batches = 0;
        long changes = 0;
        for (long sequence : node.outbox().markDueForResend(peer, resendAfter.toMillis())) {
            Optional<OutboundBatch> batch = node.outbox().stored(peer, sequence);
            if (batch.isPresent()) {
                carrier.carry(peer, encrypted(peer, batch.get()));
                batches++;
                changes += batch.get().changes();
            }
        }
        int packed = 0;
        for (Optional<OutboundBatch> batch = packer.apply(peer); batch.isPresent(); batch = packer.apply(peer)) {
            carrier.carry(peer, encrypted(peer, batch.get()));
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
