package dev.filial.node.imports;

import dev.filial.node.store.FieldError;
import java.util.List;
import java.util.Locale;

/**
 * What became of one row of an import file: its line, the outcome, the id of the row it created or updated
 * (null when it failed), the field errors that refused it, and its fields as read (for the errors file).
 */
public record RowOutcome(int line, Outcome outcome, String id, List<FieldError> errors, List<String> fields) {

    /** created, updated, unchanged (the row was there with the same values), failed. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RowOutcome {
        errors = List.copyOf(errors);
        fields = List.copyOf(fields);
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
