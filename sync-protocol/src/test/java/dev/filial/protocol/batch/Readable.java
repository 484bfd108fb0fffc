package dev.filial.protocol.batch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** The readable twin of a vector: its header as JSON and its changes, or why it cannot be read. */
final class Readable {

    private Readable() {
    }

    static String describe(byte[] file) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        try {
            BatchContainer.Entries entries = BatchContainer.read(new ByteArrayInputStream(file), ReaderLimits.DEFAULT);
            text.append("header.json: ").append(new String(entries.header(), StandardCharsets.UTF_8)).append('\n');
            BatchReader reader = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, GoldenKeys.RECIPIENT);
            reader.decode(java.util.List.of(reader.readPart(file)), tx -> {
                text.append("transaction ").append(tx.id()).append(" origin ").append(tx.origin())
                        .append(" hlc ").append(tx.hlc()).append('\n');
                tx.changes().forEach(change -> text.append("  ").append(change).append('\n'));
            });
        } catch (BatchRejectedException e) {
            text.append("not readable: ").append(e.reason().code()).append(": ").append(e.detail()).append('\n');
        }
        return text.toString();
    }
}
