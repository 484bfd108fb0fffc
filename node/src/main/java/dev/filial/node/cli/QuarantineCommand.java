package dev.filial.node.cli;

import dev.filial.node.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "quarantine", description = "List files that were refused, with the reason and a hint.")
final class QuarantineCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Override
    public Integer call() {
        try (Node node = Node.open(home.nodeHome())) {
            node.quarantine().list().forEach(entry -> System.out.printf("%s  %s  %s  %d bytes%n    %s: %s%n",
                    entry.receivedAt(), entry.id(), entry.source(), entry.size(), entry.reasonCode(), entry.hint()));
        }
        return 0;
    }
}
