package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.node.cli.ReportOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code filial-hq report}: the node's reports run on HQ's database, which holds every branch's data. */
@Command(name = "report", description = "Run a report over every branch: print it, or write CSV, TSV or XLSX.")
final class HqReportCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws IOException {
        try (Hub hub = Hub.open(home.nodeHome())) {
            return report.run(hub.node().database(), System.out);
        }
    }
}
