package dev.filial.node.exchange;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Settings;
import dev.filial.protocol.change.NodeCode;
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
 * acknowledgement-only batch, so the peer can release what it sent. A batch the carrier failed to carry
 * (and every one after it) goes again with the next send, whatever {@code resendAfter} says.
 */
public final class Dispatch {

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
     *                           goes again with the next send
     */
    public Sent send(String transport, NodeCode peer, BatchCarrier carrier, Duration resendAfter, boolean ackAgain) {
        String unsentSetting = "exchange.unsent." + transport + "." + peer;
        long unsent = node.database().read(connection -> Settings.get(connection, unsentSetting).map(Long::parseLong)
                .orElse(0L));
        int batches = 0;
        long changes = 0;
        int packed = 0;
        long carrying = 0;
        try {
            // a batch whose carrying failed counts as sent when it was packed or marked: it goes again now,
            // with every one after it, instead of after resendAfter
            SortedSet<Long> due = new TreeSet<>(node.outbox().markDueForResend(peer, resendAfter.toMillis()));
            if (unsent > 0) {
                node.outbox().channel(peer).pending().stream().map(PendingBatch::sequence)
                        .filter(sequence -> sequence >= unsent).forEach(due::add);
            }
            for (long sequence : due) {
                Optional<OutboundBatch> batch = node.outbox().stored(peer, sequence);
                if (batch.isPresent()) {
                    carrying = sequence;
                    carrier.carry(peer, batch.get());
                    batches++;
                    changes += batch.get().changes();
                }
            }
            for (Optional<OutboundBatch> batch = packer.apply(peer); batch.isPresent(); batch = packer.apply(peer)) {
                carrying = batch.get().sequence();
                carrier.carry(peer, batch.get());
                packed++;
                changes += batch.get().changes();
            }
        } catch (ExchangeException e) {
            long failed = carrying;
            if (failed > 0) {
                node.database().write(connection -> {
                    Settings.put(connection, unsentSetting, Long.toString(failed));
                    return null;
                });
            }
            throw e;
        }
        if (unsent > 0) {
            node.database().write(connection -> {
                Settings.put(connection, unsentSetting, "0");
                return null;
            });
        }
        long committed = node.database().read(connection -> new ChannelStore().inbound(connection, peer)
                .lastCommitted());
        String setting = "exchange.acked." + transport + "." + peer;
        long told = node.database().read(connection -> Settings.get(connection, setting).map(Long::parseLong)
                .orElse(0L));
        boolean acknowledgement = false;
        // a batch sent again carries the acknowledgement of its first send; a new one the current one
        if (packed == 0 && committed > 0 && (committed > told || ackAgain)) {
            carrier.carry(peer, node.outbox().acknowledgement(peer));
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
}
