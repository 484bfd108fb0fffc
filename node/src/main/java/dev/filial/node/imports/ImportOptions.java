package dev.filial.node.imports;

import dev.filial.node.csv.CsvLimits;

/**
 * How to run an import: {@code dryRun} checks every row and writes nothing; {@code delimiter} null detects it
 * from the header; rows are written in transactions of {@code chunkRows}; {@code limits} bound the file.
 */
public record ImportOptions(boolean dryRun, Character delimiter, int chunkRows, CsvLimits limits) {

    /** Rows per transaction: large enough to be fast, small enough not to hold the write lock for long. */
    public static final int CHUNK_ROWS = 500;

    public static final ImportOptions DEFAULT = new ImportOptions(false, null, CHUNK_ROWS, CsvLimits.DEFAULT);

    public ImportOptions {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
    }

    public ImportOptions dryRun(boolean dry) {
        return new ImportOptions(dry, delimiter, chunkRows, limits);
    }

    public ImportOptions delimiter(Character given) {
        return new ImportOptions(dryRun, given, chunkRows, limits);
    }
}
