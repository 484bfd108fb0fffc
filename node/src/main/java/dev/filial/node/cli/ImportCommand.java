package dev.filial.node.cli;

import dev.filial.node.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "import", description = "Import counterparties, products or prices from a CSV file (UTF-8; comma, "
        + "semicolon or tab). Rows are matched by tax id, SKU, or SKU + price type + currency + valid_from and "
        + "updated; bad rows are listed and skipped. Exit code 1 when the file was refused or a row failed.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Mixin
    ImportArguments arguments;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            return arguments.run(node.entities(), node.writer());
        }
    }
}
