package dev.filial.node.entity;

/** The business checks of one entity, run on every create and update before anything is written. */
@FunctionalInterface
public interface Rules {

    /** Checks {@code draft}, adding field errors and filling defaults. */
    void check(Draft draft);

    /** No checks beyond the columns' own. */
    Rules NONE = draft -> { };
}
