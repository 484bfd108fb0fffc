package dev.filial.protocol.batch;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.crypto.BodyCipher;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;

/**
 * Reads batch files strictly. {@link #readPart} checks one file in this order: container, header,
 * key, signature, recipient, part hash, so that nothing unsigned is ever decompressed.
 * {@link #decode} joins the parts, checks the whole body's hash, decrypts, decompresses within the
 * limits and decodes. Every refusal is a {@link BatchRejectedException}; no other exception escapes
 * for any input bytes.
 */
public final class BatchReader {

    /** zstd window the reader accepts at most (2^24 bytes); the writer's levels stay well below. */
    private static final int MAX_WINDOW_LOG = 24;

    private final KeyRing keys;
    private final ReaderLimits limits;
    private final NodeCode self;
    private final X25519KeyPair decryptionKey;
    private final BodyCodec bodyCodec;

    /**
     * @param self the node reading, to refuse batches addressed elsewhere; null to read any (the batch tool)
     * @param decryptionKey this node's encryption key; null if it reads only plain bodies
     */
    public BatchReader(KeyRing keys, ReaderLimits limits, NodeCode self, X25519KeyPair decryptionKey) {
        this.keys = keys;
        this.limits = limits;
        this.self = self;
        this.decryptionKey = decryptionKey;
        this.bodyCodec = BodyCodec.json(limits);
    }

    /**
     * A reader that does NOT check signatures: for the batch tool's {@code dump} of a file whose
     * sender key is not at hand. Never use it to apply anything.
     */
    public static BatchReader insecureWithoutSignatureCheck(ReaderLimits limits, X25519KeyPair decryptionKey) {
        return new BatchReader(null, limits, null, decryptionKey);
    }

    /** Reads and verifies a single-part batch file and decodes it. */
    public Batch read(byte[] file) {
        BatchPart part = readPart(file);
        if (part.header().part().count() != 1) {
            throw new BatchRejectedException(RejectReason.PART_MISMATCH, "this file is part "
                    + part.header().part().index() + " of " + part.header().part().count() + "; collect all parts first");
        }
        List<Transaction> transactions = new ArrayList<>();
        decode(List.of(part), transactions::add);
        return new Batch(part.header(), part.headerHash(), transactions);
    }

    public BatchPart readPart(byte[] file) {
        return readPart(new ByteArrayInputStream(file));
    }

    /** Reads and verifies one part file from a stream. */
    public BatchPart readPart(InputStream in) {
        BatchContainer.Entries entries;
        try {
            entries = BatchContainer.read(in, limits);
        } catch (IOException e) {
            throw new BatchRejectedException(RejectReason.TRUNCATED, "reading the file failed: " + e.getMessage(), e);
        }
        BatchHeader header = HeaderCodec.read(entries.header());
        if (keys != null) {
            verifySignature(header, entries);
        }
        if (self != null && !self.equals(header.recipient())) {
            throw new BatchRejectedException(RejectReason.WRONG_RECIPIENT,
                    "batch " + header.batchId() + " is for " + header.recipient() + ", this node is " + self);
        }
        boolean encrypted = header.encryption() != null;
        if (encrypted != entries.bodyName().equals(BatchContainer.BODY_ENCRYPTED)) {
            throw new BatchRejectedException(RejectReason.MALFORMED_CONTAINER,
                    "the body entry " + entries.bodyName() + " disagrees with the header's encryption");
        }
        byte[] data = entries.body();
        if (!entries.bodyCrcMatches()) {
            throw new BatchRejectedException(RejectReason.DAMAGED, entries.bodyName() + " does not match its CRC-32");
        }
        if (data.length != header.part().size() || !Digests.sha256(data).equals(header.part().sha256())) {
            throw new BatchRejectedException(RejectReason.BODY_HASH_MISMATCH,
                    "part " + header.part().index() + " of batch " + header.batchId() + " does not match its signed hash");
        }
        return new BatchPart(header, data, Digests.sha256(entries.header()));
    }

    private void verifySignature(BatchHeader header, BatchContainer.Entries entries) {
        KeyRing.TrustedKey key = keys.find(header.key()).orElseThrow(() -> new BatchRejectedException(
                RejectReason.UNKNOWN_KEY, "key " + header.key() + " of sender " + header.sender() + " is not trusted here"));
        if (!key.owner().equals(header.sender())) {
            throw new BatchRejectedException(RejectReason.WRONG_KEY,
                    "key " + header.key() + " belongs to " + key.owner() + ", but the batch names " + header.sender());
        }
        if (!key.key().verify(entries.header(), entries.signature())) {
            throw new BatchRejectedException(RejectReason.BAD_SIGNATURE,
                    "the signature of batch " + header.batchId() + " does not verify with key " + header.key());
        }
        if (key.isRevoked()) {
            throw new BatchRejectedException(RejectReason.REVOKED_KEY, "batch " + header.batchId() + " is signed with key "
                    + header.key() + " of " + key.owner() + ", revoked: " + key.revoked());
        }
    }

    /**
     * Joins all parts of one batch (any order), checks the whole body, and hands each transaction to
     * {@code sink} as it is read, so a caller can apply a large body in bounded memory. The caller
     * commits nothing before this returns: a rejection can come late. An exception thrown by {@code
     * sink} stops the decoding and reaches the caller unchanged.
     */
    public BodyStats decode(List<BatchPart> parts, Consumer<Transaction> sink) {
        if (parts.isEmpty()) {
            throw new BatchRejectedException(RejectReason.PART_MISMATCH, "no parts to decode");
        }
        List<BatchPart> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(p -> p.header().part().index()));
        BatchHeader first = ordered.get(0).header();
        byte[] stored = join(ordered, first);
        if (!Digests.sha256(stored).equals(first.body().sha256())) {
            throw new BatchRejectedException(RejectReason.BODY_HASH_MISMATCH,
                    "the joined body of batch " + first.batchId() + " does not match its signed hash");
        }
        byte[] compressed = first.encryption() == null ? stored : decrypt(first, stored);
        BodyStats stats;
        try (InputStream body = new Limited(new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(compressed))
                .setLongMax(MAX_WINDOW_LOG), limits.decompressedAllowance(compressed.length))) {
            stats = bodyCodec.read(body, limits.maxChanges(), transaction -> {
                try {
                    sink.accept(transaction);
                } catch (RuntimeException e) {
                    throw new SinkFailure(e);
                }
            });
        } catch (SinkFailure e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            if (e instanceof BatchRejectedException rejected) {
                throw rejected;
            }
            throw new BatchRejectedException(RejectReason.CORRUPT_BODY,
                    "the body of batch " + first.batchId() + " does not decompress: " + e.getMessage(), e);
        }
        if (stats.transactions() != first.transactions() || stats.changes() != first.changes()
                || !stats.counts().equals(first.counts())) {
            throw new BatchRejectedException(RejectReason.COUNT_MISMATCH, "the header of batch " + first.batchId()
                    + " says " + first.transactions() + " transactions, " + first.changes() + " changes " + first.counts()
                    + "; the body holds " + stats.transactions() + ", " + stats.changes() + " " + stats.counts());
        }
        return stats;
    }

    private byte[] join(List<BatchPart> ordered, BatchHeader first) {
        int count = first.part().count();
        long total = 0;
        for (int i = 0; i < ordered.size(); i++) {
            BatchHeader header = ordered.get(i).header();
            if (header.part().index() != i + 1 || !first.samePartedBatchAs(header)) {
                throw new BatchRejectedException(RejectReason.PART_MISMATCH,
                        "parts of batch " + first.batchId() + " are missing, repeated or disagree");
            }
            total += ordered.get(i).data().length;
        }
        if (ordered.size() != count || total != first.body().size() || total > limits.maxBodyBytes()) {
            throw new BatchRejectedException(total > limits.maxBodyBytes() ? RejectReason.OVERSIZED : RejectReason.PART_MISMATCH,
                    "batch " + first.batchId() + " joins to " + total + " bytes in " + ordered.size() + " of " + count
                            + " parts; the header says " + first.body().size() + " bytes");
        }
        byte[] stored = new byte[(int) total];
        int at = 0;
        for (BatchPart part : ordered) {
            System.arraycopy(part.data(), 0, stored, at, part.data().length);
            at += part.data().length;
        }
        return stored;
    }

    private byte[] decrypt(BatchHeader header, byte[] stored) {
        if (decryptionKey == null) {
            throw new BatchRejectedException(RejectReason.MISSING_KEY, "batch " + header.batchId() + " is encrypted");
        }
        if (!decryptionKey.publicKeyId().equals(header.encryption().recipientKey())) {
            throw new BatchRejectedException(RejectReason.DECRYPTION_FAILED, "batch " + header.batchId()
                    + " is encrypted to key " + header.encryption().recipientKey() + ", this node holds "
                    + decryptionKey.publicKeyId());
        }
        try {
            return BodyCipher.open(stored, HexFormat.of().parseHex(header.encryption().ephemeralKey()),
                    decryptionKey, header.batchId());
        } catch (AEADBadTagException | RuntimeException e) {
            throw new BatchRejectedException(RejectReason.DECRYPTION_FAILED,
                    "the body of batch " + header.batchId() + " does not decrypt", e);
        }
    }

    /** Stops a decompressing stream as soon as it yields more than its allowance. */
    private static final class Limited extends FilterInputStream {
        private final long allowance;
        private long count;

        Limited(InputStream in, long allowance) {
            super(in);
            this.allowance = allowance;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > allowance) {
                throw new BatchRejectedException(RejectReason.DECOMPRESSION_LIMIT,
                        "the body expands past " + allowance + " bytes");
            }
        }
    }

    /** Carries an exception of the caller's sink past the handling of body errors. */
    private static final class SinkFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
