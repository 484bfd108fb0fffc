package dev.filial.node.identity;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.KeyRing;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The peers a node trusts, in {@code trust/}: for each, {@code <CODE>.signing.pub.pem} (to verify its
 * batches) and optionally {@code <CODE>.exchange.pub.pem} (to encrypt batches to it).
 */
public final class Peers {

    private final Path directory;

    Peers(Path directory) {
        this.directory = directory;
    }

    /** Trusts {@code peer}'s signing key (and exchange key, if given), replacing earlier ones. */
    public void trust(NodeCode peer, String signingPem, String exchangePem) throws IOException {
        PemKeys.readPublicKey(PemKeys.Curve.ED25519, signingPem);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(peer + ".signing.pub.pem"), signingPem);
        if (exchangePem != null) {
            PemKeys.readPublicKey(PemKeys.Curve.X25519, exchangePem);
            Files.writeString(directory.resolve(peer + ".exchange.pub.pem"), exchangePem);
        }
    }

    /** The key ring of every trusted peer's signing key. */
    public KeyRing keyRing() throws IOException {
        KeyRing ring = new KeyRing();
        if (!Files.isDirectory(directory)) {
            return ring;
        }
        try (var files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".signing.pub.pem")) {
                    NodeCode owner = NodeCode.parse(name.substring(0, name.indexOf('.')));
                    ring.trust(owner, Ed25519PublicKey.fromRaw(PemKeys.readPublicKey(PemKeys.Curve.ED25519,
                            Files.readString(file))));
                }
            }
        }
        return ring;
    }

    /** The raw X25519 key to encrypt batches to {@code peer}, if known. */
    public Optional<byte[]> exchangeKey(NodeCode peer) throws IOException {
        Path file = directory.resolve(peer + ".exchange.pub.pem");
        return Files.exists(file)
                ? Optional.of(PemKeys.readPublicKey(PemKeys.Curve.X25519, Files.readString(file)))
                : Optional.empty();
    }

    /** Whether {@code peer}'s signing key is trusted. */
    public boolean trusts(NodeCode peer) {
        return Files.exists(directory.resolve(peer + ".signing.pub.pem"));
    }
}
