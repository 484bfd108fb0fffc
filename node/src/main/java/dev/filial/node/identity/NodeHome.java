package dev.filial.node.identity;

import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's home directory: {@code node.properties} (identity, engine), {@code keys/} (own key pairs),
 * {@code trust/} (peers' public keys) and {@code data/} (the database).
 */
public final class NodeHome {

    private final Path root;

    public NodeHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path data() {
        return root.resolve("data");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Peers peers() {
        return new Peers(root.resolve("trust"));
    }

    public boolean initialised() {
        return Files.exists(root.resolve(NodeConfig.FILE));
    }

    /**
     * Creates a new node here: its identity and key pairs. The directory must not hold a node yet.
     *
     * @throws NodeHomeException if a node already lives here
     */
    public NodeConfig init(NodeCode code, NodeCode hub, Engine engine) throws IOException {
        if (initialised()) {
            throw new NodeHomeException(root + " already holds node " + config().code()
                    + "; choose an empty directory (a node's identity must never be created twice)");
        }
        Files.createDirectories(root);
        NodeKeys.generate().write(keys());
        NodeConfig config = new NodeConfig(code, Uuid7.next(), hub, engine);
        config.write(root);
        return config;
    }

    public NodeConfig config() throws IOException {
        return NodeConfig.read(root);
    }

    public NodeKeys keysOf() throws IOException {
        return NodeKeys.read(keys());
    }
}
