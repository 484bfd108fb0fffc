package dev.filial.node.identity;

import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A node's home directory: {@code node.properties} (identity, engine), {@code keys/} (own key pairs, the
 * private ones plain or sealed with a passphrase: {@link PrivateKeys}), {@code trust/} (peers' public keys)
 * and {@code data/} (the database).
 */
public final class NodeHome {

    private final Path root;
    private final KeyPassphrase passphrase;

    /** The home in {@code root}; a passphrase for sealed keys is read from the process's environment. */
    public NodeHome(Path root) {
        this(root, KeyPassphrase.fromEnvironment(System::getenv));
    }

    /** The home in {@code root}; a passphrase for sealed keys comes from {@code passphrase}. */
    public NodeHome(Path root, KeyPassphrase passphrase) {
        this.root = root.toAbsolutePath().normalize();
        this.passphrase = passphrase;
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
     * Creates a new node here: its identity and key pairs, the private keys as plain owner-only files. The
     * directory must not hold a node yet.
     *
     * @throws NodeHomeException if a node already lives here
     */
    public NodeConfig init(NodeCode code, NodeCode hub, Engine engine) throws IOException {
        return init(code, hub, engine, false);
    }

    /**
     * Creates a new node here: its identity and key pairs, the private keys sealed with a new passphrase if
     * {@code protectKeys} (asked for before anything is written). The directory must not hold a node yet.
     *
     * @throws NodeHomeException if a node already lives here, or a {@link KeyProtectionException} if no
     *                           acceptable new passphrase was given
     */
    public NodeConfig init(NodeCode code, NodeCode hub, Engine engine, boolean protectKeys) throws IOException {
        if (initialised()) {
            throw new NodeHomeException(root + " already holds node " + config().code()
                    + "; choose an empty directory (a node's identity must never be created twice)");
        }
        NodeConfig config = new NodeConfig(code, Uuid7.next(), hub, engine, null);
        create(config, NodeKeys.generate(), protectKeys);
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
        return join(enrollment, secrets, engine, false);
    }

    /**
     * As {@link #join(EnrollmentPackage, EnrollmentPackage.NodeSecrets, Engine)}, the private keys sealed with a
     * new passphrase if {@code protectKeys}.
     */
    public NodeConfig join(EnrollmentPackage enrollment, EnrollmentPackage.NodeSecrets secrets, Engine engine,
                           boolean protectKeys) throws IOException {
        if (initialised()) {
            throw new NodeHomeException(root + " already holds node " + config().code()
                    + "; join from an empty directory");
        }
        EnrollmentPackage.Hub hub = enrollment.hub();
        NodeConfig config = new NodeConfig(enrollment.node().code(), enrollment.node().id(), hub.code(), engine,
                enrollment.addresses().get("http"));
        create(config, NodeKeys.of(secrets), protectKeys);
        peers().trust(hub.code(), PemKeys.publicKeyPem(PemKeys.Curve.ED25519, hub.signing().raw()),
                PemKeys.publicKeyPem(PemKeys.Curve.X25519, hub.exchange()));
        config.write(root);
        return config;
    }

    /** Writes the keys; the new passphrase, if any, is asked for before anything is written. */
    private void create(NodeConfig config, NodeKeys keys, boolean protectKeys) throws IOException {
        char[] fresh = protectKeys ? passphrase.fresh(config.code().toString()) : null;
        try {
            Files.createDirectories(root);
            new PrivateKeys(keys(), config, passphrase).create(keys, fresh);
        } finally {
            if (fresh != null) {
                Arrays.fill(fresh, '\0');
            }
        }
    }

    public NodeConfig config() throws IOException {
        return NodeConfig.read(root);
    }

    /**
     * The node's key pairs, the private ones opened as {@link PrivateKeys#open} does.
     *
     * @throws KeyProtectionException if sealed keys do not open
     */
    public NodeKeys keysOf() throws IOException {
        return privateKeys().open();
    }

    /** The node's private keys: their form, and the commands that change it. */
    public PrivateKeys privateKeys() throws IOException {
        return new PrivateKeys(keys(), config(), passphrase);
    }
}
