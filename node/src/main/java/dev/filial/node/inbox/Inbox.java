package dev.filial.node.inbox;

import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.outbox.Outbox;
import dev.filial.node.store.CrashPoint;
import dev.filial.node.store.Database;
import dev.filial.node.Node;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchHeader;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.OfferVerdict;
import dev.filial.protocol.clock.HybridClock;
import dev.filial.protocol.part.PartAssembler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives batch files from peers: verifies them (the sender is the peer whose trusted key signed
 * them), reassembles parts, judges them against that peer's channel (duplicate, gap, fork), and hands
 * each batch's transactions to the {@link BatchConsumer} atomically and exactly once, together with the
 * channel's new state, in one database transaction. Refused files go to the {@link Quarantine}; nothing
 * already stored changes because of them.
 */
public final class Inbox {

    private final Database database;
    private final HybridClock clock;
    private final ChannelStore channels;
    private final Outbox outbox;
    private final BatchReader reader;
    private final Quarantine quarantine;
    private final BatchConsumer consumer;

    /** A branch node's inbox: batches from the hub are applied as authoritative, sparing pending local edits. */
    public Inbox(Database database, ChangeWriter writer, ChangeLog changeLog, ChannelStore channels, Outbox outbox,
                 BatchReader reader, Quarantine quarantine) {
        this(database, writer.clock(), channels, outbox, reader, quarantine, (connection, peer, sequence) ->
                new BatchApplication(database.dialect(), connection, writer, changeLog.pending(connection), peer,
                        sequence));
    }

    public Inbox(Database database, HybridClock clock, ChannelStore channels, Outbox outbox, BatchReader reader,
                 Quarantine quarantine, BatchConsumer consumer) {
        this.database = database;
        this.clock = clock;
        this.channels = channels;
        this.outbox = outbox;
        this.reader = reader;
        this.quarantine = quarantine;
        this.consumer = consumer;
    }

    /** Takes one received file (a whole batch or one part of one). */
    public Receipt receive(String source, byte[] file) {
        BatchPart part;
        try {
            part = reader.readPart(file);
        } catch (BatchRejectedException e) {
            quarantine.add(source, e.reason().code(), e.getMessage(), file);
            return Receipt.of(source, e.reason().code(), e.getMessage(), 0);
        }
        BatchHeader header = part.header();
        NodeCode peer = header.sender();
        if (header.sequence() == 0) {
            return database.write(connection -> {
                outbox.onAck(connection, peer, header.ack(), header.ackHash());
                return Receipt.of(source, OfferVerdict.AckOnly.CODE, "acknowledgement taken", 0);
            });
        }
        long committed = database.read(connection -> channels.inbound(connection, peer).lastCommitted());
        if (header.sequence() <= committed) {
            database.write(connection -> outbox.onAck(connection, peer, header.ack(), header.ackHash()));
            return Receipt.of(source, OfferVerdict.Duplicate.CODE, "batch " + header.sequence() + " was applied before; skipped",
                    header.sequence());
        }
        if (header.part().count() == 1) {
            return offer(source, List.of(part), file);
        }
        List<BatchPart> parts;
        try {
            parts = collect(part, file);
        } catch (BatchRejectedException e) {
            quarantine.add(source, e.reason().code(), e.getMessage(), file);
            return Receipt.of(source, e.reason().code(), e.getMessage(), header.sequence());
        }
        if (parts == null) {
            return Receipt.of(source, "waiting-parts", "part " + header.part().index() + " of " + header.part().count()
                    + " of batch " + header.sequence() + " kept; waiting for the others", header.sequence());
        }
        return offer(source, parts, null);
    }

    /** Stores the part; returns all parts of its batch once complete, else null. */
    private List<BatchPart> collect(BatchPart part, byte[] file) {
        BatchHeader header = part.header();
        List<byte[]> stored = database.write(connection -> {
            hold(connection, header, file);
            return storedParts(connection, header.sender(), header.sequence());
        });
        if (stored.size() < header.part().count()) {
            return null;
        }
        PartAssembler assembler = new PartAssembler();
        PartAssembler.Status status = null;
        for (byte[] bytes : stored) {
            status = assembler.offer(reader.readPart(bytes));
        }
        return status instanceof PartAssembler.Complete complete ? complete.parts() : null;
    }

    /**
     * Keeps a part in {@code inbound_held} until its batch can be applied (unless it is there already).
     * Parts held under the same sequence from another batch (the sender packed that sequence again after
     * losing its state) are dropped: the batch arriving now replaces them.
     */
    private void hold(Connection connection, BatchHeader header, byte[] file) throws SQLException {
        // the held parts of a sequence are always of one batch, so the first one tells which
        List<byte[]> held = storedParts(connection, header.sender(), header.sequence());
        if (!held.isEmpty() && !reader.readPart(held.get(0)).header().batchId().equals(header.batchId())) {
            deleteHeld(connection, header.sender(), header.sequence());
        }
        try (PreparedStatement known = connection.prepareStatement(
                "SELECT 1 FROM inbound_held WHERE peer = ? AND sequence = ? AND part_no = ?")) {
            known.setString(1, header.sender().toString());
            known.setLong(2, header.sequence());
            known.setInt(3, header.part().index());
            try (ResultSet rows = known.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO inbound_held (peer, sequence, part_no, bytes) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, header.sender().toString());
            insert.setLong(2, header.sequence());
            insert.setInt(3, header.part().index());
            insert.setBytes(4, file);
            insert.executeUpdate();
        }
    }

    /**
     * Judges a complete batch against the channel and applies it and any held batches that follow.
     * {@code unstored} is the file of a one-part batch not kept in {@code inbound_held} (null when its
     * parts are there): it is kept there only if the batch has to wait.
     */
    private Receipt offer(String source, List<BatchPart> parts, byte[] unstored) {
        BatchHeader header = parts.get(0).header();
        NodeCode peer = header.sender();
        String hash = parts.get(0).headerHash();
        if (header.schema() > Schema.VERSION) {
            if (unstored != null) {
                database.write(connection -> {
                    hold(connection, header, unstored);
                    return null;
                });
            }
            return Receipt.of(source, "upgrade-needed", "batch " + header.sequence() + " uses schema " + header.schema()
                    + " but this node has schema " + Schema.VERSION + "; it is kept: upgrade this node", header.sequence());
        }
        OfferVerdict verdict = database.write(connection -> {
            InboundChannel channel = channels.inbound(connection, peer);
            OfferVerdict judged = channel.offer(header.sequence(), header.previous(), hash);
            if (judged instanceof OfferVerdict.Held && unstored != null) {
                hold(connection, header, unstored);
            }
            channels.save(connection, peer, channel);
            return judged;
        });
        if (verdict instanceof OfferVerdict.Held) {
            return Receipt.of(source, verdict.reasonCode(), verdict.hint(), header.sequence());
        }
        if (!(verdict instanceof OfferVerdict.Apply)) {
            refuse(source, peer, header.sequence(), verdict.reasonCode(), verdict.hint(), unstored);
            return Receipt.of(source, verdict.reasonCode(), verdict.hint(), header.sequence());
        }
        int batches = 0;
        long changes = 0;
        List<String> kept = new ArrayList<>();
        List<BatchPart> next = parts;
        byte[] file = unstored;
        while (next != null) {
            BatchHeader current = next.get(0).header();
            Receipt applied = apply(source, next, file);
            if (applied.refused() && batches == 0) {
                return applied;
            }
            if (applied.refused()) {
                // this file's batch is committed; a held batch after it was refused (and quarantined) on its own
                String refusal = applied.code() + " " + applied.hint();
                return new Receipt(source, "applied", batches + " batch(es) applied; held batch " + current.sequence()
                        + " after them was refused: " + refusal, header.sequence(), batches, changes,
                        List.copyOf(kept), refusal);
            }
            CrashPoint.reach("inbox.after-commit");
            batches++;
            changes += applied.changes();
            kept.addAll(applied.kept());
            next = nextHeld(peer, current.sequence() + 1);
            file = null;
        }
        return new Receipt(source, "applied",
                batches + " batch(es) applied", header.sequence(), batches, changes, List.copyOf(kept), null);
    }

    /**
     * Applies one complete batch in one write transaction, decoding its body as it goes: a rejection
     * found late in the body (a count mismatch, a damaged value) rolls back everything of it.
     */
    private Receipt apply(String source, List<BatchPart> parts, byte[] unstored) {
        BatchHeader header = parts.get(0).header();
        NodeCode peer = header.sender();
        String hash = parts.get(0).headerHash();
        try {
            return database.write(connection -> {
                outbox.onAck(connection, peer, header.ack(), header.ackHash());
                BatchConsumer.Application application = consumer.open(connection, peer, header.sequence());
                reader.decode(parts, application::add);
                application.finish();
                Settings.put(connection, Node.CLOCK_SETTING, clock.current().toString());
                InboundChannel channel = channels.inbound(connection, peer);
                channel.commit(header.sequence(), hash);
                channels.save(connection, peer, channel);
                deleteHeldThrough(connection, peer, header.sequence());
                CrashPoint.reach("inbox.before-commit");
                return new Receipt(source, "applied", "batch " + header.sequence() + " applied", header.sequence(), 1,
                        application.applied(), application.kept(), null);
            });
        } catch (BatchRejectedException e) {
            refuse(source, peer, header.sequence(), e.reason().code(), e.getMessage(), unstored);
            return Receipt.of(source, e.reason().code(), e.getMessage(), header.sequence());
        } catch (RuntimeException e) {
            String hint = "batch " + header.sequence() + " could not be applied and nothing of it was stored: "
                    + e.getMessage();
            refuse(source, peer, header.sequence(), "apply-failed", hint, unstored);
            return Receipt.of(source, "apply-failed", hint, header.sequence());
        }
    }

    private List<BatchPart> nextHeld(NodeCode peer, long sequence) {
        List<byte[]> stored = database.read(connection -> storedParts(connection, peer, sequence));
        if (stored.isEmpty()) {
            return null;
        }
        List<BatchPart> parts = new ArrayList<>();
        for (byte[] bytes : stored) {
            parts.add(reader.readPart(bytes));
        }
        if (parts.size() < parts.get(0).header().part().count()) {
            return null;
        }
        OfferVerdict verdict = database.write(connection -> {
            InboundChannel channel = channels.inbound(connection, peer);
            OfferVerdict ready = channel.nextReady().orElse(null);
            channels.save(connection, peer, channel);
            return ready;
        });
        return verdict instanceof OfferVerdict.Apply ? parts : null;
    }

    /**
     * Moves the stored parts of batch {@code sequence}, and its {@code unstored} file if not null, to the
     * quarantine, in one transaction.
     */
    private void refuse(String source, NodeCode peer, long sequence, String code, String hint, byte[] unstored) {
        database.write(connection -> {
            for (byte[] bytes : storedParts(connection, peer, sequence)) {
                quarantine.add(connection, source, code, hint, bytes);
            }
            if (unstored != null) {
                quarantine.add(connection, source, code, hint, unstored);
            }
            deleteHeld(connection, peer, sequence);
            return null;
        });
    }

    private List<byte[]> storedParts(Connection connection, NodeCode peer, long sequence) throws SQLException {
        List<byte[]> parts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT bytes FROM inbound_held WHERE peer = ? AND sequence = ? ORDER BY part_no")) {
            select.setString(1, peer.toString());
            select.setLong(2, sequence);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    parts.add(rows.getBytes(1));
                }
            }
        }
        return parts;
    }

    private void deleteHeld(Connection connection, NodeCode peer, long sequence) throws SQLException {
        deleteHeld(connection, peer, "=", sequence);
    }

    /** Drops what is held of batch {@code sequence} and of any batch before it, which can no longer apply. */
    private void deleteHeldThrough(Connection connection, NodeCode peer, long sequence) throws SQLException {
        deleteHeld(connection, peer, "<=", sequence);
    }

    private void deleteHeld(Connection connection, NodeCode peer, String comparison, long sequence)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM inbound_held WHERE peer = ? AND sequence " + comparison + " ?")) {
            delete.setString(1, peer.toString());
            delete.setLong(2, sequence);
            delete.executeUpdate();
        }
    }
}
