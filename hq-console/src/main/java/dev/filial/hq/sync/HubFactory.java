package dev.filial.hq.sync;

import dev.filial.hq.Hub;
import dev.filial.node.Node;
import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import dev.filial.protocol.exchange.RequestSignature;
import dev.filial.hq.delivery.HubTransports;
import dev.filial.node.delivery.Transports;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens HQ from {@code filial.hq.home} once per server. HQ's node stands in for the branch node the
 * node's REST API serves, so HQ staff use the same API on HQ's data. A passphrase for sealed keys is read from
 * the environment only (that of a {@link KeyPassphrase} bean if the server was given one).
 */
@Factory
class HubFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Hub hub(@Value("${filial.hq.home}") String home, Optional<KeyPassphrase> passphrase) {
        return Hub.open(new NodeHome(Path.of(home),
                passphrase.orElseGet(() -> KeyPassphrase.fromEnvironment(System::getenv))));
    }

    @Singleton
    @Replaces(Node.class)
    Node node(Hub hub) {
        return hub.node();
    }

    /** HQ's e-mail and drop transports, in place of a branch's; created with the server, so they run on schedule. */
    @Context
    @Replaces(Transports.class)
    @Bean(preDestroy = "close")
    Transports transports(Hub hub) {
        return new HubTransports(hub, System::getenv);
    }

    @Singleton
    RequestSignature requestSignature(Hub hub) {
        return new RequestSignature(hub.registry().keyRing());
    }
}
