package dev.filial.node.entity;

import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.Changes;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Column;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Create, read, update, delete and list for every entity, with role checks, business rules and an
 * audit entry written in the same captured transaction as the change it records.
 */
public final class EntityService {

    /**
     * Document tables: what they name cannot be deleted. The ledger and the reservations are not read: every
     * entry has its posted document and its lines, which name the same warehouse and product through indexes.
     */
    private static final List<Table> RECORDS = List.of(Schema.DEAL, Schema.SALES_DOCUMENT, Schema.SALES_LINE,
            Schema.STOCK_DOCUMENT, Schema.STOCK_LINE, Schema.PAYMENT, Schema.PAYMENT_ALLOCATION);

    private final Database database;
    private final ChangeWriter writer;
    private final Entities entities;
    private final Lister lister;
    private final AuditTrail audit;

    public EntityService(Database database, ChangeWriter writer, Entities entities) {
        this.database = database;
        this.writer = writer;
        this.entities = entities;
        this.lister = new Lister(database);
        this.audit = new AuditTrail(writer.origin());
    }

    public Entities entities() {
        return entities;
    }

    /** Creates a row; returns it as stored. {@code allowDuplicates} lets a flagged duplicate through. */
    public Map<String, Object> create(Actor actor, String entity, Map<String, Object> json, boolean allowDuplicates) {
        EntityType type = writable(actor, entity);
        Map<String, Value> values = JsonValues.fromJson(type.table(), json);
        return writer.write(changes -> create(changes, actor, type, values, allowDuplicates));
    }

    /**
     * {@link #create(Actor, String, Map, boolean)} inside the caller's transaction (an import's run of rows):
     * the same role check, rules and audit entry. A refused row throws before it writes anything.
     */
    public Map<String, Object> create(Changes changes, Actor actor, String entity, Map<String, Object> json,
                                      boolean allowDuplicates) {
        EntityType type = writable(actor, entity);
        return create(changes, actor, type, JsonValues.fromJson(type.table(), json), allowDuplicates);
    }

    private Map<String, Object> create(Changes changes, Actor actor, EntityType type, Map<String, Value> values,
                                       boolean allowDuplicates) {
        Draft draft = check(type, null, Map.of(), values, changes, allowDuplicates);
        String id = changes.insert(type.table(), draft.changed());
        audit(changes, actor, "create", type.table(), id, summary(draft.changed()));
        return JsonValues.toJson(id, changes.find(type.table(), id).orElseThrow());
    }

    public Map<String, Object> get(Actor actor, String entity, String id) {
        EntityType type = readable(actor, entity);
        return JsonValues.toJson(id, writer.find(type.table(), id)
                .orElseThrow(() -> new NotFoundException("no " + type.name() + " with id " + id)));
    }

    /** Sets the given fields of a row; fields not given stay as they are. */
    public Map<String, Object> update(Actor actor, String entity, String id, Map<String, Object> json,
                                      boolean allowDuplicates) {
        EntityType type = writable(actor, entity);
        Map<String, Value> values = JsonValues.fromJson(type.table(), json);
        return writer.write(changes -> update(changes, actor, type, id, values, allowDuplicates));
    }

    /**
     * {@link #update(Actor, String, String, Map, boolean)} inside the caller's transaction (an import's run of
     * rows): the same role check, rules and audit entry (none when nothing changed). A refused row throws
     * before it writes anything.
     */
    public Map<String, Object> update(Changes changes, Actor actor, String entity, String id, Map<String, Object> json,
                                      boolean allowDuplicates) {
        EntityType type = writable(actor, entity);
        return update(changes, actor, type, id, JsonValues.fromJson(type.table(), json), allowDuplicates);
    }

    private Map<String, Object> update(Changes changes, Actor actor, EntityType type, String id,
                                       Map<String, Value> values, boolean allowDuplicates) {
        Map<String, Value> current = changes.find(type.table(), id)
                .orElseThrow(() -> new NotFoundException("no " + type.name() + " with id " + id));
        Draft draft = check(type, id, current, values, changes, allowDuplicates);
        if (!changes.update(type.table(), id, draft.changed())) {
            return JsonValues.toJson(id, current);
        }
        Map<String, Value> after = changes.find(type.table(), id).orElseThrow();
        // the fields that changed, not every field given: a PATCH repeating a value did not change it
        Map<String, Value> changed = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(current.get(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        audit(changes, actor, "update", type.table(), id, summary(changed));
        return JsonValues.toJson(id, after);
    }

    public void delete(Actor actor, String entity, String id) {
        EntityType type = writable(actor, entity);
        writer.write(changes -> {
            Map<String, Value> row = changes.find(type.table(), id)
                    .orElseThrow(() -> new NotFoundException("no " + type.name() + " with id " + id));
            type.rules().checkDelete(changes, id, row);
            requireUnrecorded(changes, type, id);
            changes.delete(type.table(), id);
            audit(changes, actor, "delete", type.table(), id, null);
            return null;
        });
    }

    /**
     * Refuses to delete a row that documents or the stock ledger name (a customer with invoices, a product
     * with stock movements, a warehouse): they stay as they were, so the row is deactivated instead.
     */
    private static void requireUnrecorded(Changes changes, EntityType type, String id) {
        for (Table table : RECORDS) {
            for (Column column : table.references()) {
                if (column.refersTo().equals(type.table().name()) && type.table() != table
                        && exists(changes, table, column, id)) {
                    throw new RuleException("recorded", type.name() + " " + id + " is named by " + table.name()
                            + " rows", "documents and the ledger keep what they name; deactivate it instead"
                            + " (\"active\": false) where it has that field");
                }
            }
        }
    }

    private static boolean exists(Changes changes, Table table, Column column, String id) {
        PreparedStatement select = changes.prepared("SELECT 1 FROM " + table.name() + " WHERE " + column.name()
                + " = ?");
        try {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.name() + ": " + e.getMessage(), e);
        }
    }

    public Page list(Actor actor, String entity, ListQuery query) {
        EntityType type = readable(actor, entity);
        return lister.list(type.table(), query);
    }

    /**
     * Hands every row of {@code entity} matching {@code query}'s filters, in its sort order (paging ignored),
     * to {@code visitor}, one at a time on one reader connection: for exports of a whole list.
     */
    public void each(Actor actor, String entity, ListQuery query, RowVisitor visitor) {
        EntityType type = readable(actor, entity);
        lister.each(type.table(), query, visitor);
    }

    /** Receives the rows of {@link #each}: the id and the typed values of the table's columns, in order. */
    @FunctionalInterface
    public interface RowVisitor {
        void row(String id, Map<String, Value> values) throws java.sql.SQLException;
    }

    private Draft check(EntityType type, String id, Map<String, Value> current, Map<String, Value> values,
                        Changes changes, boolean allowDuplicates) {
        Draft draft = new Draft(type.table(), id, current, values, changes, allowDuplicates);
        type.rules().check(draft);
        try {
            Conformance.conform(type.table(), draft.changed(), id == null);
        } catch (ValidationException e) {
            e.errors().stream().filter(error -> draft.errors().stream().noneMatch(seen -> seen.field().equals(error.field())))
                    .forEach(error -> draft.error(error.field(), error.code(), error.message()));
        }
        if (!draft.errors().isEmpty()) {
            throw new ValidationException(type.name(), draft.errors());
        }
        return draft;
    }

    private void audit(Changes changes, Actor actor, String action, Table table, String id, String summary) {
        audit.record(changes, actor, action, table, id, summary);
    }

    private static String summary(Map<String, Value> values) {
        return values.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    private EntityType readable(Actor actor, String entity) {
        EntityType type = entities.find(entity);
        if (!type.readableBy(actor.role())) {
            throw new AccessDeniedException(actor, "read " + entity);
        }
        return type;
    }

    private EntityType writable(Actor actor, String entity) {
        EntityType type = entities.find(entity);
        if (!type.writableBy(actor.role())) {
            throw new AccessDeniedException(actor, "change " + entity);
        }
        return type;
    }

    /** The database this service reads, for queries beyond one entity. */
    public Database database() {
        return database;
    }
}
