package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.cli.ImportArguments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "import", description = "Import counterparties, products or prices from a CSV file at HQ, like "
        + "filial-node import; the rows then reach the nodes by the normal routing. Exit code 1 when the file was "
        + "refused or a row failed.")
final class HqImportCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Mixin
    ImportArguments arguments;

    @Override
    public Integer call() {
        try (Hub hub = Hub.open(home.nodeHome())) {
            int code = arguments.run(hub.node().entities(), hub.node().writer());
            // HQ's captured edits into the hub log, routed to the nodes concerned
            hub.consolidator().drainLocal();
            return code;
        }
    }
}
