package dev.filial.node.store;

/** The one-statement insert-or-update an engine offers. */
public enum UpsertSyntax {
    /** {@code INSERT ... ON CONFLICT (id) DO UPDATE SET ...} (SQLite). */
    ON_CONFLICT,
    /** {@code MERGE INTO ... USING ... WHEN MATCHED ... WHEN NOT MATCHED ...} (Derby, SQL:2003). */
    MERGE
}
