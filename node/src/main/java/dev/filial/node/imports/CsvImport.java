package dev.filial.node.imports;

import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.Changes;
import dev.filial.node.csv.CsvException;
import dev.filial.node.csv.CsvReader;
import dev.filial.node.csv.CsvRecord;
import dev.filial.node.csv.CsvTable;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.EntityService;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Imports one CSV file of counterparties, products or prices through {@link EntityService}, so every row passes
 * the entity's rules, the role check and the audit log. The file is read and its header checked first: a file
 * that is not well-formed CSV, or names an unknown column, or lacks a required one, is refused with an
 * {@link ImportException} before any row is written. Then rows are written in transactions of
 * {@link ImportOptions#chunkRows()}: a refused row is reported and skipped and the rest of its transaction goes
 * in. Should a row fail in a way that may have left writes behind (the database, not the rules, refused it),
 * that transaction is rolled back and its rows are written again one transaction each, so the report is exact.
 * A dry run does all of this and rolls every transaction back.
 */
public final class CsvImport {

    private static final String ID = "id";

    private final EntityService service;
    private final ChangeWriter writer;

    public CsvImport(EntityService service, ChangeWriter writer) {
        this.service = service;
        this.writer = writer;
    }

    /** Imports the file at {@code file}. */
    public ImportReport run(Actor actor, ImportKind kind, Path file, ImportOptions options) {
        try (InputStream in = Files.newInputStream(file)) {
            return run(actor, kind, in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    options.limits().maxBytes() + 1)), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Imports a whole file given as bytes.
     *
     * @throws ImportException if the file is refused as a whole (nothing was written)
     * @throws AccessDeniedException if {@code actor} may not change the kind's entity
     */
    public ImportReport run(Actor actor, ImportKind kind, byte[] file, ImportOptions options) {
        ImportTarget target = kind.target();
        if (!service.entities().find(target.entity()).writableBy(actor.role())) {
            throw new AccessDeniedException(actor, "import " + target.entity());
        }
        CsvTable table;
        try {
            table = new CsvReader(options.limits()).read(file, options.delimiter());
        } catch (CsvException e) {
            throw ImportException.of(e);
        }
        Layout layout = Layout.of(target, table.header());
        Run run = new Run(actor, target, layout, options.dryRun());
        List<CsvRecord> records = table.records().stream().filter(record -> !record.blank()).toList();
        List<RowOutcome> outcomes = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += options.chunkRows()) {
            outcomes.addAll(run.chunk(records.subList(from, Math.min(records.size(), from + options.chunkRows()))));
        }
        return new ImportReport(kind, options.dryRun(), table.delimiter(), layout.names(), outcomes);
    }

    /** The columns of a file: which are used (not {@code #} comments), and what each stands for. */
    private record Layout(List<Integer> used, List<String> names, Map<String, Reference> references) {

        static Layout of(ImportTarget target, List<String> header) {
            Table table = target.table();
            Map<String, Reference> byFileColumn = target.references().stream()
                    .collect(Collectors.toMap(Reference::fileColumn, reference -> reference));
            List<Integer> used = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (name.startsWith("#")) {
                    continue;
                }
                if (!name.equals(ID) && !table.has(name) && !byFileColumn.containsKey(name)) {
                    unknown.add(name);
                }
                used.add(i);
                names.add(name);
            }
            List<String> known = new ArrayList<>(List.of(ID));
            table.columns().forEach(column -> known.add(column.name()));
            byFileColumn.keySet().stream().sorted().forEach(known::add);
            if (!unknown.isEmpty()) {
                throw new ImportException("unknown-column", 1, "unknown column(s) " + String.join(", ", unknown)
                        + " for " + target.entity(), "the columns of " + target.entity() + " are "
                        + String.join(", ", known) + "; rename or delete the others (columns starting with # are"
                        + " ignored)");
            }
            for (Reference reference : target.references()) {
                if (names.contains(reference.fileColumn()) && names.contains(reference.column())) {
                    throw new ImportException("column-conflict", 1, "both " + reference.fileColumn() + " and "
                            + reference.column() + " are given", "keep one of them");
                }
            }
            for (List<String> alternatives : target.required()) {
                if (alternatives.stream().noneMatch(names::contains)) {
                    throw new ImportException("missing-column", 1, "the required column "
                            + String.join(" or ", alternatives) + " is missing", "add a column "
                            + alternatives.get(0) + " to the first line; " + target.entity() + " need "
                            + target.required().stream().map(a -> String.join(" or ", a))
                                    .collect(Collectors.joining(", ")));
                }
            }
            Map<String, Reference> references = new HashMap<>();
            byFileColumn.values().stream().filter(reference -> names.contains(reference.fileColumn()))
                    .forEach(reference -> references.put(reference.column(), reference));
            return new Layout(used, names, references);
        }

        List<String> fields(CsvRecord record) {
            return used.stream().map(record.fields()::get).toList();
        }

        /** The file's name of a table column (the friendly column when the file gave that). */
        String fileColumn(String column) {
            Reference reference = references.get(column);
            return reference == null ? column : reference.fileColumn();
        }
    }

    /** A row's id (from an {@code id} column) and its values as JSON, friendly references resolved. */
    private record Resolved(String id, Map<String, Object> json) {
    }

    /** A row failed after it had written something: its transaction must not be committed. */
    private static final class Unsound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsound(String message) {
            super(message);
        }
    }

    /** Thrown at the end of a dry run's transaction to roll it back, carrying its outcomes out. */
    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<RowOutcome> outcomes;

        Rollback(List<RowOutcome> outcomes) {
            super(null, null, false, false);
            this.outcomes = outcomes;
        }
    }

    /** One import in progress: the natural keys seen so far in the file, by the line that had them. */
    private final class Run {

        private final Actor actor;
        private final ImportTarget target;
        private final Layout layout;
        private final boolean dryRun;
        private final Map<String, Integer> keys = new HashMap<>();

        Run(Actor actor, ImportTarget target, Layout layout, boolean dryRun) {
            this.actor = actor;
            this.target = target;
            this.layout = layout;
            this.dryRun = dryRun;
        }

        List<RowOutcome> chunk(List<CsvRecord> records) {
            Map<String, Integer> seen = new HashMap<>(keys);
            List<RowOutcome> outcomes;
            try {
                outcomes = writer.write(changes -> {
                    List<RowOutcome> done = new ArrayList<>(records.size());
                    for (CsvRecord record : records) {
                        done.add(row(changes, record, seen));
                    }
                    if (dryRun) {
                        throw new Rollback(done);
                    }
                    return done;
                });
            } catch (Rollback rollback) {
                outcomes = rollback.outcomes;
            } catch (RuntimeException e) {
                return oneByOne(records);
            }
            keys.putAll(seen);
            return outcomes;
        }

        /** The rows of a rolled back chunk, one transaction each. */
        private List<RowOutcome> oneByOne(List<CsvRecord> records) {
            List<RowOutcome> outcomes = new ArrayList<>(records.size());
            for (CsvRecord record : records) {
                Map<String, Integer> seen = new HashMap<>(keys);
                try {
                    outcomes.add(writer.write(changes -> {
                        RowOutcome outcome = row(changes, record, seen);
                        if (dryRun || outcome.failed()) {
                            throw new Rollback(List.of(outcome));
                        }
                        return outcome;
                    }));
                    keys.putAll(seen);
                } catch (Rollback rollback) {
                    outcomes.add(rollback.outcomes.get(0));
                    keys.putAll(seen);
                } catch (RuntimeException e) {
                    outcomes.add(failed(record, List.of(new FieldError("", "error", String.valueOf(e.getMessage())))));
                }
            }
            return outcomes;
        }

        /** Imports one row in {@code changes}; a refused row writes nothing and comes back as failed. */
        private RowOutcome row(Changes changes, CsvRecord record, Map<String, Integer> seen) {
            int before = changes.made();
            List<FieldError> errors;
            try {
                Resolved resolved = resolve(changes, record);
                Optional<String> key = target.key(resolved.json());
                Integer first = key.map(seen::get).orElse(null);
                if (first != null) {
                    throw ValidationException.of(target.entity(), target.keyColumn(), "duplicate", "line " + first
                            + " of this file names the same row (same " + target.keyColumn() + "); keep one of them");
                }
                String id = resolved.id() != null ? resolved.id() : target.existing(changes, resolved.json())
                        .orElse(null);
                RowOutcome outcome;
                if (id == null) {
                    Map<String, Object> created = service.create(changes, actor, target.entity(), resolved.json(),
                            false);
                    outcome = new RowOutcome(record.line(), RowOutcome.Outcome.CREATED, (String) created.get(ID),
                            List.of(), layout.fields(record));
                } else {
                    int made = changes.made();
                    service.update(changes, actor, target.entity(), id, resolved.json(), false);
                    outcome = new RowOutcome(record.line(), changes.made() == made ? RowOutcome.Outcome.UNCHANGED
                            : RowOutcome.Outcome.UPDATED, id, List.of(), layout.fields(record));
                }
                key.ifPresent(k -> seen.put(k, record.line()));
                return outcome;
            } catch (ValidationException e) {
                errors = e.errors().stream().map(error -> new FieldError(layout.fileColumn(error.field()), error.code(),
                        error.message())).toList();
            } catch (NotFoundException e) {
                errors = List.of(new FieldError(ID, "not-found", e.getMessage()));
            } catch (RuleException e) {
                errors = List.of(new FieldError("", e.code(), e.getMessage()));
            }
            if (changes.made() != before) {
                throw new Unsound("line " + record.line() + " was refused after it had written rows");
            }
            return failed(record, errors);
        }

        private RowOutcome failed(CsvRecord record, List<FieldError> errors) {
            return new RowOutcome(record.line(), RowOutcome.Outcome.FAILED, null, errors, layout.fields(record));
        }

        private Resolved resolve(Changes changes, CsvRecord record) {
            Table table = target.table();
            Map<String, Object> json = new LinkedHashMap<>();
            List<FieldError> errors = new ArrayList<>();
            String id = null;
            List<String> fields = layout.fields(record);
            for (int i = 0; i < fields.size(); i++) {
                String name = layout.names().get(i);
                String cell = fields.get(i).strip();
                Reference reference = target.references().stream()
                        .filter(r -> r.fileColumn().equals(name)).findFirst().orElse(null);
                if (name.equals(ID)) {
                    id = cell.isEmpty() ? null : cell;
                } else if (reference != null) {
                    json.put(reference.column(), cell.isEmpty() ? null : lookUp(changes, reference, cell, errors));
                } else {
                    json.put(name, Cells.value(table.column(name).orElseThrow(), cell));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationException(target.entity(), errors);
            }
            return new Resolved(id, json);
        }

        private String lookUp(Changes changes, Reference reference, String value, List<FieldError> errors) {
            List<String> ids = Lookups.ids(changes, reference.target(), reference.targetColumn(), value);
            if (ids.size() != 1) {
                errors.add(new FieldError(reference.fileColumn(), ids.isEmpty() ? "not-found" : "ambiguous",
                        ids.isEmpty() ? "no " + reference.target().name() + " with " + reference.targetColumn() + " '"
                                + value + "'; add it first" : ids.size() + " rows of " + reference.target().name()
                                + " have " + reference.targetColumn() + " '" + value + "'; give "
                                + reference.column() + " instead"));
                return null;
            }
            return ids.get(0);
        }
    }
}
