package dev.filial.hq.crash;

import dev.filial.node.Node;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.identity.NodeHome;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/**
 * The main class of the child JVMs of {@link CrashSafetyTest}, run with {@code -Dfilial.crashAt}:
 * <ul>
 *   <li>{@code sync <node home> <hub url>}: opens the node, syncs once with HQ over HTTP, exits 0;</li>
 *   <li>{@code serve <hq home> <port>}: runs HQ's server on loopback, prints {@code ready} on standard
 *       output and serves until standard input closes.</li>
 * </ul>
 * A crash point reached on the way halts the JVM with {@code CrashPoint.HALT_STATUS}.
 */
public final class CrashMain {

    private CrashMain() {
    }

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "sync" -> {
                try (Node node = Node.open(new NodeHome(Path.of(args[1])));
                     HttpExchange exchange = new HttpExchange(node, new URL(args[2]))) {
                    SyncReport report = exchange.sync();
                    System.out.println("synced " + report);
                }
            }
            case "serve" -> {
                try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                        "filial.hq.home", args[1], "micronaut.server.port", Integer.parseInt(args[2]),
                        "micronaut.server.host", "127.0.0.1"))) {
                    System.out.println("ready " + server.getURL());
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // serve until the parent closes our standard input
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + "; use sync or serve");
        }
        System.exit(0);
    }
}
