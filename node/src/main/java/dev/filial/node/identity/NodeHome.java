package dev.filial.node.identity;

import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.PemKeys;
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
        NodeConfig config = new NodeConfig(code, Uuid7.next(), hub, engine, null);
        config.write(root);
        return config;
    }

    /**
     * Creates the node an enrollment package describes: its identity and keys from the package, the
     * hub's keys trusted. The snapshot batches are then received through the inbox like any batch.
     *
     * @throws NodeHomeException if a node already lives here
     */
    public NodeConfig join(EnrollmentPackage enrollment, EnrollmentPackage.NodeSecrets secrets, Engine engine)
            throws IOException {
        if (initialised()) {
            throw new NodeHomeException(root + " already holds node " + config().code()
                    + "; join from an empty directory");
        }
        Files.createDirectories(root);
        new NodeKeys(secrets.signer(), secrets.exchange()).write(keys());
        EnrollmentPackage.Hub hub = enrollment.hub();
        peers().trust(hub.code(), PemKeys.publicKeyPem(PemKeys.Curve.ED25519, hub.signing().raw()),
                PemKeys.publicKeyPem(PemKeys.Curve.X25519, hub.exchange()));
        NodeConfig config = new NodeConfig(enrollment.node().code(), enrollment.node().id(), hub.code(), engine,
                enrollment.addresses().get("http"));
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
