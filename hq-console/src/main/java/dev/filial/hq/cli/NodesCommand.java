package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.HubNode;
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
            System.out.printf("%-8s %-8s %-10s %-24s %s%n", "code", "role", "group", "name", "state");
            for (HubNode node : hub.registry().list()) {
                String state = node.revoked() ? "revoked " + node.revokedAt() + ": " + node.revokedReason()
                        : hub.node().outbox().channel(node.code()).backlog() + " batch(es) unacknowledged";
                System.out.printf("%-8s %-8s %-10s %-24s %s%n", node.code(), node.role(),
                        node.group() == null ? "-" : node.group(), node.name(), state);
            }
        }
        return 0;
    }
}
