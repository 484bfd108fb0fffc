package dev.filial.node.csv;

/** The largest file and the most data rows (not counting the header) a {@link CsvReader} accepts. */
public record CsvLimits(long maxBytes, int maxRows) {

    /** 50 MB and 200,000 rows: far above a branch's catalogue, well below what would strain a node. */
    public static final CsvLimits DEFAULT = new CsvLimits(50L * 1024 * 1024, 200_000);

    public CsvLimits {
        if (maxBytes <= 0 || maxRows <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
