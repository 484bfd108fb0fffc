package dev.filial.node.outbox;

import dev.filial.node.channel.ChannelStore;
import dev.filial.node.store.CrashPoint;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.channel.Ack;
import dev.filial.protocol.channel.AckOutcome;
import dev.filial.protocol.channel.ChainLink;
import dev.filial.protocol.channel.OutboundChannel;
import dev.filial.protocol.channel.PendingBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the transactions of an {@link OutboundSource} into signed batches to a peer, their bodies
 * encrypted to the peer's exchange key when it is known, and keeps each batch's files until the peer
 * acknowledges it. Every outgoing batch also acknowledges what this node received from that peer. A
 * branch node has one peer, its hub; the hub has one per enrolled node.
 */
public final class Outbox {

    /** Changes per batch, roughly: a batch always holds whole transactions. */
    public static final int BATCH_CHANGES = 20_000;

    private final Database database;
    private final OutboundSource source;
    private final ChannelStore channels;
    private final BatchWriter writer;
    private final RecipientKeys recipientKeys;
    private final NodeCode self;
    private final Clock clock;

    public Outbox(Database database, OutboundSource source, ChannelStore channels, BatchWriter writer,
                  RecipientKeys recipientKeys, NodeCode self, Clock clock) {
        this.database = database;
        this.source = source;
        this.channels = channels;
        this.writer = writer;
        this.recipientKeys = recipientKeys;
        this.self = self;
        this.clock = clock;
    }

    /**
     * Packs every transaction for {@code peer} not yet in a batch into new batches, stored until acknowledged.
     * Holds every new batch in memory: a sender with a large backlog packs and sends with {@link #packNext}.
     *
     * @return the new batches, oldest first (none when there was nothing new)
     */
    public List<OutboundBatch> pack(NodeCode peer) {
        List<OutboundBatch> packed = new ArrayList<>();
        for (Optional<OutboundBatch> next = packNext(peer); next.isPresent(); next = packNext(peer)) {
            packed.add(next.get());
        }
        return packed;
    }

    /**
     * Packs the next batch for {@code peer} (about {@link #BATCH_CHANGES} changes) in its own write
     * transaction and stores it until acknowledged; empty when nothing new is left.
     */
    public Optional<OutboundBatch> packNext(NodeCode peer) {
        return Optional.ofNullable(database.write(connection -> packOne(connection, peer)));
    }

    private OutboundBatch packOne(Connection connection, NodeCode peer) throws SQLException {
        long after = packedUpTo(connection, peer);
        OutboundSource.Window window = source.next(connection, peer, after, BATCH_CHANGES);
        if (window.transactions().isEmpty()) {
            if (window.through() > after) {
                Settings.put(connection, scannedSetting(peer), Long.toString(window.through()));
            }
            return null;
        }
        OutboundChannel channel = channels.outbound(connection, peer);
        ChainLink link = channel.nextSequence();
        Ack ack = channels.inbound(connection, peer).ackToSend();
        Instant now = clock.instant();
        int changes = window.changes();
        BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(), self, peer, link.sequence(), link.previous(),
                ack.sequence(), ack.hash(), Schema.VERSION, now);
        byte[] recipientKey = recipientKeys.of(peer).orElse(null);
        List<BatchFile> files = writer.write(envelope, window.transactions(), recipientKey);
        String hash = files.get(0).batchHash();
        try (PreparedStatement batch = connection.prepareStatement("INSERT INTO outbound_batch (peer, sequence, batch_id, "
                + "hash, last_change_seq, change_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            batch.setString(1, peer.toString());
            batch.setLong(2, link.sequence());
            batch.setString(3, envelope.batchId());
            batch.setString(4, hash);
            batch.setLong(5, window.through());
            batch.setLong(6, changes);
            batch.setString(7, now.toString());
            batch.executeUpdate();
        }
        storeParts(connection, peer, link.sequence(), files);
        channel.recordSent(link.sequence(), hash, now.toEpochMilli());
        channels.save(connection, peer, channel);
        CrashPoint.reach("outbox.before-commit");
        return new OutboundBatch(link.sequence(), hash, changes, files.stream().map(BatchFile::bytes).toList());
    }

    private void storeParts(Connection connection, NodeCode peer, long sequence, List<BatchFile> files)
            throws SQLException {
        try (PreparedStatement part = connection.prepareStatement(
                "INSERT INTO outbound_part (peer, sequence, part_no, bytes) VALUES (?, ?, ?, ?)")) {
            for (BatchFile file : files) {
                part.setString(1, peer.toString());
                part.setLong(2, sequence);
                part.setInt(3, file.header().part().index());
                part.setBytes(4, file.bytes());
                part.executeUpdate();
            }
        }
    }

    /** The last source position packed for {@code peer}, or examined and found to hold nothing for it. */
    private long packedUpTo(Connection connection, NodeCode peer) throws SQLException {
        long scanned = Settings.get(connection, scannedSetting(peer)).map(Long::parseLong).orElse(0L);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT MAX(last_change_seq) FROM outbound_batch WHERE peer = ?")) {
            statement.setString(1, peer.toString());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return Math.max(scanned, rows.getLong(1));
            }
        }
    }

    private static String scannedSetting(NodeCode peer) {
        return "outbox.scanned." + peer;
    }

    private static String startSetting(NodeCode peer) {
        return "outbox.start." + peer;
    }

    /** After forgetting batches: scan again from the last batch kept, or from the channel's start. */
    private void rewindScan(Connection connection, NodeCode peer) throws SQLException {
        long start = Settings.get(connection, startSetting(peer)).map(Long::parseLong).orElse(0L);
        Settings.put(connection, scannedSetting(peer), Long.toString(start));
    }

    /**
     * Starts the channel to {@code peer} at the given position of the source: what comes before it
     * reached the peer another way (an enrollment snapshot). Only for a channel that never packed.
     */
    public void startAt(Connection connection, NodeCode peer, long position) throws SQLException {
        if (packedUpTo(connection, peer) != 0) {
            throw new IllegalStateException("the channel to " + peer + " has packed batches already");
        }
        Settings.put(connection, startSetting(peer), Long.toString(position));
        Settings.put(connection, scannedSetting(peer), Long.toString(position));
    }

    /**
     * The stored batches {@code peer} has not acknowledged whose last send is at least
     * {@code resendAfterMillis} ago, marked as sent again now; byte-identical to the first send.
     */
    public List<OutboundBatch> dueForResend(NodeCode peer, long resendAfterMillis) {
        List<OutboundBatch> due = new ArrayList<>();
        for (long sequence : markDueForResend(peer, resendAfterMillis)) {
            stored(peer, sequence).ifPresent(due::add);
        }
        return due;
    }

    /**
     * The sequences of the stored batches {@code peer} has not acknowledged whose last send is at least
     * {@code resendAfterMillis} ago, oldest first, marked as sent again now; read each with
     * {@link #stored(NodeCode, long)} when it is sent, so only one is in memory at a time.
     */
    public List<Long> markDueForResend(NodeCode peer, long resendAfterMillis) {
        return database.write(connection -> {
            OutboundChannel channel = channels.outbound(connection, peer);
            long now = clock.millis();
            List<Long> due = channel.dueForResend(now, resendAfterMillis);
            for (long sequence : due) {
                channel.markResent(sequence, now);
            }
            channels.save(connection, peer, channel);
            return due;
        });
    }

    /** Marks batch {@code sequence} to {@code peer} as sent again now (after a transport carried it). */
    public void markSent(NodeCode peer, long sequence) {
        database.write(connection -> {
            OutboundChannel channel = channels.outbound(connection, peer);
            if (channel.pending().stream().anyMatch(batch -> batch.sequence() == sequence)) {
                channel.markResent(sequence, clock.millis());
                channels.save(connection, peer, channel);
            }
            return null;
        });
    }

    /**
     * When {@code transport} last carried each unacknowledged batch to {@code peer} (ms since the epoch), by
     * sequence; a batch it never carried is absent.
     */
    public Map<Long, Long> carried(NodeCode peer, String transport) {
        return database.read(connection -> {
            Map<Long, Long> carried = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sequence, carried_at FROM outbound_carry WHERE peer = ? AND transport = ?")) {
                select.setString(1, peer.toString());
                select.setString(2, transport);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        carried.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            return carried;
        });
    }

    /** Records that {@code transport} carried batch {@code sequence} to {@code peer} now. */
    public void recordCarried(NodeCode peer, String transport, long sequence) {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM outbound_carry WHERE peer = ? AND sequence = ? AND transport = ?")) {
                delete.setString(1, peer.toString());
                delete.setLong(2, sequence);
                delete.setString(3, transport);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO outbound_carry (peer, sequence, transport, carried_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, peer.toString());
                insert.setLong(2, sequence);
                insert.setString(3, transport);
                insert.setLong(4, clock.millis());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The stored batch {@code sequence} to {@code peer}, byte-identical to its first send; empty once released. */
    public Optional<OutboundBatch> stored(NodeCode peer, long sequence) {
        return database.read(connection -> {
            for (PendingBatch pending : channels.outbound(connection, peer).pending()) {
                if (pending.sequence() == sequence) {
                    return Optional.of(stored(connection, peer, sequence));
                }
            }
            return Optional.empty();
        });
    }

    /** The stored, unacknowledged batch to {@code peer} with the lowest sequence above {@code after}, if any. */
    public Optional<OutboundBatch> storedAfter(NodeCode peer, long after) {
        return database.read(connection -> {
            for (PendingBatch pending : channels.outbound(connection, peer).pending()) {
                if (pending.sequence() > after) {
                    return Optional.of(stored(connection, peer, pending.sequence()));
                }
            }
            return Optional.empty();
        });
    }

    /** An ack-only batch (sequence 0) that tells {@code peer} what this node has received from it. */
    public OutboundBatch acknowledgement(NodeCode peer) {
        return database.read(connection -> {
            Ack ack = channels.inbound(connection, peer).ackToSend();
            BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(), self, peer, 0, null, ack.sequence(), ack.hash(),
                    Schema.VERSION, clock.instant());
            List<BatchFile> files = writer.write(envelope, List.of(), recipientKeys.of(peer).orElse(null));
            return new OutboundBatch(0, files.get(0).batchHash(), 0, files.stream().map(BatchFile::bytes).toList());
        });
    }

    /**
     * Takes {@code peer}'s acknowledgement from an incoming batch header, inside the inbox's transaction:
     * releases the acknowledged batches' files and their source entries, or recovers when the peer is
     * ahead of this node (this node was restored from a backup: unacknowledged changes are packed again).
     */
    /**
     * The peer says, in a request it signed, that it has committed every batch up to {@code sequence}
     * (an HTTP pull names it): taken as its acknowledgement of that batch, with the hash this side
     * recorded for it. A sequence this side has no pending batch for changes nothing.
     */
    public void peerHas(Connection connection, NodeCode peer, long sequence) throws SQLException {
        if (sequence <= 0) {
            return;
        }
        for (PendingBatch batch : channels.outbound(connection, peer).pending()) {
            if (batch.sequence() == sequence) {
                onAck(connection, peer, sequence, batch.hash());
                return;
            }
        }
    }

    public AckOutcome onAck(Connection connection, NodeCode peer, long ack, String ackHash) throws SQLException {
        OutboundChannel channel = channels.outbound(connection, peer);
        AckOutcome outcome = channel.onAck(ack, ackHash);
        if (outcome instanceof AckOutcome.Released released) {
            long last = released.sequences().get(released.sequences().size() - 1);
            source.release(connection, peer, lastChangeSeq(connection, peer, last));
            deleteRows(connection, "DELETE FROM outbound_part WHERE peer = ? AND sequence <= ?", peer, last);
            deleteRows(connection, "DELETE FROM outbound_carry WHERE peer = ? AND sequence <= ?", peer, last);
            channels.save(connection, peer, channel);
        } else if (outcome instanceof AckOutcome.PeerAhead) {
            List<Long> orphaned = channel.recoverFromPeer(ack, ackHash);
            if (!orphaned.isEmpty()) {
                long first = orphaned.get(0);
                deleteRows(connection, "DELETE FROM outbound_part WHERE peer = ? AND sequence >= ?", peer, first);
                deleteRows(connection, "DELETE FROM outbound_carry WHERE peer = ? AND sequence >= ?", peer, first);
                deleteRows(connection, "DELETE FROM outbound_batch WHERE peer = ? AND sequence >= ?", peer, first);
                rewindScan(connection, peer);
            }
            channels.save(connection, peer, channel);
        }
        return outcome;
    }

    private long lastChangeSeq(Connection connection, NodeCode peer, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_change_seq FROM outbound_batch WHERE peer = ? AND sequence = ?")) {
            statement.setString(1, peer.toString());
            statement.setLong(2, sequence);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** Runs {@code delete}, a statement with the peer and a sequence as its two parameters. */
    private static void deleteRows(Connection connection, String delete, NodeCode peer, long sequence)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setString(1, peer.toString());
            statement.setLong(2, sequence);
            statement.executeUpdate();
        }
    }

    private OutboundBatch stored(Connection connection, NodeCode peer, long sequence) throws SQLException {
        List<byte[]> files = new ArrayList<>();
        try (PreparedStatement parts = connection.prepareStatement(
                "SELECT bytes FROM outbound_part WHERE peer = ? AND sequence = ? ORDER BY part_no")) {
            parts.setString(1, peer.toString());
            parts.setLong(2, sequence);
            try (ResultSet rows = parts.executeQuery()) {
                while (rows.next()) {
                    files.add(rows.getBytes(1));
                }
            }
        }
        try (PreparedStatement batch = connection.prepareStatement(
                "SELECT hash, change_count FROM outbound_batch WHERE peer = ? AND sequence = ?")) {
            batch.setString(1, peer.toString());
            batch.setLong(2, sequence);
            try (ResultSet rows = batch.executeQuery()) {
                rows.next();
                return new OutboundBatch(sequence, rows.getString(1), rows.getInt(2), files);
            }
        }
    }

    /** The changes in the batches to {@code peer} it has not acknowledged. */
    public long backlogChanges(NodeCode peer) {
        return database.read(connection -> {
            try (PreparedStatement sum = connection.prepareStatement(
                    "SELECT SUM(change_count) FROM outbound_batch WHERE peer = ? AND sequence > ?")) {
                sum.setString(1, peer.toString());
                sum.setLong(2, channels.outbound(connection, peer).lastAck());
                try (ResultSet rows = sum.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    /** Unacknowledged batches to {@code peer} and the oldest one's sequence, for status. */
    public OutboundChannel channel(NodeCode peer) {
        return database.read(connection -> channels.outbound(connection, peer));
    }
}
