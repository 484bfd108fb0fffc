package dev.filial.protocol.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the standard-tool commands of PROTOCOL.md section 9, exactly as written there, on a real batch. */
class StandardToolsTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path dir;

    @Test
    void protocolDocCommandsReadHeaderVerifySignatureAndListChanges() throws Exception {
        Ed25519BatchSigner signer = Ed25519BatchSigner.generate();
        List<Transaction> txs = SampleChanges.morning(MSK, 1_763_900_000_000L, 20, 5);
        writeBatch(signer, txs);
        Result result = runDocScript(signer);
        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("\"sender\": \"MSK\"", "Signature Verified Successfully", "body hash OK");
        long changes = txs.stream().mapToLong(tx -> tx.changes().size()).sum();
        assertThat(result.output.lines().filter(line -> line.startsWith("{\"tx\":"))).hasSize((int) changes);
    }

    @Test
    void protocolDocCommandsFailOnASignatureByAnotherKey() throws Exception {
        writeBatch(Ed25519BatchSigner.generate(), SampleChanges.morning(MSK, 1_763_900_000_000L, 3, 6));
        Result result = runDocScript(Ed25519BatchSigner.generate());
        assertThat(result.exit).as(result.output).isNotZero();
        assertThat(result.output).doesNotContain("Signature Verified Successfully");
    }

    private void writeBatch(Ed25519BatchSigner signer, List<Transaction> txs) throws IOException {
        BatchFile file = new BatchWriter(signer, 3, 1 << 20).write(new BatchEnvelope(txs.get(0).id(), MSK,
                NodeCode.parse("HQ"), 1, null, 0, null, 1, Instant.parse("2026-11-23T10:00:00Z")), txs).get(0);
        Files.write(dir.resolve("sample.batch"), file.bytes());
    }

    private Result runDocScript(Ed25519BatchSigner trusted) throws Exception {
        Files.writeString(dir.resolve("pub.pem"), PemKeys.publicKeyPem(PemKeys.Curve.ED25519, trusted.publicKey().raw()));
        String doc = Files.readString(Path.of("PROTOCOL.md"));
        String block = doc.substring(doc.indexOf("<!-- tools:begin -->"), doc.indexOf("<!-- tools:end -->"));
        String script = block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```"));
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("BATCH", "sample.batch");
        builder.environment().put("PUB", "pub.pem");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private record Result(int exit, String output) {
    }
}
