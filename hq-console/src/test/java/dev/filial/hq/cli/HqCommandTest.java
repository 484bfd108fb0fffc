package dev.filial.hq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.protocol.enrollment.EnrollmentPackage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HqCommandTest {

    @TempDir
    Path directory;

    @Test
    void initEnrollListRevokeFromTheCommandLine() throws Exception {
        String home = directory.resolve("hq").toString();
        Path file = directory.resolve("msk.filial");
        assertThat(run("init", "--home", home)).contains("HQ HQ created");
        String enrolled = run("enroll", "--home", home, "--code", "MSK", "--name", "Moscow branch", "--role", "branch",
                "--out", file.toString());
        assertThat(enrolled).contains("node MSK enrolled").contains("passphrase: ");
        String passphrase = enrolled.substring(enrolled.indexOf("passphrase: ") + 12).lines().findFirst().orElseThrow();
        EnrollmentPackage enrollment = EnrollmentPackage.read(file);
        assertThat(enrollment.node().code().toString()).isEqualTo("MSK");
        assertThat(enrollment.open(passphrase.toCharArray())).isNotNull();

        assertThat(run("nodes", "--home", home)).contains("MSK").contains("Moscow branch").contains("-");
        assertThat(run("address", "MSK", "--home", home)).isEqualTo("1. http\n");
        assertThat(run("address", "MSK", "http", "mail:msk@example.com", "drop:/srv/filial", "--home", home))
                .isEqualTo("1. http\n2. mail:msk@example.com\n3. drop:/srv/filial\n");
        assertThat(HqCommand.run("address", "MSK", "mail:not-an-address", "--home", home)).isEqualTo(1);
        assertThat(HqCommand.run("address", "MSK", "http", "http", "--home", home)).isEqualTo(1);
        assertThat(HqCommand.run("address", "XYZ", "http", "--home", home)).isEqualTo(1);
        assertThat(HqCommand.run("sync", "--home", home)).isEqualTo(1);
        assertThat(run("address", "MSK", "--home", home)).contains("2. mail:msk@example.com");
        assertThat(run("revoke", "--home", home, "--code", "MSK", "--reason", "office closed"))
                .contains("node MSK revoked").contains("office closed");
        assertThat(run("nodes", "--home", home)).contains("revoked").contains("office closed");
        assertThat(HqCommand.run("enroll", "--home", home, "--code", "MSK", "--name", "Again", "--role", "branch",
                "--out", directory.resolve("again.filial").toString())).isEqualTo(1);
        assertThat(HqCommand.run("enroll", "--home", home, "--code", "KZN", "--name", "Kazan", "--role", "boss",
                "--out", directory.resolve("kzn.filial").toString())).isEqualTo(1);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(HqCommand.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
