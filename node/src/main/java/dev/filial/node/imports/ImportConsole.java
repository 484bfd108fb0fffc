package dev.filial.node.imports;

import dev.filial.node.access.Actor;
import dev.filial.node.csv.CsvException;
import dev.filial.node.csv.CsvReader;
import dev.filial.node.store.FieldError;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code import} command of {@code filial-node} and {@code filial-hq}: runs an import, prints the counts and
 * every refused field, writes the failed rows to an errors file if asked, and answers the exit code: 0 when
 * every row went in (or would, in a dry run), 1 when the file was refused or a row failed.
 */
public final class ImportConsole {

    private final PrintStream out;
    private final PrintStream err;

    public ImportConsole(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Imports {@code file} of {@code kind} as {@code actor}; {@code delimiter} and {@code errors} may be null. */
    public int run(CsvImport importer, Actor actor, String kind, Path file, boolean dryRun, String delimiter,
                   Path errors) {
        ImportReport report;
        try {
            ImportOptions options = ImportOptions.DEFAULT.dryRun(dryRun);
            if (delimiter != null) {
                options = options.delimiter(CsvReader.delimiter(delimiter));
            }
            report = importer.run(actor, ImportKind.parse(kind), file, options);
        } catch (ImportException e) {
            return refused(e.getMessage(), e.hint());
        } catch (CsvException e) {
            return refused(e.getMessage(), e.hint());
        }
        out.println(report.summary());
        for (RowOutcome row : report.failures()) {
            for (FieldError error : row.errors()) {
                out.println("line " + row.line() + ": " + (error.field().isEmpty() ? "" : error.field() + " ")
                        + error.code() + ": " + error.message());
            }
        }
        if (errors != null) {
            try {
                Files.write(errors, report.errorsCsv());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + errors + ": " + e.getMessage(), e);
            }
            out.println(report.failed() + " failed row(s) written to " + errors
                    + "; correct them there and import that file again");
        }
        return report.failed() == 0 ? 0 : 1;
    }

    private int refused(String message, String hint) {
        err.println("error: " + message);
        err.println("hint: " + hint);
        return 1;
    }
}
