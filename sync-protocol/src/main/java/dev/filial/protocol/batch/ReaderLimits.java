package dev.filial.protocol.batch;

/**
 * What a reader accepts at most. Anything larger is refused with a typed reason before it can use
 * much memory or time; decompression stops as soon as a limit is passed.
 *
 * @param maxHeaderBytes size of header.json
 * @param maxPartBytes size of the body entry of one part file
 * @param maxParts number of parts of one batch
 * @param maxBodyBytes size of a whole (assembled) stored body, compressed and maybe encrypted
 * @param maxDecompressedBytes size of a body after decompression
 * @param maxRatio decompressed size over stored size (bodies under 1 MiB decompressed are exempt)
 * @param maxChanges changes in one batch
 * @param maxDepth nesting depth of the body's JSON
 * @param maxTextChars length of one text value
 */
public record ReaderLimits(int maxHeaderBytes, long maxPartBytes, int maxParts, long maxBodyBytes,
                           long maxDecompressedBytes, int maxRatio, long maxChanges, int maxDepth,
                           int maxTextChars) {

    /** Defaults for nodes and HQ. */
    public static final ReaderLimits DEFAULT = new ReaderLimits(
            64 * 1024, 64L << 20, 4096, 256L << 20, 1L << 30, 1000, 5_000_000, 16, 1 << 20);

    /** Bodies that decompress to less than this are never refused for their ratio. */
    public static final long RATIO_EXEMPT_BYTES = 1L << 20;

    public ReaderLimits {
        if (maxHeaderBytes <= 0 || maxPartBytes <= 0 || maxParts <= 0 || maxBodyBytes <= 0
                || maxDecompressedBytes <= 0 || maxRatio <= 0 || maxChanges <= 0 || maxDepth < 6 || maxTextChars <= 0) {
            throw new IllegalArgumentException("reader limits must be positive (and depth at least 6)");
        }
    }

    /** The most a body of {@code storedBytes} may decompress to. */
    public long decompressedAllowance(long storedBytes) {
        long byRatio = Math.max(RATIO_EXEMPT_BYTES, storedBytes * maxRatio);
        return Math.min(maxDecompressedBytes, byRatio);
    }

    public ReaderLimits withMaxPartBytes(long bytes) {
        return new ReaderLimits(maxHeaderBytes, bytes, maxParts, maxBodyBytes, maxDecompressedBytes, maxRatio,
                maxChanges, maxDepth, maxTextChars);
    }

    public ReaderLimits withMaxDecompressedBytes(long bytes) {
        return new ReaderLimits(maxHeaderBytes, maxPartBytes, maxParts, maxBodyBytes, bytes, maxRatio,
                maxChanges, maxDepth, maxTextChars);
    }

    public ReaderLimits withMaxChanges(long changes) {
        return new ReaderLimits(maxHeaderBytes, maxPartBytes, maxParts, maxBodyBytes, maxDecompressedBytes, maxRatio,
                changes, maxDepth, maxTextChars);
    }
}
