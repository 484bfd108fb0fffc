package dev.filial.node.cli;

import dev.filial.node.access.Actor;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.entity.EntityService;
import dev.filial.node.imports.CsvImport;
import dev.filial.node.imports.ImportConsole;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of {@code import} (the node's and HQ's, which imports the same way into its own database):
 * the kind, the file and the options, and the run that prints the report.
 */
public final class ImportArguments {

    @Parameters(index = "0", paramLabel = "KIND", description = "counterparties, products or prices")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "the CSV file; its first line names the columns")
    Path file;

    @Option(names = "--dry-run", description = "check every row, write nothing")
    boolean dryRun;

    @Option(names = "--delimiter", paramLabel = "D", description = "',' ';' or 'tab' (default: from the header)")
    String delimiter;

    @Option(names = "--errors", paramLabel = "FILE", description = "write the failed rows here, to correct and "
            + "import again")
    Path errors;

    /** Imports through {@code entities} and {@code writer}, printing the report; returns the exit code. */
    public int run(EntityService entities, ChangeWriter writer) {
        return new ImportConsole(System.out, System.err).run(new CsvImport(entities, writer), Actor.SYSTEM, kind,
                file, dryRun, delimiter, errors);
    }
}
