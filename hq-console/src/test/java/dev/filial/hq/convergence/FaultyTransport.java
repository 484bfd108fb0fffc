package dev.filial.hq.convergence;

import dev.filial.hq.Hub;
import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batch files between HQ and its nodes, in-process: what a sender hands over stays "on the wire" until
 * a step delivers, drops, duplicates or damages it, in any order, so files are lost, repeated,
 * reordered, delayed and corrupted. Senders behave as over HTTP ({@code HttpExchange},
 * {@code SyncController}): each send packs what is new and repeats every batch not yet acknowledged;
 * acknowledgements ride on every batch, and each side also sends an acknowledgement-only batch.
 * {@link #exchange} is one reliable exchange in the order {@code HttpExchange.sync} makes it, used to
 * drain the network at the end.
 */
final class FaultyTransport {

    /** A file on the wire: to HQ from {@code node}, or from HQ to it. */
    record Flight(int node, boolean toHub, long sequence, byte[] file) {

        @Override
        public String toString() {
            return (toHub ? "node " + node + " -> HQ" : "HQ -> node " + node) + " batch " + sequence;
        }
    }

    /** The receiver key of HQ in {@link #quarantined}. */
    static final int HUB = -1;

    private final TrialNetwork network;
    private final List<Flight> wire = new ArrayList<>();
    private final List<Receipt> refused = new ArrayList<>();
    private final Map<Integer, Integer> quarantined = new HashMap<>();
    private int lost;
    private int repeated;

    FaultyTransport(TrialNetwork network) {
        this.network = network;
    }

    /** Node {@code index} resends everything unacknowledged, packs what is new, and acknowledges. */
    void send(int index) {
        Node node = network.node(index);
        NodeCode hub = node.config().hub();
        List<OutboundBatch> batches = new ArrayList<>(node.outbox().dueForResend(hub, 0));
        batches.addAll(node.outbox().pack(hub));
        batches.add(node.outbox().acknowledgement(hub));
        put(batches, index, true);
    }

    /** HQ resends node {@code index} everything unacknowledged, packs what is new for it, and acknowledges. */
    void serve(int index) {
        Hub hub = network.hub();
        NodeCode code = network.code(index);
        List<OutboundBatch> batches = new ArrayList<>(hub.node().outbox().dueForResend(code, 0));
        batches.addAll(hub.pack(code));
        batches.add(hub.node().outbox().acknowledgement(code));
        put(batches, index, false);
    }

    private void put(List<OutboundBatch> batches, int index, boolean toHub) {
        for (OutboundBatch batch : batches) {
            batch.files().forEach(file -> wire.add(new Flight(index, toHub, batch.sequence(), file)));
        }
    }

    /** Takes file {@code pick} (modulo those on the wire) off the wire and does {@code fault} with it. */
    void deliver(int pick, Schedule.Fault fault) {
        if (wire.isEmpty()) {
            return;
        }
        Flight flight = wire.remove(pick % wire.size());
        switch (fault) {
            case DROP -> lost++;
            case DUPLICATE -> {
                repeated++;
                wire.add(flight);
                arrive(flight);
            }
            case DAMAGE -> damaged(flight, pick);
            default -> arrive(flight);
        }
    }

    /** Delivers every file still on the wire, in wire order; returns what the receivers made of them. */
    List<Receipt> deliverAll() {
        List<Receipt> receipts = new ArrayList<>();
        while (!wire.isEmpty()) {
            receipts.add(arrive(wire.remove(0)));
        }
        return receipts;
    }

    /**
     * Delivers {@code flight} damaged: one byte changed, or (one time in four) cut short. The receiver must
     * refuse it, quarantine it and change nothing else; the intact file is not on the wire any more, so
     * the sender's resend has to make up for it.
     */
    private void damaged(Flight flight, int pick) {
        byte[] file = flight.file();
        byte[] bad = pick % 4 == 0 ? Arrays.copyOf(file, pick % file.length) : file.clone();
        if (pick % 4 != 0) {
            bad[pick * 7919 % bad.length] ^= (byte) (1 + pick % 255);
        }
        Flight damaged = new Flight(flight.node(), flight.toHub(), flight.sequence(), bad);
        Receipt receipt = flight.toHub() ? network.hub().receive("wire:" + damaged, bad)
                : network.node(flight.node()).inbox().receive("wire:" + damaged, bad);
        if (!receipt.refused()) {
            throw new AssertionError("a damaged file was taken: " + damaged + " " + receipt);
        }
        quarantined.merge(flight.toHub() ? HUB : flight.node(), 1, Integer::sum);
    }

    private Receipt arrive(Flight flight) {
        Receipt receipt = flight.toHub() ? network.hub().receive("wire:" + flight, flight.file())
                : network.node(flight.node()).inbox().receive("wire:" + flight, flight.file());
        if (receipt.refused()) {
            refused.add(receipt);
        }
        return receipt;
    }

    /**
     * One reliable exchange of node {@code index} with HQ, as {@code HttpExchange.sync} makes it: push
     * every new and unacknowledged batch, then take HQ's batches after the last one committed until HQ
     * has nothing more (packing as {@code SyncController} does), then acknowledge them.
     *
     * @return the number of batches applied on either side
     */
    int exchange(int index) {
        Node node = network.node(index);
        Hub hub = network.hub();
        NodeCode hubCode = node.config().hub();
        NodeCode code = network.code(index);
        int applied = 0;
        List<OutboundBatch> push = new ArrayList<>(node.outbox().pack(hubCode));
        push.addAll(node.outbox().dueForResend(hubCode, 0));
        for (OutboundBatch batch : push) {
            for (byte[] file : batch.files()) {
                applied += arrive(new Flight(index, true, batch.sequence(), file)).applied();
            }
        }
        while (true) {
            long after = node.database().read(connection -> new ChannelStore().inbound(connection, hubCode)
                    .lastCommitted());
            Optional<OutboundBatch> stored = hub.node().outbox().storedAfter(code, after);
            if (stored.isEmpty() && !hub.pack(code).isEmpty()) {
                stored = hub.node().outbox().storedAfter(code, after);
            }
            OutboundBatch batch = stored.orElseGet(() -> hub.node().outbox().acknowledgement(code));
            Receipt last = null;
            for (byte[] file : batch.files()) {
                last = arrive(new Flight(index, false, batch.sequence(), file));
                applied += last.applied();
            }
            if (batch.sequence() == 0 || last == null || last.refused() || last.applied() == 0) {
                break;
            }
        }
        arrive(new Flight(index, true, 0, node.outbox().acknowledgement(hubCode).files().get(0)));
        return applied;
    }

    /** Intact files the receivers refused: there should be none. */
    List<Receipt> refused() {
        return refused;
    }

    /** Damaged files refused, by receiver: {@link #HUB}, else the node's index. */
    Map<Integer, Integer> quarantined() {
        return quarantined;
    }

    /** Files dropped so far. */
    int lost() {
        return lost;
    }

    /** Files delivered and left on the wire to arrive again. */
    int repeated() {
        return repeated;
    }
}
