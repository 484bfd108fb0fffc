package dev.filial.protocol.batch;

/**
 * One verified part file: container well formed, header valid, signature good, this part's bytes
 * matching the hash in the header. {@code headerHash} is the SHA-256 of its header.json (for part 1,
 * the batch hash).
 */
public record BatchPart(BatchHeader header, byte[] data, String headerHash) {
}
