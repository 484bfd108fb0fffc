package dev.filial.protocol.tool;

import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Makes keys and sample batches from branch MSK to HQ (a plain one and an encrypted one split into
 * parts), dumps and verifies them, and prints how to read them with standard tools.
 */
@Command(name = "demo", description = "Write sample keys and batches, then dump and verify them.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/filial-demo",
            description = "where to write the keys and batches (default: ${DEFAULT-VALUE})")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        NodeCode msk = NodeCode.parse("MSK");
        NodeCode hq = NodeCode.parse("HQ");
        Ed25519BatchSigner signer = Ed25519BatchSigner.generate();
        X25519KeyPair hqKey = X25519KeyPair.generate();
        writePrivate(out.resolve("msk-signing.pem"), PemKeys.privateKeyPem(PemKeys.Curve.ED25519, signer.exportPrivateKey()));
        Files.writeString(out.resolve("msk.pub.pem"), PemKeys.publicKeyPem(PemKeys.Curve.ED25519, signer.publicKey().raw()));
        writePrivate(out.resolve("hq-encryption.pem"), PemKeys.privateKeyPem(PemKeys.Curve.X25519, hqKey.exportPrivateKey()));

        Instant now = Instant.now();
        BatchFile plain = new BatchWriter(signer, BatchWriter.DEFAULT_LEVEL, 1 << 20).write(
                new BatchEnvelope(Uuid7.next(), msk, hq, 1, null, 0, null, 1, now),
                SampleChanges.morning(msk, now.toEpochMilli() - 3_600_000L, 12, 1)).get(0);
        Path plainFile = out.resolve("MSK-HQ-000001.batch");
        Files.write(plainFile, plain.bytes());
        List<BatchFile> split = new BatchWriter(signer, BatchWriter.DEFAULT_LEVEL, 16 * 1024).write(
                new BatchEnvelope(Uuid7.next(), msk, hq, 2, plain.batchHash(), 0, null, 1, now),
                SampleChanges.morning(msk, now.toEpochMilli() - 1_800_000L, 2_000, 2), hqKey.publicKey());
        List<String> partNames = new ArrayList<>();
        for (BatchFile part : split) {
            String name = String.format("MSK-HQ-000002.part%dof%d.batch", part.header().part().index(), split.size());
            Files.write(out.resolve(name), part.bytes());
            partNames.add(out.resolve(name).toString());
        }

        CommandLine tool = spec.root().commandLine();
        console.printf("Wrote keys and batches to %s%n%n== dump %s%n", out, plainFile);
        console.flush();
        int dump = tool.execute("dump", "--public-key", out.resolve("msk.pub.pem").toString(), plainFile.toString());
        console.printf("%n== verify the %d parts of the encrypted batch 2 (any order)%n", split.size());
        console.flush();
        List<String> verifyArgs = new ArrayList<>(List.of("verify", "--public-key", out.resolve("msk.pub.pem").toString(),
                "--decryption-key", out.resolve("hq-encryption.pem").toString()));
        java.util.Collections.reverse(partNames);
        verifyArgs.addAll(partNames);
        int verify = tool.execute(verifyArgs.toArray(String[]::new));
        console.printf("%nRead batch 1 with standard tools (PROTOCOL.md, section 9):%n"
                + "  cd %s%n"
                + "  unzip -p MSK-HQ-000001.batch header.json | jq .%n"
                + "  unzip -p MSK-HQ-000001.batch header.json > h.json; unzip -p MSK-HQ-000001.batch header.sig > h.sig%n"
                + "  openssl pkeyutl -verify -rawin -pubin -inkey msk.pub.pem -sigfile h.sig -in h.json%n"
                + "  unzip -p MSK-HQ-000001.batch body.zst | zstd -dc | jq .%n", out);
        return dump == 0 && verify == 0 ? 0 : 1;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.writeString(file, pem);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the folder's ACL.
        }
    }
}
