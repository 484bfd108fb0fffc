package dev.filial.node.cli;

import dev.filial.node.Node;
import dev.filial.node.inbox.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import-batch", description = "Verify and apply batch files from the hub (parts in any order). "
        + "Exit 1 if any file was refused (it is quarantined; see 'quarantine').")
final class ImportBatchCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "batch files")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        int refused = 0;
        try (Node node = Node.open(home.nodeHome())) {
            for (Path file : files) {
                Receipt receipt = node.inbox().receive(file.toString(), Files.readAllBytes(file));
                System.out.printf("%s  %s: %s%s%n", file, receipt.code(), receipt.hint(),
                        receipt.kept().isEmpty() ? "" : "; kept local values of " + receipt.kept());
                if (receipt.refused()) {
                    refused++;
                }
            }
        }
        return refused == 0 ? 0 : 1;
    }
}
