package dev.filial.protocol.batch;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.signing.KeyId;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The signed header of one batch file (one part of a batch): who sends to whom, where the batch
 * stands on the channel, what the body holds, and which key signed it. PROTOCOL.md section 5
 * defines every field. All parts of a batch carry the same header except {@link #part()}.
 *
 * @param format the format version, {@link #FORMAT}
 * @param batchId the batch's UUIDv7, the same in all its parts
 * @param sequence the channel sequence, 1, 2, ...; 0 for an ack-only batch without data
 * @param previous the batch hash of the previous batch on the channel; null for sequence 0 and 1
 * @param ack the last sequence the sender received and committed from the recipient; 0 for none
 * @param ackHash the batch hash of that acknowledged batch; null when {@code ack} is 0
 * @param schema the sender's database schema version
 * @param counts changes per table, tables in name order
 * @param encryption how the body is encrypted; null for a plain body
 * @param key the id of the Ed25519 key whose signature is in header.sig
 */
public record BatchHeader(int format, String batchId, NodeCode sender, NodeCode recipient, long sequence,
                          String previous, long ack, String ackHash, int schema, Instant created,
                          long transactions, long changes, SortedMap<String, Long> counts,
                          BodyInfo body, Encryption encryption, PartInfo part, KeyId key) {

    /** The only format version this code reads and writes. */
    public static final int FORMAT = 1;

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BatchHeader {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format must be " + FORMAT + ": " + format);
        }
        require(Uuid7.isValid(batchId), "batch id must be a lower-case UUIDv7: " + batchId);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        require(!sender.equals(recipient), "sender and recipient must differ: " + sender);
        require(sequence >= 0, "sequence must not be negative: " + sequence);
        if (sequence <= 1) {
            require(previous == null, "sequence " + sequence + " has no previous batch");
        } else {
            require(isHash(previous), "previous must be a SHA-256 hex digest for sequence " + sequence);
        }
        require(ack >= 0, "ack must not be negative: " + ack);
        require(ack == 0 ? ackHash == null : isHash(ackHash), "ackHash must be a SHA-256 hex digest exactly when ack > 0");
        require(schema >= 1, "schema version must be at least 1: " + schema);
        Objects.requireNonNull(created, "created");
        require(transactions >= 0 && changes >= transactions, "changes must be at least transactions, both >= 0");
        Objects.requireNonNull(counts, "counts");
        long sum = 0;
        for (var entry : counts.entrySet()) {
            require(RowChange.isValidName(entry.getKey()), "counts names an invalid table: " + entry.getKey());
            require(entry.getValue() != null && entry.getValue() > 0, "count of " + entry.getKey() + " must be positive");
            sum += entry.getValue();
        }
        require(sum == changes, "per-table counts add up to " + sum + ", not to changes " + changes);
        require(sequence > 0 || transactions == 0, "an ack-only batch (sequence 0) carries no transactions");
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(key, "key");
        require(part.count() > 1 || (part.size() == body.size() && part.sha256().equals(body.sha256())),
                "a batch of one part has the part equal to the body");
    }

    /**
     * True when {@code other} is another part of the same batch: the same batch id, channel
     * position, parties, body and part count. Parts may differ only in their own part fields.
     */
    public boolean samePartedBatchAs(BatchHeader other) {
        return batchId.equals(other.batchId) && sequence == other.sequence && sender.equals(other.sender)
                && recipient.equals(other.recipient) && body.equals(other.body) && part.count() == other.part.count();
    }

    /** True for 64 lower-case hex digits. */
    public static boolean isHash(String text) {
        return text != null && SHA256.matcher(text).matches();
    }

    /** The stored body: encoding and compression of the plaintext, and size and SHA-256 of the stored bytes. */
    public record BodyInfo(String encoding, String compression, long size, String sha256) {
        public static final String JSON = "json";
        public static final String ZSTD = "zstd";

        public BodyInfo {
            require(JSON.equals(encoding), "body encoding must be '" + JSON + "': " + encoding);
            require(ZSTD.equals(compression), "body compression must be '" + ZSTD + "': " + compression);
            require(size > 0, "body size must be positive: " + size);
            require(isHash(sha256), "body sha256 must be 64 lower-case hex digits");
        }
    }

    /** Encryption of the stored body to the recipient's X25519 key. */
    public record Encryption(String scheme, KeyId recipientKey, String ephemeralKey) {
        public Encryption {
            require(dev.filial.protocol.crypto.BodyCipher.SCHEME.equals(scheme), "unknown encryption scheme: " + scheme);
            Objects.requireNonNull(recipientKey, "recipientKey");
            require(ephemeralKey != null && ephemeralKey.matches("[0-9a-f]{64}"),
                    "ephemeral key must be 64 lower-case hex digits");
        }
    }

    /** This file's share of the stored body: part {@code index} of {@code count}, its size and SHA-256. */
    public record PartInfo(int index, int count, long size, String sha256) {
        public PartInfo {
            require(count >= 1 && index >= 1 && index <= count, "part must be i of n with 1 <= i <= n: " + index + "/" + count);
            require(size > 0, "part size must be positive: " + size);
            require(isHash(sha256), "part sha256 must be 64 lower-case hex digits");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
