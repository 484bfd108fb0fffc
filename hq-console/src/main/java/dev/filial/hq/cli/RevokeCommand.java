package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.HubNode;
import dev.filial.protocol.change.NodeCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "revoke", description = "Revoke a node (a lost laptop): its requests and batches are refused from now on.")
final class RevokeCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Option(names = "--code", required = true, description = "the node's code")
    String code;

    @Option(names = "--reason", required = true, description = "why, e.g. \"laptop stolen\"")
    String reason;

    @Override
    public Integer call() {
        try (Hub hub = Hub.open(home.nodeHome())) {
            HubNode node = hub.revoke(NodeCode.parse(code), reason);
            System.out.printf("node %s revoked at %s: %s%n", node.code(), node.revokedAt(), node.revokedReason());
        }
        return 0;
    }
}
