package dev.filial.hq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code filial-hq drop write --node X}: a revoked node is refused by name, with a typed error, and
 * nothing goes on the stick, not even for the other nodes named with it.
 */
class HqDropCommandTest {

    @TempDir
    Path directory;

    @Test
    void writingForARevokedNodeIsRefusedAndNothingGoesOnTheStick() throws IOException {
        String home = directory.resolve("hq").toString();
        Path stick = Files.createDirectories(directory.resolve("stick"));
        assertThat(run("init", "--home", home).code()).isZero();
        for (String code : List.of("MSK", "KZN")) {
            assertThat(run("enroll", "--home", home, "--code", code, "--name", code + " office", "--role", "branch",
                    "--out", directory.resolve(code + ".filial").toString()).code()).isZero();
        }
        // a change after enrollment: both nodes are due a batch
        try (Hub hub = Hub.open(new NodeHome(Path.of(home)))) {
            hub.write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name",
                    Value.of("Euro"), "minor_units", Value.of(2))));
        }
        assertThat(run("revoke", "--home", home, "--code", "MSK", "--reason", "office closed").code()).isZero();
        String nodesBefore = run("nodes", "--home", home).out();

        Run refused = run("drop", "write", stick.toString(), "--node", "MSK", "--home", home);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("error: revoked-node: node MSK was revoked at ").contains("office closed");
        assertThat(names(stick)).isEmpty();

        // named with a node that is not revoked: refused before anything is written for either
        Run mixed = run("drop", "write", stick.toString(), "--node", "KZN", "--node", "MSK", "--home", home);
        assertThat(mixed.code()).isEqualTo(1);
        assertThat(mixed.err()).contains("revoked-node: node MSK was revoked");
        assertThat(names(stick)).isEmpty();
        assertThat(run("nodes", "--home", home).out()).isEqualTo(nodesBefore);

        // the node that is not revoked, named alone or among all: written
        Run written = run("drop", "write", stick.toString(), "--node", "KZN", "--home", home);
        assertThat(written.code()).isZero();
        assertThat(written.out()).contains("stick sent 1 batch(es)");
        assertThat(names(stick)).containsExactly("KZN");
        assertThat(names(stick.resolve("KZN"))).singleElement().asString().startsWith("HQ-KZN-");
        assertThat(run("drop", "write", stick.toString(), "--home", home).code()).isZero();
        assertThat(names(stick)).containsExactly("KZN");
    }

    /** The names in {@code folder}, sorted. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** An exit code and what the command printed. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = HqCommand.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
