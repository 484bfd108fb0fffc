package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.delivery.BranchTransports;
import dev.filial.node.delivery.Transports;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Opens the node named by {@code filial.node.home} once per server and closes it on shutdown; starts its
 * transports.
 */
@Factory
class NodeFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Node node(@Value("${filial.node.home}") String home) {
        return Node.open(new NodeHome(Path.of(home)));
    }

    /** The node's transports; created with the server, so their schedules start with it. */
    @Context
    @Bean(preDestroy = "close")
    Transports transports(Node node) {
        return new BranchTransports(node, System::getenv);
    }
}
