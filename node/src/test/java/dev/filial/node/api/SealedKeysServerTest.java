package dev.filial.node.api;

import static dev.filial.node.support.ApiCalls.call;
import static dev.filial.node.support.TestKeys.environment;
import static dev.filial.node.support.TestKeys.home;
import static dev.filial.node.support.TestKeys.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.KeyProtectionException;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.protocol.change.NodeCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server of a node whose keys are sealed: it opens them with a passphrase from the environment only. */
class SealedKeysServerTest {

    @TempDir
    Path directory;

    @Test
    void servesWithThePassphraseFromTheEnvironmentAndRefusesWithItsCodeWithout() throws Exception {
        NodeHome home = home(directory.resolve("msk"), KeyPassphrase.VARIABLE, "correct horse battery");
        home.init(NodeCode.parse("MSK"), TestHub.CODE, Engine.SQLITE, true);
        Map<String, Object> properties = Map.of("filial.node.home", home.root().toString(),
                "micronaut.server.port", -1);

        try (EmbeddedServer server = NodeServer.start(properties, KeyPassphrase.fromEnvironment(
                environment(KeyPassphrase.VARIABLE, "correct horse battery")));
             HttpClient http = HttpClient.create(server.getURL())) {
            assertThat(call(http.toBlocking(), HttpRequest.GET("/health"))).containsEntry("status", "up")
                    .containsEntry("node", "MSK");
        }

        Map<String, String> before = state(home.root());
        assertThatThrownBy(() -> NodeServer.start(properties, KeyPassphrase.fromEnvironment(environment())))
                .isInstanceOfSatisfying(KeyProtectionException.class, e -> {
                    assertThat(e.code()).isEqualTo("key-passphrase-missing");
                    assertThat(e.hint()).contains("environment only");
                });
        assertThatThrownBy(() -> NodeServer.start(properties, KeyPassphrase.fromEnvironment(
                environment(KeyPassphrase.VARIABLE, "not the passphrase"))))
                .isInstanceOfSatisfying(KeyProtectionException.class,
                    e -> assertThat(e.code()).isEqualTo("key-passphrase-wrong"));
        assertThat(state(home.root())).isEqualTo(before);
    }
}
