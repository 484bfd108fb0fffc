package dev.filial.node.outbox;

import dev.filial.node.capture.CapturedTransaction;
import dev.filial.node.capture.ChangeLog;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.channel.Ack;
import dev.filial.protocol.channel.AckOutcome;
import dev.filial.protocol.channel.ChainLink;
import dev.filial.protocol.channel.OutboundChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns captured local transactions into signed batches to the hub and keeps each batch's files
 * until the hub acknowledges it. Every outgoing batch also acknowledges what this node received.
 */
public final class Outbox {

    /** Changes per batch, roughly: a batch always holds whole transactions. */
    public static final int BATCH_CHANGES = 20_000;

    private final Database database;
    private final ChangeLog changeLog;
    private final ChannelStore channels;
    private final BatchWriter writer;
    private final NodeCode self;
    private final NodeCode hub;
    private final Clock clock;

    public Outbox(Database database, ChangeLog changeLog, ChannelStore channels, BatchWriter writer, NodeCode self,
                  NodeCode hub, Clock clock) {
        this.database = database;
        this.changeLog = changeLog;
        this.channels = channels;
        this.writer = writer;
        this.self = self;
        this.hub = hub;
        this.clock = clock;
    }

    /**
     * Packs every captured transaction not yet in a batch into new batches, stored until acknowledged.
     *
     * @return the new batches, oldest first (none when nothing new was captured)
     */
    public List<OutboundBatch> pack() {
        List<OutboundBatch> packed = new ArrayList<>();
        while (true) {
            OutboundBatch next = database.write(this::packOne);
            if (next == null) {
                return packed;
            }
            packed.add(next);
        }
    }

    private OutboundBatch packOne(Connection connection) throws SQLException {
        List<CapturedTransaction> captured = changeLog.after(connection, packedUpTo(connection), BATCH_CHANGES);
        if (captured.isEmpty()) {
            return null;
        }
        OutboundChannel channel = channels.outbound(connection, hub);
        ChainLink link = channel.nextSequence();
        Ack ack = channels.inbound(connection, hub).ackToSend();
        Instant now = clock.instant();
        List<Transaction> transactions = new ArrayList<>(captured.size());
        int changes = 0;
        for (CapturedTransaction entry : captured) {
            transactions.add(entry.transaction());
            changes += entry.transaction().changes().size();
        }
        BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(), self, hub, link.sequence(), link.previous(),
                ack.sequence(), ack.hash(), Schema.VERSION, now);
        List<BatchFile> files = writer.write(envelope, transactions);
        String hash = files.get(0).batchHash();
        long lastSeq = captured.get(captured.size() - 1).seq();
        try (PreparedStatement batch = connection.prepareStatement("INSERT INTO outbound_batch (peer, sequence, batch_id, "
                + "hash, last_change_seq, change_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            batch.setString(1, hub.toString());
            batch.setLong(2, link.sequence());
            batch.setString(3, envelope.batchId());
            batch.setString(4, hash);
            batch.setLong(5, lastSeq);
            batch.setLong(6, changes);
            batch.setString(7, now.toString());
            batch.executeUpdate();
        }
        storeParts(connection, link.sequence(), files);
        channel.recordSent(link.sequence(), hash, now.toEpochMilli());
        channels.save(connection, hub, channel);
        return new OutboundBatch(link.sequence(), hash, changes, files.stream().map(BatchFile::bytes).toList());
    }

    private void storeParts(Connection connection, long sequence, List<BatchFile> files) throws SQLException {
        try (PreparedStatement part = connection.prepareStatement(
                "INSERT INTO outbound_part (peer, sequence, part_no, bytes) VALUES (?, ?, ?, ?)")) {
            for (BatchFile file : files) {
                part.setString(1, hub.toString());
                part.setLong(2, sequence);
                part.setInt(3, file.header().part().index());
                part.setBytes(4, file.bytes());
                part.executeUpdate();
            }
        }
    }

    private long packedUpTo(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT MAX(last_change_seq) FROM outbound_batch WHERE peer = ?")) {
            statement.setString(1, hub.toString());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * The stored batches the hub has not acknowledged whose last send is at least
     * {@code resendAfterMillis} ago, marked as sent again now; byte-identical to the first send.
     */
    public List<OutboundBatch> dueForResend(long resendAfterMillis) {
        return database.write(connection -> {
            OutboundChannel channel = channels.outbound(connection, hub);
            long now = clock.millis();
            List<OutboundBatch> due = new ArrayList<>();
            for (long sequence : channel.dueForResend(now, resendAfterMillis)) {
                due.add(stored(connection, sequence));
                channel.markResent(sequence, now);
            }
            channels.save(connection, hub, channel);
            return due;
        });
    }

    /** An ack-only batch (sequence 0) that tells the hub what this node has received. */
    public OutboundBatch acknowledgement() {
        return database.read(connection -> {
            Ack ack = channels.inbound(connection, hub).ackToSend();
            BatchEnvelope envelope = new BatchEnvelope(Uuid7.next(), self, hub, 0, null, ack.sequence(), ack.hash(),
                    Schema.VERSION, clock.instant());
            List<BatchFile> files = writer.write(envelope, List.of());
            return new OutboundBatch(0, files.get(0).batchHash(), 0, files.stream().map(BatchFile::bytes).toList());
        });
    }

    /**
     * Takes the hub's acknowledgement from an incoming batch header, inside the inbox's transaction:
     * releases the acknowledged batches' files and their change log entries, or recovers when the hub
     * is ahead of this node (restored from a backup: unacknowledged changes are packed again).
     */
    public AckOutcome onAck(Connection connection, long ack, String ackHash) throws SQLException {
        OutboundChannel channel = channels.outbound(connection, hub);
        AckOutcome outcome = channel.onAck(ack, ackHash);
        if (outcome instanceof AckOutcome.Released released) {
            long last = released.sequences().get(released.sequences().size() - 1);
            changeLog.release(connection, lastChangeSeq(connection, last));
            deleteParts(connection, "sequence <= ?", last);
            channels.save(connection, hub, channel);
        } else if (outcome instanceof AckOutcome.PeerAhead) {
            List<Long> orphaned = channel.recoverFromPeer(ack, ackHash);
            if (!orphaned.isEmpty()) {
                deleteParts(connection, "sequence >= ?", orphaned.get(0));
                try (PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM outbound_batch WHERE peer = ? AND sequence >= ?")) {
                    forget.setString(1, hub.toString());
                    forget.setLong(2, orphaned.get(0));
                    forget.executeUpdate();
                }
            }
            channels.save(connection, hub, channel);
        }
        return outcome;
    }

    private long lastChangeSeq(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT last_change_seq FROM outbound_batch WHERE peer = ? AND sequence = ?")) {
            statement.setString(1, hub.toString());
            statement.setLong(2, sequence);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private void deleteParts(Connection connection, String condition, long sequence) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM outbound_part WHERE peer = ? AND " + condition)) {
            delete.setString(1, hub.toString());
            delete.setLong(2, sequence);
            delete.executeUpdate();
        }
    }

    private OutboundBatch stored(Connection connection, long sequence) throws SQLException {
        List<byte[]> files = new ArrayList<>();
        try (PreparedStatement parts = connection.prepareStatement(
                "SELECT bytes FROM outbound_part WHERE peer = ? AND sequence = ? ORDER BY part_no")) {
            parts.setString(1, hub.toString());
            parts.setLong(2, sequence);
            try (ResultSet rows = parts.executeQuery()) {
                while (rows.next()) {
                    files.add(rows.getBytes(1));
                }
            }
        }
        try (PreparedStatement batch = connection.prepareStatement(
                "SELECT hash, change_count FROM outbound_batch WHERE peer = ? AND sequence = ?")) {
            batch.setString(1, hub.toString());
            batch.setLong(2, sequence);
            try (ResultSet rows = batch.executeQuery()) {
                rows.next();
                return new OutboundBatch(sequence, rows.getString(1), rows.getInt(2), files);
            }
        }
    }

    /** The hub this outbox sends to. */
    public NodeCode hub() {
        return hub;
    }

    /** Unacknowledged batches and the oldest one's sequence, for status. */
    public OutboundChannel channel() {
        return database.read(connection -> channels.outbound(connection, hub));
    }
}
