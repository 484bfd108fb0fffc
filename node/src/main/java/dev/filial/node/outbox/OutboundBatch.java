package dev.filial.node.outbox;

import java.util.List;

/**
 * A batch to the hub as stored for sending: its channel sequence (0 for an ack-only batch), batch
 * hash, number of changes and its part files in part order.
 */
public record OutboundBatch(long sequence, String hash, int changes, List<byte[]> files) {

    /** The suggested file name of part {@code index} (1-based), as PROTOCOL.md section 4 gives it. */
    public String fileName(String sender, String recipient, int index) {
        String stem = sequence == 0
                ? String.format("%s-%s-ack-%s", sender, recipient, hash.substring(0, 12))
                : String.format("%s-%s-%06d", sender, recipient, sequence);
        return files.size() == 1 ? stem + ".batch" : String.format("%s.part%dof%d.batch", stem, index, files.size());
    }
}
