package dev.filial.node.cli;

import dev.filial.node.report.ExportFormat;
import dev.filial.node.report.Report;
import dev.filial.node.report.ReportParameters;
import dev.filial.node.report.Reports;
import dev.filial.node.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of {@code report} (the node's and HQ's, which runs the same reports on its database and so
 * covers every branch): the report name, its parameters, the format and the output file. Without
 * {@code --format} the file's extension decides (csv, tsv, xlsx, txt), and without {@code -o} the report is
 * printed as a table.
 */
public final class ReportOptions {

    @Parameters(index = "0", paramLabel = "NAME",
            description = "sales, funnel, debtors, stock-balances, stock-movements or activities")
    String name;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the period (yyyy-mm-dd)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of the period (yyyy-mm-dd)")
    String to;

    @Option(names = "--on", paramLabel = "DATE", description = "debtors and stock balances on that day")
    String on;

    @Option(names = "--group", paramLabel = "KEYS",
            description = "sales: any of day|week|month|quarter|year, branch, manager, customer, product"
                    + " (comma separated)")
    String group;

    @Option(names = "--branch", paramLabel = "CODE", description = "only that branch's rows")
    String branch;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, tsv, xlsx or table")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of the terminal")
    Path output;

    /** Runs the report on {@code database} and writes it; returns the exit code. */
    public int run(Database database, PrintStream terminal) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("from", from);
        given.put("to", to);
        given.put("on", on);
        given.put("group", group);
        given.put("branch", branch);
        given.values().removeIf(value -> value == null);
        ExportFormat chosen = format != null ? ExportFormat.parse(format) : output == null ? ExportFormat.TABLE
                : fromExtension(output);
        Report report = new Reports(database, Clock.systemUTC()).run(name, ReportParameters.parse(given));
        if (output == null) {
            chosen.write(report, terminal);
            terminal.flush();
            return 0;
        }
        Path absolute = output.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            chosen.write(report, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        terminal.printf("%s: %d row(s) written to %s (%s)%n", report.name(), report.rows().size(), output,
                chosen.code());
        return 0;
    }

    private static ExportFormat fromExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return ExportFormat.TSV;
        }
        if (name.endsWith(".xlsx")) {
            return ExportFormat.XLSX;
        }
        if (name.endsWith(".txt")) {
            return ExportFormat.TABLE;
        }
        return ExportFormat.CSV;
    }
}
