package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.hq.registry.HubNode;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "nodes", description = "List the enrolled nodes and the state of their channels.")
final class NodesCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Override
    public Integer call() {
        try (Hub hub = Hub.open(home.nodeHome())) {
            HubDelivery delivery = new HubDelivery(hub, home.root().environment(), Clock.systemUTC());
            System.out.printf("%-8s %-8s %-10s %-24s %-28s %s%n", "code", "role", "group", "name", "reached by",
                    "state");
            for (HubNode node : hub.registry().list()) {
                String state = node.revoked() ? "revoked " + node.revokedAt() + ": " + node.revokedReason()
                        : hub.node().outbox().channel(node.code()).backlog() + " batch(es) unacknowledged"
                        + delivery.lastSendError(node.code()).map(error -> "; last send failed " + error).orElse("");
                String via = node.revoked() ? "-" : delivery.inUse(node.code()).map(NodeAddress::toString).orElse("-");
                System.out.printf("%-8s %-8s %-10s %-24s %-28s %s%n", node.code(), node.role(),
                        node.group() == null ? "-" : node.group(), node.name(), via, state);
            }
        }
        return 0;
    }
}
