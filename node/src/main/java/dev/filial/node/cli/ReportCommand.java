package dev.filial.node.cli;

import dev.filial.node.Node;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "report", description = "Run a report on this node's data: print it, or write CSV, TSV or XLSX.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws IOException {
        try (Node node = Node.open(home.nodeHome())) {
            return report.run(node.database(), System.out);
        }
    }
}
