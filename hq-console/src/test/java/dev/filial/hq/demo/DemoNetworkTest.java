package dev.filial.hq.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: the demo network runs, converges, reports its conflicts and stops. */
class DemoNetworkTest {

    @TempDir
    Path directory;

    @Test
    void theDemoConvergesAndTellsWhatHappened() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // relative, as the README's command gives it (-Ddemo.args=--dir target/...): a drop folder named
        // relative to the working directory once pointed into each node's home instead
        Path home = Path.of("").toAbsolutePath().relativize(directory.resolve("demo"));

        boolean converged = new DemoNetwork(home, 0, new PrintStream(out, true, StandardCharsets.UTF_8)).run(false);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(converged).as(report).isTrue();
        assertThat(report)
                .contains("counterparty 'Volga Trade'.payment_days, latest-wins: AG1's 45 beat MSK's 30")
                .contains("hq-wins: HQ's \"500000.00\" beat MSK's \"750000.00\"")
                .contains("duplicate: counterparty 'Ural Foods (Perm)' from AG1 has the tax_id of 'Ural Foods'")
                .contains("MSK holds exactly HQ's view of its scope: yes")
                .contains("AG1 holds exactly HQ's view of its scope: yes")
                .contains("negative-stock stock_document AG1-IS-000001: reversed")
                .doesNotContain("FAILED");
        assertThat(new DemoNetwork(home, 0, new PrintStream(OutputStream.nullOutputStream())).run(false)).isTrue();
    }

    @Test
    void aDirectoryTheDemoDidNotMakeIsLeftAlone() throws Exception {
        Path foreign = directory.resolve("precious");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.txt"), "do not delete");

        assertThatThrownBy(() -> new DemoNetwork(foreign, 0, System.out).run(false))
                .isInstanceOf(IOException.class).hasMessageContaining("not made by the demo");
        assertThat(foreign.resolve("thesis.txt")).exists();
    }
}
