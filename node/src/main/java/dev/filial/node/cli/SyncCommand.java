package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.exchange.HttpSettings;
import dev.filial.node.exchange.Schedule;
import java.net.URL;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", description = "Exchange with the hub now over the configured transports in priority order "
        + "(exchange.yml): the first that works sends, every one receives.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--url", description = "exchange over HTTP with the hub at this address instead")
    URL url;

    @Option(names = "--transport", description = "only this transport: http, mail or drop")
    String transport;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            Delivery delivery = new Delivery(node, home.root().environment());
            List<RunReport> reports = url != null
                    ? List.of(delivery.run(new HttpSettings(url, Schedule.MANUAL), true))
                    : delivery.syncNow(transport);
            return print(reports);
        }
    }

    /** Prints each report; 0 when one sent and no file was refused. */
    static int print(List<RunReport> reports) {
        for (RunReport report : reports) {
            System.out.println(report.line());
            report.problems().forEach(problem -> System.out.println("      " + problem));
        }
        boolean sent = reports.stream().anyMatch(RunReport::ok);
        boolean clean = reports.stream().allMatch(report -> report.problems().isEmpty());
        return sent && clean ? 0 : 1;
    }
}
