package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.node.delivery.RunReport;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", description = "Run HQ's mail and drop transports now: take what arrived, send every node "
        + "reached that way what it is due.")
final class HqSyncCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Option(names = "--transport", description = "only this transport: mail or drop")
    String transport;

    @Override
    public Integer call() {
        try (Hub hub = Hub.open(home.nodeHome())) {
            return print(new HubDelivery(hub, home.root().environment(), Clock.systemUTC()).syncNow(transport));
        }
    }

    /** Prints each report; 0 when every run worked and no file was refused. */
    static int print(List<RunReport> reports) {
        for (RunReport report : reports) {
            System.out.println(report.line());
            report.problems().forEach(problem -> System.out.println("      " + problem));
        }
        return reports.stream().allMatch(report -> report.ok() && report.problems().isEmpty()) ? 0 : 1;
    }
}
