package dev.filial.protocol.batch;

/**
 * One written file of a batch (one part) and the batch hash that the next batch on the channel
 * names as its {@code previous}: the SHA-256 of part 1's header.json, the same for every part.
 */
public record BatchFile(BatchHeader header, byte[] bytes, String batchHash) {
}
