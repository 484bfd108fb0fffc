package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.exchange.Intake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "drop", description = "Exchange through a folder carried by hand (a USB stick): 'write' puts "
        + "everything the hub has not acknowledged into FOLDER/<hub>/, 'read' takes everything in FOLDER/<node>/.")
final class DropCommand implements Callable<Integer> {

    /** The name stick runs are recorded under. */
    static final String STICK = "stick";

    @Mixin
    HomeOption home;

    @Parameters(index = "0", description = "write or read")
    String action;

    @Parameters(index = "1", paramLabel = "FOLDER", description = "the stick or folder")
    Path folder;

    @Override
    public Integer call() {
        if (!action.equals("write") && !action.equals("read")) {
            throw new IllegalArgumentException("say 'drop write FOLDER' or 'drop read FOLDER', not '" + action + "'");
        }
        try (Node node = Node.open(home.nodeHome())) {
            Delivery delivery = new Delivery(node, home.root().environment());
            DropFolder drop = new DropFolder(folder, node.config().code(), Intake.MAX_ARRIVAL_BYTES);
            boolean write = action.equals("write");
            // recorded apart from the configured drop folder, whose status and schedule a stick must not touch
            return SyncCommand.print(List.of(delivery.board().record(STICK, () -> write
                    ? delivery.dropSend(STICK, drop, Duration.ZERO) : delivery.dropRun(STICK, drop, false,
                    Duration.ZERO))));
        }
    }
}
