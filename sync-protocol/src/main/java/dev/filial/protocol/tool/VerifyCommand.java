package dev.filial.protocol.tool;

import dev.filial.protocol.batch.BatchHeader;
import dev.filial.protocol.batch.BatchPart;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.batch.BodyStats;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Checks everything a node checks before applying a batch; exit 0 when good, 1 with the reason when not. */
@Command(name = "verify", description = "Verify a batch: container, header, signature, hashes, body and counts.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the batch file, or all its part files")
    List<Path> files;

    @Mixin
    KeyOptions keys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (keys.publicKey == null) {
            spec.commandLine().getErr().println("verify needs --public-key: the sender's Ed25519 public key (PEM)");
            return 2;
        }
        try {
            BatchReader reader = PartFiles.reader(files.get(0), keys.signingKey(), keys.encryptionKey());
            List<BatchPart> parts = PartFiles.read(reader, files);
            BatchHeader header = parts.get(0).header();
            if (header.encryption() != null && keys.decryptionKey == null) {
                spec.commandLine().getOut().printf("OK (signature and part hashes; the encrypted body was not "
                        + "checked: give --decryption-key) batch %s%n", header.batchId());
                return 0;
            }
            BodyStats stats = reader.decode(parts, tx -> { });
            spec.commandLine().getOut().printf("OK batch %s: %s -> %s sequence %d, %d transactions, %d changes%n",
                    header.batchId(), header.sender(), header.recipient(), header.sequence(),
                    stats.transactions(), stats.changes());
            return 0;
        } catch (BatchRejectedException e) {
            spec.commandLine().getErr().printf("REJECTED %s: %s%nhint: %s%n", e.reason().code(), e.detail(), e.hint());
            return 1;
        }
    }
}
