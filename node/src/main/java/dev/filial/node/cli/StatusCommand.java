package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.OutboundChannel;
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
            long[] log = node.database().read(c -> node.changeLog().countAndLast(c));
            OutboundChannel out = node.outbox().channel(node.config().hub());
            InboundChannel in = node.database().read(c -> new ChannelStore().inbound(c, node.config().hub()));
            System.out.printf("node        %s (id %s), hub %s%n", node.config().code(), node.config().id(), node.config().hub());
            System.out.printf("database    %s at %s%n", node.config().engine(), node.database().location());
            System.out.printf("to hub      %d local transaction(s) not yet acknowledged; %d batch(es) sent and unacknowledged"
                    + " (last sent %d, last acknowledged %d)%n", log[0], out.backlog(), out.lastAssigned(), out.lastAck());
            System.out.printf("from hub    last applied batch %d; %d held%s%n", in.lastCommitted(), in.held().size(),
                    in.gap().map(gap -> ", waiting for " + gap.from() + ".." + gap.to()).orElse(""));
            System.out.printf("quarantine  %d file(s)%n", node.quarantine().list().size());
        }
        return 0;
    }
}
