package dev.filial.node.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.exchange.Arrival;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop folder on real files: its root (the share or stick) must exist, since a missing one means it is
 * not mounted and a run that wrote into a fresh folder on the local disk would report a success that
 * carried nothing; only the peer's subfolder is created.
 */
class DropFolderTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode HQ = NodeCode.parse("HQ");

    @TempDir
    Path directory;

    private static OutboundBatch batch(long sequence, String content) {
        return new OutboundBatch(sequence, "0123456789abcdef", 1, List.of(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writingIntoAMissingFolderFailsAndCreatesNothing() {
        Path stick = directory.resolve("media").resolve("stick");
        DropFolder drop = new DropFolder(stick, MSK, 1 << 20);

        assertThatThrownBy(() -> drop.carrier().carry(HQ, batch(1, "batch one")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo("drop-unwritable"))
                .hasMessageContaining("folder " + stick + " not found: is the share or stick mounted?");
        assertThat(directory.resolve("media")).doesNotExist();
    }

    @Test
    void writingIntoAFileInsteadOfAFolderFailsAndLeavesTheFile() throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-stick"), "a file");
        DropFolder drop = new DropFolder(file, MSK, 1 << 20);

        assertThatThrownBy(() -> drop.carrier().carry(HQ, batch(1, "batch one")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo("drop-unwritable"))
                .hasMessageContaining(file.toString());
        assertThat(file).hasContent("a file");
    }

    @Test
    void writingIntoAnExistingFolderCreatesOnlyThePeersSubfolder() throws IOException {
        Path stick = Files.createDirectories(directory.resolve("stick"));
        DropFolder drop = new DropFolder(stick, MSK, 1 << 20);

        drop.carrier().carry(HQ, batch(1, "batch one"));

        assertThat(names(stick)).containsExactly("HQ");
        assertThat(names(stick.resolve("HQ"))).containsExactly("MSK-HQ-000001.batch");
        assertThat(stick.resolve("HQ").resolve("MSK-HQ-000001.batch")).hasContent("batch one");
    }

    @Test
    void readingAMissingFolderFailsButAMissingSubfolderIsNothingArrived() throws IOException {
        Path stick = directory.resolve("stick");
        DropFolder drop = new DropFolder(stick, MSK, 1 << 20);

        assertThatThrownBy(drop::arrivals)
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo("drop-unreadable"))
                .hasMessageContaining("folder " + stick + " not found: is the share or stick mounted?");
        assertThat(stick).doesNotExist();

        Files.createDirectories(stick.resolve("HQ"));
        assertThat(drop.arrivals()).isEmpty();
        assertThat(names(stick)).containsExactly("HQ");

        Files.createDirectories(stick.resolve("MSK"));
        Files.writeString(stick.resolve("MSK").resolve("HQ-MSK-000001.batch"), "for MSK");
        assertThat(drop.arrivals()).extracting(Arrival::source)
                .containsExactly("drop:" + stick.resolve("MSK").resolve("HQ-MSK-000001.batch"));
    }

    @Test
    void aFileArchivedUnderANameAlreadyProcessedKeepsTheEarlierOne() throws IOException {
        Path stick = Files.createDirectories(directory.resolve("stick"));
        Path incoming = Files.createDirectories(stick.resolve("MSK"));
        DropFolder drop = new DropFolder(stick, MSK, 1 << 20);
        for (String copy : List.of("first", "second", "third")) {
            Files.writeString(incoming.resolve("HQ-MSK-000001.batch"), copy);
            drop.arrivals().get(0).archive();
        }

        Path processed = incoming.resolve(DropFolder.PROCESSED);
        assertThat(names(incoming)).containsExactly(DropFolder.PROCESSED);
        assertThat(names(processed))
                .containsExactly("HQ-MSK-000001.batch", "HQ-MSK-000001.batch.1", "HQ-MSK-000001.batch.2");
        assertThat(processed.resolve("HQ-MSK-000001.batch")).hasContent("first");
        assertThat(processed.resolve("HQ-MSK-000001.batch.1")).hasContent("second");
        assertThat(processed.resolve("HQ-MSK-000001.batch.2")).hasContent("third");
    }

    @Test
    void aFileRejectedUnderANameAlreadyRejectedKeepsTheEarlierOneAndItsReason() throws IOException {
        Path stick = Files.createDirectories(directory.resolve("stick"));
        Path incoming = Files.createDirectories(stick.resolve("MSK"));
        Path rejected = incoming.resolve(DropFolder.REJECTED);
        DropFolder drop = new DropFolder(stick, MSK, 1 << 20);
        Files.writeString(incoming.resolve("readme.txt"), "first");
        drop.arrivals().get(0).reject("not-a-batch: first");
        Files.writeString(incoming.resolve("readme.txt"), "second");
        drop.arrivals().get(0).reject("not-a-batch: second");
        // a reason left without its file (a crash between the two) holds its name too
        Files.writeString(rejected.resolve("junk.bin.reason.txt"), "damaged: earlier\n");
        Files.writeString(incoming.resolve("junk.bin"), "junk");
        drop.arrivals().get(0).reject("not-a-batch: junk");

        assertThat(names(incoming)).containsExactly(DropFolder.REJECTED);
        assertThat(names(rejected)).containsExactly("junk.bin.1", "junk.bin.1.reason.txt", "junk.bin.reason.txt",
                "readme.txt", "readme.txt.1", "readme.txt.1.reason.txt", "readme.txt.reason.txt");
        assertThat(rejected.resolve("readme.txt")).hasContent("first");
        assertThat(rejected.resolve("readme.txt.reason.txt")).hasContent("not-a-batch: first");
        assertThat(rejected.resolve("readme.txt.1")).hasContent("second");
        assertThat(rejected.resolve("readme.txt.1.reason.txt")).hasContent("not-a-batch: second");
        assertThat(rejected.resolve("junk.bin.reason.txt")).hasContent("damaged: earlier");
        assertThat(rejected.resolve("junk.bin.1")).hasContent("junk");
        assertThat(rejected.resolve("junk.bin.1.reason.txt")).hasContent("not-a-batch: junk");
    }

    @Test
    void aFolderIsForcedToDiskWhereThePlatformOpensFoldersAndSkippedWhereItCannot() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("stick").resolve("HQ"));
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        // a folder cannot be opened as a channel on Windows; everywhere else its entries are synced
        assertThat(DropFolder.forceDirectory(folder)).isEqualTo(!windows);
        assertThat(DropFolder.forceDirectory(directory.resolve("gone"))).isFalse();
        assertThat(directory.resolve("gone")).doesNotExist();
    }

    /** The names in {@code folder}, sorted. */
    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
