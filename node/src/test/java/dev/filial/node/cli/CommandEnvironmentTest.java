package dev.filial.node.cli;

import static dev.filial.node.support.TestKeys.environment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.support.TestKeys;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands read secrets from the environment the command line was given, not from the process's own. */
class CommandEnvironmentTest {

    @TempDir
    Path directory;

    @Test
    void userAddReadsThePasswordFromTheGivenEnvironment() throws Exception {
        String at = directory.resolve("msk").toString();
        assertThat(NodeCommand.run(environment(), KeyPassphrase.Terminal.NONE, "init", "--home", at, "--code", "MSK"))
                .isZero();

        int code = NodeCommand.run(environment("FILIAL_PASSWORD", "a long password 1"), KeyPassphrase.Terminal.NONE,
                "user", "add", "anna", "--role", "agent", "--home", at);

        assertThat(code).isZero();
        try (Node node = Node.open(TestKeys.home(directory.resolve("msk")))) {
            assertThat(node.users().list()).anySatisfy(user -> assertThat(user.login()).isEqualTo("anna"));
        }
    }
}
