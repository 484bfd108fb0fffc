package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export-batch", description = "Write batches to the hub as files: new changes, unacknowledged batches due "
        + "for resending, or an acknowledgement when there is nothing else.")
final class ExportBatchCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--to", required = true, description = "directory to write the batch files into")
    Path target;

    @Option(names = "--resend-after", defaultValue = "3600", description = "seconds after which an unacknowledged batch "
            + "is written again (0: all of them; default 3600)")
    long resendAfter;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(target);
        try (Node node = Node.open(home.nodeHome())) {
            NodeCode hub = node.config().hub();
            List<OutboundBatch> batches = new ArrayList<>(node.outbox().dueForResend(hub, resendAfter * 1000));
            batches.addAll(node.outbox().pack(hub));
            if (batches.isEmpty()) {
                batches.add(node.outbox().acknowledgement(hub));
            }
            String sender = node.config().code().toString();
            String recipient = node.config().hub().toString();
            for (OutboundBatch batch : batches) {
                for (int i = 0; i < batch.files().size(); i++) {
                    Path file = target.resolve(batch.fileName(sender, recipient, i + 1));
                    Path temporary = target.resolve(file.getFileName() + ".tmp");
                    Files.write(temporary, batch.files().get(i));
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    System.out.printf("%s  batch %d, %d change(s)%n", file, batch.sequence(), batch.changes());
                }
            }
        }
        return 0;
    }
}
