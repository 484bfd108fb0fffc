package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.delivery.BranchTransports;
import dev.filial.node.delivery.Transports;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the node named by {@code filial.node.home} once per server and closes it on shutdown; starts its
 * transports. A passphrase for sealed keys is read from the environment only, the one a {@link KeyPassphrase}
 * bean reads if the server was given one ({@code serve} gives its own; tests give theirs), else the process's.
 */
@Factory
class NodeFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Node node(@Value("${filial.node.home}") String home, Optional<KeyPassphrase> passphrase) {
        return Node.open(new NodeHome(Path.of(home),
                passphrase.orElseGet(() -> KeyPassphrase.fromEnvironment(System::getenv))));
    }

    /** The node's transports; created with the server, so their schedules start with it. */
    @Context
    @Bean(preDestroy = "close")
    Transports transports(Node node) {
        return new BranchTransports(node, System::getenv);
    }
}
