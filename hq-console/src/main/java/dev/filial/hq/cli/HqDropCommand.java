package dev.filial.hq.cli;

import dev.filial.hq.Hub;
import dev.filial.hq.delivery.HubDelivery;
import dev.filial.hq.registry.HubNode;
import dev.filial.hq.registry.NodeRegistry;
import dev.filial.hq.registry.RegistryException;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drop", description = "Exchange through a folder carried by hand (a USB stick): 'write' puts into "
        + "FOLDER/<node>/ everything a node has not acknowledged, 'read' takes everything in FOLDER/HQ/.")
final class HqDropCommand implements Callable<Integer> {

    @Mixin
    HqHome home;

    @Parameters(index = "0", description = "write or read")
    String action;

    @Parameters(index = "1", paramLabel = "FOLDER", description = "the stick or folder")
    Path folder;

    @Option(names = "--node", paramLabel = "CODE", description = "write for these nodes only (repeat; not a revoked "
            + "one); default: all that are not revoked")
    List<String> nodes = List.of();

    @Override
    public Integer call() {
        if (!action.equals("write") && !action.equals("read")) {
            throw new IllegalArgumentException("say 'drop write FOLDER' or 'drop read FOLDER', not '" + action + "'");
        }
        try (Hub hub = Hub.open(home.nodeHome())) {
            List<NodeCode> codes = nodes.isEmpty()
                    ? hub.registry().list().stream().filter(node -> !node.revoked()).map(HubNode::code).toList()
                    : nodes.stream().map(NodeCode::parse).toList();
            for (NodeCode code : codes) {
                HubNode node = hub.registry().find(code).orElseThrow(() -> NodeRegistry.unknown(code));
                if (node.revoked()) {
                    throw new RegistryException("revoked-node", "node " + code + " was revoked at "
                            + node.revokedAt() + ": " + node.revokedReason() + "; nothing is written for it, leave it "
                            + "out of --node");
                }
            }
            HubDelivery delivery = new HubDelivery(hub, home.root().environment(), Clock.systemUTC());
            return HqSyncCommand.print(List.of(delivery.stick(folder, codes, action.equals("write"))));
        }
    }
}
