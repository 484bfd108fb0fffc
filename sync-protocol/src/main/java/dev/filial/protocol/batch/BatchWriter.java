package dev.filial.protocol.batch;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.crypto.BodyCipher;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.BatchSigner;
import dev.filial.protocol.signing.KeyId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes a batch: encodes the body as JSON, compresses it with zstd, optionally encrypts it to the
 * recipient, splits the stored body into parts that keep every file under the size limit, and
 * signs each part's header.
 */
public final class BatchWriter {

    /** Room left in a file for the header, signature and ZIP structure. */
    static final int FILE_OVERHEAD = 4096;
    /** Default zstd level. */
    public static final int DEFAULT_LEVEL = 3;
    /**
     * The zstd level nodes use for plain bodies of at most {@link #SMALL_BODY_BYTES}: a day of an agent's
     * work (a few thousand changes) is some 20 % smaller than at level 3 for a fraction of a second.
     */
    public static final int SMALL_BODY_LEVEL = 19;
    /** Plain bodies up to this size are compressed in one go at the small-body level. */
    public static final int SMALL_BODY_BYTES = 1 << 20;

    private static final BodyCodec BODY = BodyCodec.json(ReaderLimits.DEFAULT);

    private final BatchSigner signer;
    private final int level;
    private final int smallBodyLevel;
    private final long maxFileBytes;
    private final Supplier<X25519KeyPair> ephemeralKeys;

    /** A writer that compresses every body at {@code level}. */
    public BatchWriter(BatchSigner signer, int level, long maxFileBytes) {
        this(signer, level, level, maxFileBytes, X25519KeyPair::generate);
    }

    /**
     * A writer that compresses plain bodies of at most {@link #SMALL_BODY_BYTES} at {@code smallBodyLevel}
     * and larger ones at {@code level}.
     */
    public BatchWriter(BatchSigner signer, int level, int smallBodyLevel, long maxFileBytes) {
        this(signer, level, smallBodyLevel, maxFileBytes, X25519KeyPair::generate);
    }

    /** A writer with a chosen source of ephemeral keys; a fixed key is only for test vectors. */
    public BatchWriter(BatchSigner signer, int level, long maxFileBytes, Supplier<X25519KeyPair> ephemeralKeys) {
        this(signer, level, level, maxFileBytes, ephemeralKeys);
    }

    private BatchWriter(BatchSigner signer, int level, int smallBodyLevel, long maxFileBytes,
                        Supplier<X25519KeyPair> ephemeralKeys) {
        if (maxFileBytes < 2L * FILE_OVERHEAD) {
            throw new IllegalArgumentException("a file size limit below " + 2 * FILE_OVERHEAD + " bytes leaves no room for a body");
        }
        this.signer = signer;
        this.level = level;
        this.smallBodyLevel = smallBodyLevel;
        this.maxFileBytes = maxFileBytes;
        this.ephemeralKeys = ephemeralKeys;
    }

    /** Writes a plain (unencrypted) batch. */
    public List<BatchFile> write(BatchEnvelope envelope, List<Transaction> transactions) {
        return write(envelope, transactions, null);
    }

    /** Writes a batch whose body is encrypted to {@code recipientKey} (raw X25519) when it is not null. */
    public List<BatchFile> write(BatchEnvelope envelope, List<Transaction> transactions, byte[] recipientKey) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 + transactions.size() * 64);
        BodyStats stats;
        try (OutputStream zstd = smallBodyLevel == level ? new ZstdOutputStreamNoFinalizer(compressed, level)
                : new CompressingOutput(compressed, level, smallBodyLevel, SMALL_BODY_BYTES)) {
            stats = BODY.write(transactions, zstd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] stored = compressed.toByteArray();
        BatchHeader.Encryption encryption = null;
        if (recipientKey != null) {
            BodyCipher.Sealed sealed = BodyCipher.seal(stored, recipientKey, envelope.batchId(), ephemeralKeys.get());
            stored = sealed.ciphertext();
            encryption = new BatchHeader.Encryption(BodyCipher.SCHEME, KeyId.of(recipientKey),
                    HexFormat.of().formatHex(sealed.ephemeralPublicKey()));
        }
        BatchHeader.BodyInfo body = new BatchHeader.BodyInfo(BatchHeader.BodyInfo.JSON, BatchHeader.BodyInfo.ZSTD,
                stored.length, Digests.sha256(stored));
        long chunk = maxFileBytes - FILE_OVERHEAD;
        int count = (int) ((stored.length + chunk - 1) / chunk);
        List<BatchFile> files = new ArrayList<>(count);
        String batchHash = null;
        for (int index = 1; index <= count; index++) {
            int from = (int) ((index - 1) * chunk);
            byte[] data = Arrays.copyOfRange(stored, from, (int) Math.min(stored.length, from + chunk));
            BatchHeader header = new BatchHeader(BatchHeader.FORMAT, envelope.batchId(), envelope.sender(),
                    envelope.recipient(), envelope.sequence(), envelope.previous(), envelope.ack(), envelope.ackHash(),
                    envelope.schema(), envelope.created(), stats.transactions(), stats.changes(), stats.counts(),
                    body, encryption, new BatchHeader.PartInfo(index, count, data.length, Digests.sha256(data)),
                    signer.keyId());
            byte[] headerBytes = HeaderCodec.write(header);
            if (index == 1) {
                batchHash = Digests.sha256(headerBytes);
            }
            byte[] file = BatchContainer.write(headerBytes, signer.sign(headerBytes),
                    encryption == null ? BatchContainer.BODY : BatchContainer.BODY_ENCRYPTED, data);
            files.add(new BatchFile(header, file, batchHash));
        }
        return files;
    }
}
