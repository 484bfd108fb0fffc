package dev.filial.node.imports;

import dev.filial.node.csv.CsvWriter;
import dev.filial.node.store.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of an import: rows read, created, updated, unchanged and failed; which row went in as which id;
 * and per failed row its line, field, error code and message. {@link #errorsCsv()} gives the failed rows as a
 * CSV file with the same columns plus {@code #line}, {@code #field}, {@code #code} and {@code #message} (an
 * import ignores columns starting with {@code #}), so they can be corrected and imported again.
 */
public final class ImportReport {

    /** The comment columns {@link #errorsCsv()} adds. */
    public static final List<String> ERROR_COLUMNS = List.of("#line", "#field", "#code", "#message");

    private final ImportKind kind;
    private final boolean dryRun;
    private final char delimiter;
    private final List<String> columns;
    private final List<RowOutcome> rows;

    ImportReport(ImportKind kind, boolean dryRun, char delimiter, List<String> columns, List<RowOutcome> rows) {
        this.kind = kind;
        this.dryRun = dryRun;
        this.delimiter = delimiter;
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    public ImportKind kind() {
        return kind;
    }

    /** Whether nothing was written (the counts say what an import would do). */
    public boolean dryRun() {
        return dryRun;
    }

    public List<RowOutcome> rows() {
        return rows;
    }

    public int read() {
        return rows.size();
    }

    public int count(RowOutcome.Outcome outcome) {
        return (int) rows.stream().filter(row -> row.outcome() == outcome).count();
    }

    public int failed() {
        return count(RowOutcome.Outcome.FAILED);
    }

    public List<RowOutcome> failures() {
        return rows.stream().filter(RowOutcome::failed).toList();
    }

    /** One line of counts, for a command line. */
    public String summary() {
        return (dryRun ? "dry run, nothing written: " : "") + kind.code() + ": " + read() + " read, "
                + count(RowOutcome.Outcome.CREATED) + " created, " + count(RowOutcome.Outcome.UPDATED) + " updated, "
                + count(RowOutcome.Outcome.UNCHANGED) + " unchanged, " + failed() + " failed";
    }

    /**
     * The report as JSON: {@code kind, dryRun, read, created, updated, unchanged, failed}, {@code rows} (line,
     * outcome, id of every row that went in) and {@code errors} (line, field, code, message per field error).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind.code());
        json.put("dryRun", dryRun);
        json.put("read", read());
        for (RowOutcome.Outcome outcome : RowOutcome.Outcome.values()) {
            json.put(outcome.code(), count(outcome));
        }
        List<Map<String, Object>> done = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (RowOutcome row : rows) {
            if (row.failed()) {
                for (FieldError error : row.errors()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("line", row.line());
                    entry.put("field", error.field());
                    entry.put("code", error.code());
                    entry.put("message", error.message());
                    errors.add(entry);
                }
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("line", row.line());
                entry.put("outcome", row.outcome().code());
                entry.put("id", row.id());
                done.add(entry);
            }
        }
        json.put("rows", done);
        json.put("errors", errors);
        return json;
    }

    /** The failed rows as a CSV file in the import's delimiter (header only when none failed). */
    public byte[] errorsCsv() {
        List<String> header = new ArrayList<>(columns);
        header.addAll(ERROR_COLUMNS);
        CsvWriter writer = new CsvWriter(delimiter).row(header);
        for (RowOutcome row : failures()) {
            List<String> fields = new ArrayList<>(row.fields());
            fields.add(String.valueOf(row.line()));
            fields.add(row.errors().stream().map(FieldError::field).collect(Collectors.joining(" | ")));
            fields.add(row.errors().stream().map(FieldError::code).collect(Collectors.joining(" | ")));
            fields.add(row.errors().stream().map(FieldError::message).collect(Collectors.joining(" | ")));
            writer.row(fields);
        }
        return writer.toBytes();
    }
}
