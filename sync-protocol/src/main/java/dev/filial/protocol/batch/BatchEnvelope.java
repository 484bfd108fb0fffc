package dev.filial.protocol.batch;

import dev.filial.protocol.change.NodeCode;
import java.time.Instant;

/**
 * What a writer puts around a body: the batch id, the channel position (from the channel logic)
 * and the sender's schema version. The rest of the header is derived from the body.
 */
public record BatchEnvelope(String batchId, NodeCode sender, NodeCode recipient, long sequence, String previous,
                            long ack, String ackHash, int schema, Instant created) {
}
