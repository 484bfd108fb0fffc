package dev.filial.protocol.batch;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a body holds: transactions, changes, and changes per table. The header must say the same. */
public record BodyStats(long transactions, long changes, SortedMap<String, Long> counts) {

    public BodyStats {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    /** Counts while a body is written or read. */
    static final class Counter {
        private long transactions;
        private long changes;
        private final TreeMap<String, Long> counts = new TreeMap<>();

        void transaction() {
            transactions++;
        }

        void change(String table) {
            changes++;
            counts.merge(table, 1L, Long::sum);
        }

        long changes() {
            return changes;
        }

        BodyStats stats() {
            return new BodyStats(transactions, changes, counts);
        }
    }
}
