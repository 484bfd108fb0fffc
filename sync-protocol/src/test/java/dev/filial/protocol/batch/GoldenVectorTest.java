package dev.filial.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.channel.InboundChannel;
import dev.filial.protocol.channel.OfferVerdict;
import dev.filial.protocol.signing.KeyRing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden vector under src/test/resources/vectors: good ones decode, verify and re-encode byte
 * for byte; bad ones are refused with the reason code their folder names.
 */
class GoldenVectorTest {

    private static final Path ROOT = Path.of("src/test/resources/vectors");

    static Stream<Path> vectors() throws IOException {
        return Files.list(ROOT).filter(Files::isDirectory).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorBehavesAsRecorded(Path dir) throws IOException {
        Properties vector = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("vector.properties"))) {
            vector.load(in);
        }
        byte[] bytes = Files.readAllBytes(dir.resolve("batch.bin"));
        String expect = vector.getProperty("expect");
        BatchReader reader = reader(bytes);
        if (expect.equals("ok")) {
            assertDecodesAndReencodes(reader, bytes);
        } else if (expect.equals("broken-chain")) {
            Batch previous = reader.read(Files.readAllBytes(dir.resolve("previous.batch")));
            Batch batch = reader.read(bytes);
            InboundChannel channel = new InboundChannel();
            OfferVerdict first = channel.offer(previous.header().sequence(), previous.header().previous(), previous.hash());
            assertThat(first.reasonCode()).isEqualTo("apply");
            channel.commit(previous.header().sequence(), previous.hash());
            assertThat(channel.offer(batch.header().sequence(), batch.header().previous(), batch.hash()).reasonCode())
                    .isEqualTo("broken-chain");
        } else {
            assertThatThrownBy(() -> reader.read(bytes))
                    .isInstanceOfSatisfying(BatchRejectedException.class,
                            e -> assertThat(e.reason().code()).as(e.getMessage()).isEqualTo(expect));
        }
    }

    private static void assertDecodesAndReencodes(BatchReader reader, byte[] bytes) {
        Batch batch = reader.read(bytes);
        BatchHeader h = batch.header();
        List<Transaction> transactions = new ArrayList<>(batch.transactions());
        BatchWriter writer = new BatchWriter(GoldenKeys.SENDER, 3, 1 << 20, () -> GoldenKeys.EPHEMERAL);
        BatchFile again = writer.write(new BatchEnvelope(h.batchId(), h.sender(), h.recipient(), h.sequence(),
                        h.previous(), h.ack(), h.ackHash(), h.schema(), h.created()), transactions,
                h.encryption() == null ? null : GoldenKeys.RECIPIENT.publicKey()).get(0);
        assertThat(again.bytes()).as("re-encoded bytes").isEqualTo(bytes);
        assertThat(again.batchHash()).isEqualTo(batch.hash());
    }

    /** Trusts the sender key of the vectors for the node the file names as sender (MSK when unreadable). */
    private static BatchReader reader(byte[] bytes) {
        NodeCode sender = GoldenVectorWriter.MSK;
        try {
            sender = HeaderCodec.read(BatchContainer.read(new ByteArrayInputStream(bytes), ReaderLimits.DEFAULT).header())
                    .sender();
        } catch (BatchRejectedException | IOException unreadable) {
            // the reader below reports why
        }
        KeyRing keys = new KeyRing().trust(sender, GoldenKeys.SENDER.publicKey());
        return new BatchReader(keys, ReaderLimits.DEFAULT, null, GoldenKeys.RECIPIENT);
    }
}
