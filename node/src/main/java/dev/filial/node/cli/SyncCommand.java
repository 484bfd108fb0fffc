package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import java.net.URL;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", description = "Exchange with the hub over HTTP now: push new and unacknowledged batches, pull "
        + "everything the hub has for this node.")
final class SyncCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--url", description = "the hub's address (default: the one from the enrollment package)")
    URL url;

    @Override
    public Integer call() throws Exception {
        try (Node node = Node.open(home.nodeHome())) {
            URL hub = url != null ? url : node.config().hubUrl() == null ? null : new URL(node.config().hubUrl());
            if (hub == null) {
                throw new IllegalArgumentException("no hub address known; pass --url http://host:port");
            }
            try (HttpExchange exchange = new HttpExchange(node, hub)) {
                SyncReport report = exchange.sync();
                System.out.printf("pushed %d batch(es) with %d change(s); pulled %d batch(es) with %d change(s)%n",
                        report.pushed(), report.pushedChanges(), report.pulled(), report.pulledChanges());
                report.refused().forEach(refusal -> System.out.println("refused: " + refusal));
                return report.refused().isEmpty() ? 0 : 1;
            }
        }
    }
}
