package dev.filial.protocol.change;

import dev.filial.protocol.clock.Hlc;
import java.util.List;
import java.util.Objects;

/**
 * The changes one local database transaction made, which replicate and apply as a unit: all of
 * them or none. Its id (a UUIDv7), origin node and HLC timestamp belong to every change in it.
 */
public record Transaction(String id, NodeCode origin, Hlc hlc, List<RowChange> changes) {

    public Transaction {
        if (!Uuid7.isValid(id)) {
            throw new IllegalArgumentException("transaction id must be a lower-case UUIDv7: " + id);
        }
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(hlc, "hlc");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a transaction needs at least one change");
        }
    }
}
