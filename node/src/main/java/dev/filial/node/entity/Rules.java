package dev.filial.node.entity;

import dev.filial.node.capture.Changes;
import dev.filial.protocol.change.Value;
import java.util.Map;

/** The business checks of one entity, run on every create and update before anything is written. */
@FunctionalInterface
public interface Rules {

    /** Checks {@code draft}, adding field errors and filling defaults. */
    void check(Draft draft);

    /**
     * Checks that row {@code id} ({@code row}, as stored) may be deleted, in the delete's transaction; throws
     * to refuse. By default any row may.
     */
    default void checkDelete(Changes changes, String id, Map<String, Value> row) {
    }

    /** No checks beyond the columns' own. */
    Rules NONE = draft -> { };
}
