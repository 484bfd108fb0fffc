package dev.filial.node.cli;

import dev.filial.node.identity.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home}: the node's home directory (default: $FILIAL_NODE_HOME, else the current directory). */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", description = "node home directory (default: $FILIAL_NODE_HOME or .)")
    Path home;

    NodeHome nodeHome() {
        if (home != null) {
            return new NodeHome(home);
        }
        String fromEnvironment = System.getenv("FILIAL_NODE_HOME");
        return new NodeHome(Path.of(fromEnvironment == null ? "." : fromEnvironment));
    }
}
