package dev.filial.node.api;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHomeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;

/**
 * Starts the HTTP server of a node (or of HQ) with the {@link KeyPassphrase} its node's sealed keys are opened
 * with: the environment only, since a service has no terminal. A node that cannot open is reported as the
 * {@link NodeHomeException} it is (with its code and hint), not as a failed bean.
 */
public final class NodeServer {

    private NodeServer() {
    }

    /** Starts the server the {@code properties} describe. */
    public static EmbeddedServer start(Map<String, Object> properties, KeyPassphrase passphrase) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(passphrase).build();
        try {
            context.start();
            return context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw NodeHomeException.within(e).map(RuntimeException.class::cast).orElse(e);
        }
    }
}
