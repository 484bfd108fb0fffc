package dev.filial.node.drop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.protocol.change.NodeCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keepProcessed}: files in {@code processed/} older than it go, newer ones and everything else stay. */
class ProcessedRetentionTest {

    @TempDir
    Path directory;

    @Test
    void onlyProcessedFilesOlderThanTheRetentionAreDeleted() throws Exception {
        Path incoming = Files.createDirectories(directory.resolve("MSK"));
        Path processed = Files.createDirectories(incoming.resolve(DropFolder.PROCESSED));
        Path rejected = Files.createDirectories(incoming.resolve(DropFolder.REJECTED));
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        Path old = aged(processed.resolve("HQ-MSK-000001.batch"), now.minus(Duration.ofDays(40)));
        Path recent = aged(processed.resolve("HQ-MSK-000002.batch"), now.minus(Duration.ofDays(3)));
        Path oldRejected = aged(rejected.resolve("junk.txt"), now.minus(Duration.ofDays(400)));
        Path waiting = aged(incoming.resolve("HQ-MSK-000003.batch"), now.minus(Duration.ofDays(400)));
        DropFolder folder = new DropFolder(directory, NodeCode.parse("MSK"), 1 << 20);

        assertThat(folder.prune(null, now)).isZero();
        assertThat(old).exists();
        assertThat(folder.prune(Duration.ofDays(30), now)).isOne();

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(oldRejected).as("rejected files are for the operator").exists();
        assertThat(waiting).as("files not yet taken").exists();
    }

    private static Path aged(Path file, Instant when) throws Exception {
        Files.writeString(file, "batch");
        Files.setLastModifiedTime(file, FileTime.from(when));
        return file;
    }
}
