package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.imports.CsvImport;
import dev.filial.node.imports.ImportConsole;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import counterparties, products or prices from a CSV file (UTF-8; comma, "
        + "semicolon or tab). Rows are matched by tax id, SKU, or SKU + price type + currency + valid_from and "
        + "updated; bad rows are listed and skipped. Exit code 1 when the file was refused or a row failed.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

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

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            return new ImportConsole(System.out, System.err).run(new CsvImport(node.entities(), node.writer()),
                    Actor.SYSTEM, kind, file, dryRun, delimiter, errors);
        }
    }
}
