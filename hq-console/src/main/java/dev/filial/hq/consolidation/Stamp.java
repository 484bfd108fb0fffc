package dev.filial.hq.consolidation;

import dev.filial.protocol.clock.Hlc;

/**
 * Who wrote a column's current value at HQ, and when: the HLC of the writing transaction and its
 * origin. Stamps order by HLC, then by node code (the lower code wins a tie), so every hub that
 * decides between the same two writes decides alike.
 */
public record Stamp(Hlc hlc, String origin) implements Comparable<Stamp> {

    /** The stamp of a value of unknown history (loaded before the hub kept stamps): anything beats it. */
    public static final Stamp UNKNOWN = new Stamp(Hlc.ZERO, "");

    @Override
    public int compareTo(Stamp other) {
        int byClock = hlc.compareTo(other.hlc);
        // the lower code wins a tie: it must compare as the later stamp
        return byClock != 0 ? byClock : other.origin.compareTo(origin);
    }
}
