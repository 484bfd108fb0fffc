package dev.filial.node.entity;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A row as it would be after a create or update, handed to an entity's {@link Rules}: the values,
 * the id (null on create), reads inside the same transaction, and the errors found so far. Rules may
 * also fill in defaults with {@link #set}.
 */
public final class Draft {

    private final Table table;
    private final String id;
    private final Map<String, Value> values;
    private final Map<String, Value> changes;
    private final Changes transaction;
    private final List<FieldError> errors = new ArrayList<>();
    private final boolean allowDuplicates;

    Draft(Table table, String id, Map<String, Value> current, Map<String, Value> changes, Changes transaction,
          boolean allowDuplicates) {
        this.table = table;
        this.id = id;
        this.values = new HashMap<>(current);
        this.values.putAll(changes);
        this.changes = new HashMap<>(changes);
        this.transaction = transaction;
        this.allowDuplicates = allowDuplicates;
    }

    public boolean creating() {
        return id == null;
    }

    public String id() {
        return id;
    }

    public Value get(String column) {
        return values.getOrDefault(column, Value.NULL);
    }

    public boolean present(String column) {
        return !(get(column) instanceof Value.Null);
    }

    public Optional<String> text(String column) {
        return get(column) instanceof Value.Text text ? Optional.of(text.value()) : Optional.empty();
    }

    public Optional<BigDecimal> decimal(String column) {
        return get(column) instanceof Value.Decimal decimal ? Optional.of(decimal.value()) : Optional.empty();
    }

    /** Whether this create or update sets {@code column}. */
    public boolean changes(String column) {
        return changes.containsKey(column);
    }

    /** Sets a value (a default or a derived column). */
    public void set(String column, Value value) {
        values.put(column, value);
        changes.put(column, value);
    }

    public void error(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
    }

    public Changes transaction() {
        return transaction;
    }

    /** Whether the caller asked to store a possible duplicate anyway. */
    public boolean allowDuplicates() {
        return allowDuplicates;
    }

    /** Requires {@code column}, if set, to be one of {@code allowed}. */
    public void oneOf(String column, Collection<String> allowed) {
        text(column).filter(value -> !allowed.contains(value))
                .ifPresent(value -> error(column, "invalid", "must be one of " + String.join(", ", allowed)));
    }

    /** Requires {@code column}, if set, to lie between {@code min} and {@code max} inclusive. */
    public void between(String column, BigDecimal min, BigDecimal max) {
        Value value = get(column);
        BigDecimal number = value instanceof Value.Decimal d ? d.value()
                : value instanceof Value.Int i ? BigDecimal.valueOf(i.value()) : null;
        if (number != null && (number.compareTo(min) < 0 || number.compareTo(max) > 0)) {
            error(column, "invalid", "must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
    }

    /** Requires the row named by {@code column} (an id), if set, to exist in {@code target}. */
    public void references(String column, Table target) {
        text(column).filter(ref -> transaction.find(target, ref).isEmpty())
                .ifPresent(ref -> error(column, "not-found", "no " + target.name() + " with id " + ref));
    }

    /** Requires non-blank text in {@code column} if set. */
    public void notBlank(String column) {
        text(column).filter(String::isBlank).ifPresent(value -> error(column, "required", "must not be blank"));
    }

    /** Ids of other rows of this table whose {@code column} equals {@code value}. */
    public List<String> others(String column, String value) {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = transaction.connection().prepareStatement(
                "SELECT id FROM " + table.name() + " WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(id)) {
                        found.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("duplicate check on " + table + "." + column + " failed: " + e.getMessage(), e);
        }
        return found;
    }

    /** Whether some row of {@code target} has {@code value} in {@code column}. */
    public boolean exists(Table target, String column, String value) {
        try (PreparedStatement select = transaction.connection().prepareStatement(
                "SELECT 1 FROM " + target.name() + " WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lookup of " + target + "." + column + " failed: " + e.getMessage(), e);
        }
    }

    /** Requires {@code column}'s text to be unique in the table. */
    public void unique(String column) {
        text(column).ifPresent(value -> {
            List<String> others = others(column, value);
            if (!others.isEmpty()) {
                error(column, "duplicate", "'" + value + "' is already used by " + table.name() + " " + others.get(0));
            }
        });
    }

    Map<String, Value> changed() {
        return changes;
    }

    List<FieldError> errors() {
        return errors;
    }
}
