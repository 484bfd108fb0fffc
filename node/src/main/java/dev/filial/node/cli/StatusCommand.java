package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.delivery.TransportView;
import dev.filial.node.delivery.StatusBoard;
import java.time.Clock;
import java.util.Map;
import dev.filial.node.exchange.HubStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Identity, database, and the state of the exchange with the hub.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            HubStatus status = HubStatus.of(node);
            System.out.printf("node        %s (id %s), hub %s%n", node.config().code(), node.config().id(),
                    node.config().hub());
            System.out.printf("database    %s at %s%n", node.config().engine(), node.database().location());
            System.out.printf("to hub      %d local transaction(s) not yet acknowledged%s; %d batch(es) with %d "
                    + "change(s) sent and unacknowledged (last sent %d, last acknowledged %d)%n",
                    status.unacknowledged(), status.oldestUnacknowledged() == null ? ""
                            : " (oldest from " + status.oldestUnacknowledged() + ")",
                    status.backlog(), status.backlogChanges(), status.lastSent(), status.lastAcknowledged());
            System.out.printf("from hub    last applied batch %d; %d held%s%n", status.lastApplied(), status.held(),
                    status.waitingFor() == null ? "" : ", waiting for " + status.waitingFor());
            System.out.printf("quarantine  %d file(s)%n", status.quarantined());
            StatusBoard board = new StatusBoard(node.database(), Clock.systemUTC());
            for (TransportView channel : TransportView.of(node, board, Map.of())) {
                System.out.println("transport   " + channel.lines());
            }
        }
        return 0;
    }
}
