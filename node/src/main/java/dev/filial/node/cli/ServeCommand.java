package dev.filial.node.cli;

import dev.filial.node.api.NodeServer;
import dev.filial.node.identity.KeyPassphrase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the node's REST API (loopback only unless --host says otherwise).")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Option(names = "--port", description = "port (default 8470)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (default 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("filial.node.home", home.nodeHome().root().toString());
        if (port != null) {
            properties.put("micronaut.server.port", port);
        }
        if (host != null) {
            properties.put("micronaut.server.host", host);
        }
        EmbeddedServer server = NodeServer.start(properties,
                KeyPassphrase.fromEnvironment(home.root().environment()));
        System.out.println("serving node in " + home.nodeHome().root() + " at " + server.getURL() + "/api; stop with Ctrl-C");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
        return 0;
    }
}
