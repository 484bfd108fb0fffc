package dev.filial.protocol.tool;

import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.KeyRing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the part files named on the command line, all of one batch. */
final class PartFiles {

    private PartFiles() {
    }

    /** A reader that checks signatures against {@code key} (trusted for whatever sender the file names), or none when null. */
    static BatchReader reader(Path first, Ed25519PublicKey key, X25519KeyPair decryptionKey) throws IOException {
        if (key == null) {
            return BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, decryptionKey);
        }
        NodeCode sender = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null)
                .readPart(Files.readAllBytes(first)).header().sender();
        return new BatchReader(new KeyRing().trust(sender, key), ReaderLimits.DEFAULT, null, decryptionKey);
    }

    static List<BatchPart> read(BatchReader reader, List<Path> files) throws IOException {
        List<BatchPart> parts = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                parts.add(reader.readPart(in));
            }
        }
        return parts;
    }
}
