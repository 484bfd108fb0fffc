package dev.filial.hq.bench;

import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The agent's day rewritten, to find out what its bytes are. {@link #spread}: the day is captured in
 * about a second, so the millisecond parts of its ids (UUIDv7), clocks (HLC) and audit times barely
 * differ, which compresses better than a real day; spread puts the transactions over working hours
 * instead, each id, clock and audit time moved with its transaction, random bits kept.
 * {@link #withoutAudit} leaves the audit entries out; {@link #countedIds} replaces every UUID by a short
 * counter, which shows what the ids' randomness costs.
 */
final class DayVariants {

    private DayVariants() {
    }

    /** The transactions as if made one after the other from {@code start} over {@code length}. */
    static List<Transaction> spread(List<Transaction> day, Instant start, Duration length, Random random) {
        long step = length.toMillis() / Math.max(1, day.size());
        Map<String, String> ids = new HashMap<>();
        List<Transaction> spread = new ArrayList<>();
        for (int i = 0; i < day.size(); i++) {
            Transaction tx = day.get(i);
            long original = millis(tx.id());
            long moved = start.toEpochMilli() + i * step + (long) (random.nextDouble() * step * 0.8);
            long shift = moved - original;
            ids.put(tx.id(), withMillis(tx.id(), millis(tx.id()) + shift));
            for (RowChange change : tx.changes()) {
                if (change.operation() == Operation.INSERT) {
                    ids.put(change.rowId(), withMillis(change.rowId(), millis(change.rowId()) + shift));
                }
            }
            UnaryOperator<Value> values = value -> {
                if (value instanceof Value.Text text && ids.containsKey(text.value())) {
                    return Value.of(ids.get(text.value()));
                }
                return value;
            };
            List<RowChange> changes = new ArrayList<>();
            for (RowChange change : tx.changes()) {
                Map<String, Value> newValues = map(change.newValues(), values);
                if (change.table().equals("audit_entry") && newValues.get("logged_at") instanceof Value.Timestamp t) {
                    newValues.put("logged_at", Value.of(t.value().plusMillis(shift)));
                }
                changes.add(new RowChange(change.table(), ids.getOrDefault(change.rowId(), change.rowId()),
                        change.operation(), newValues, map(change.oldValues(), values)));
            }
            spread.add(new Transaction(ids.get(tx.id()), tx.origin(),
                    new Hlc(tx.hlc().physical() + shift, tx.hlc().logical()), changes));
        }
        return spread;
    }

    /** The transactions without their audit entries (none is left empty: each holds a row change too). */
    static List<Transaction> withoutAudit(List<Transaction> day) {
        List<Transaction> kept = new ArrayList<>();
        for (Transaction tx : day) {
            List<RowChange> changes = tx.changes().stream().filter(c -> !c.table().equals("audit_entry")).toList();
            if (!changes.isEmpty()) {
                kept.add(new Transaction(tx.id(), tx.origin(), tx.hlc(), changes));
            }
        }
        return kept;
    }

    /**
     * Every UUID replaced by a counter: row ids and references in decimal, transaction ids (which must be
     * UUIDv7s) as UUIDs of zeros ending in the counter.
     */
    static List<Transaction> countedIds(List<Transaction> day) {
        Map<String, String> ids = new HashMap<>();
        UnaryOperator<String> id = uuid -> ids.computeIfAbsent(uuid, u -> Integer.toString(ids.size() + 1));
        UnaryOperator<Value> values = value -> value instanceof Value.Text text && Uuid7.isValid(text.value())
                ? Value.of(id.apply(text.value())) : value;
        List<Transaction> counted = new ArrayList<>();
        for (Transaction tx : day) {
            List<RowChange> changes = new ArrayList<>();
            for (RowChange change : tx.changes()) {
                changes.add(new RowChange(change.table(), id.apply(change.rowId()), change.operation(),
                        map(change.newValues(), values), map(change.oldValues(), values)));
            }
            counted.add(new Transaction(String.format(Locale.ROOT, "00000000-0000-7000-8000-%012d", counted.size() + 1),
                    tx.origin(), tx.hlc(), changes));
        }
        return counted;
    }

    private static Map<String, Value> map(Map<String, Value> row, UnaryOperator<Value> values) {
        Map<String, Value> mapped = new LinkedHashMap<>();
        row.forEach((column, value) -> mapped.put(column, values.apply(value)));
        return mapped;
    }

    /** The Unix milliseconds of a UUIDv7: its first 48 bits. */
    private static long millis(String uuid) {
        return Long.parseLong(uuid.substring(0, 8) + uuid.substring(9, 13), 16);
    }

    private static String withMillis(String uuid, long millis) {
        return String.format(Locale.ROOT, "%08x-%04x", millis >>> 16, millis & 0xFFFF) + uuid.substring(13);
    }
}
