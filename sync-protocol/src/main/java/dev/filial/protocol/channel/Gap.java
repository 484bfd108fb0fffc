package dev.filial.protocol.channel;

/** An inclusive range of sequences that are missing on an inbound channel. */
public record Gap(long from, long to) {

    public Gap {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("a gap must satisfy 1 <= from <= to, got " + from + ".." + to);
        }
    }

    /** Number of missing sequences. */
    public long size() {
        return to - from + 1;
    }
}
