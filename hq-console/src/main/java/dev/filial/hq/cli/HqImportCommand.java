package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.access.Actor;
import dev.filial.node.imports.CsvImport;
import dev.filial.node.imports.ImportConsole;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import counterparties, products or prices from a CSV file at HQ, like "
        + "filial-node import; the rows then reach the nodes by the normal routing. Exit code 1 when the file was "
        + "refused or a row failed.")
final class HqImportCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

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
        try (Hub hub = Hub.open(home.nodeHome())) {
            int code = new ImportConsole(System.out, System.err).run(new CsvImport(hub.node().entities(),
                    hub.node().writer()), Actor.SYSTEM, kind, file, dryRun, delimiter, errors);
            // HQ's captured edits into the hub log, routed to the nodes concerned
            hub.consolidator().drainLocal();
            return code;
        }
    }
}
