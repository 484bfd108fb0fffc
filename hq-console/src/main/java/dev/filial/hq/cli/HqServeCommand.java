package dev.filial.hq.cli;

import dev.filial.node.api.NodeServer;
import dev.filial.node.identity.KeyPassphrase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run HQ's server: the nodes' sync endpoints and the REST API on HQ's data.")
final class HqServeCommand implements Callable<Integer> {

    /** HQ's default port. */
    static final int PORT = 8700;

    @Mixin
    HqHome home;

    @Option(names = "--port", description = "port (default 8700)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (default 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("filial.hq.home", home.nodeHome().root().toString());
        properties.put("micronaut.server.port", port == null ? PORT : port);
        if (host != null) {
            properties.put("micronaut.server.host", host);
        }
        EmbeddedServer server = NodeServer.start(properties, KeyPassphrase.fromEnvironment(home.root().environment()));
        System.out.println("HQ in " + home.nodeHome().root() + " serving at " + server.getURL() + " (sync: /sync/v1, "
                + "data: /api); stop with Ctrl-C");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
        return 0;
    }
}
