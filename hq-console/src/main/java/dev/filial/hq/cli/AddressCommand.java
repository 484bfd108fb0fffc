package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.protocol.change.NodeCode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "address", description = "Show, or set in priority order, where HQ reaches a node: http (it pulls), "
        + "mail:MAILBOX, drop:FOLDER. HQ falls back to the next one while the node does not pull over HTTP.")
final class AddressCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Parameters(index = "0", paramLabel = "NODE", description = "the node's code")
    String code;

    @Parameters(index = "1..*", paramLabel = "ADDRESS",
            description = "http, mail:agent7@example.com or drop:/srv/filial")
    List<String> addresses = List.of();

    @Override
    public Integer call() {
        NodeCode node = NodeCode.parse(code);
        try (Hub hub = Hub.open(home.nodeHome())) {
            if (!addresses.isEmpty()) {
                hub.registry().setAddresses(node, NodeAddress.parseAll(addresses));
            }
            hub.registry().find(node).orElseThrow(() -> dev.filial.hq.registry.NodeRegistry.unknown(node));
            List<NodeAddress> current = hub.registry().addresses(node);
            for (int i = 0; i < current.size(); i++) {
                System.out.printf("%d. %s%n", i + 1, current.get(i));
            }
        }
        return 0;
    }
}
