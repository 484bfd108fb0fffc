package dev.filial.node.capture;

import dev.filial.node.store.StoreException;
import dev.filial.protocol.batch.BodyCodec;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One transaction as a stored body (the batch body encoding of sync-protocol, uncompressed): how the
 * change log and the hub log keep their entries.
 */
public final class TransactionBody {

    private static final BodyCodec CODEC = BodyCodec.json(ReaderLimits.DEFAULT);

    private TransactionBody() {
    }

    public static byte[] encode(Transaction transaction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            CODEC.write(List.of(transaction), out);
        } catch (IOException e) {
            throw new StoreException("cannot encode transaction " + transaction.id(), e);
        }
        return out.toByteArray();
    }

    /** Decodes a body written by {@link #encode}. */
    public static Transaction decode(byte[] body) {
        Transaction[] found = new Transaction[1];
        try {
            CODEC.read(new ByteArrayInputStream(body), Long.MAX_VALUE, transaction -> found[0] = transaction);
        } catch (IOException e) {
            throw new StoreException("stored transaction cannot be decoded: " + e.getMessage(), e);
        }
        return found[0];
    }
}
