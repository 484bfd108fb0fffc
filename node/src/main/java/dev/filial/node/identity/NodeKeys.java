package dev.filial.node.identity;

import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The node's own key pairs in {@code keys/}: Ed25519 to sign batches, X25519 to open batches
 * encrypted to it. Private keys are PKCS#8 PEM files readable by the owner only (mode 0600, in a
 * 0700 directory); the node refuses to start if they are readable by others. They are not
 * passphrase-protected: whoever runs as the node's OS user can use them.
 */
public record NodeKeys(Ed25519BatchSigner signer, X25519KeyPair exchange) {

    static final String SIGNING_KEY = "signing.key.pem";
    static final String SIGNING_PUBLIC = "signing.pub.pem";
    static final String EXCHANGE_KEY = "exchange.key.pem";
    static final String EXCHANGE_PUBLIC = "exchange.pub.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static NodeKeys generate() {
        return new NodeKeys(Ed25519BatchSigner.generate(), X25519KeyPair.generate());
    }

    void write(Path keys) throws IOException {
        Files.createDirectories(keys);
        restrict(keys, PosixFilePermissions.fromString("rwx------"));
        writePrivate(keys.resolve(SIGNING_KEY), PemKeys.privateKeyPem(PemKeys.Curve.ED25519, signer.exportPrivateKey()));
        writePrivate(keys.resolve(EXCHANGE_KEY), PemKeys.privateKeyPem(PemKeys.Curve.X25519, exchange.exportPrivateKey()));
        Files.writeString(keys.resolve(SIGNING_PUBLIC), PemKeys.publicKeyPem(PemKeys.Curve.ED25519, signer.publicKey().raw()));
        Files.writeString(keys.resolve(EXCHANGE_PUBLIC), PemKeys.publicKeyPem(PemKeys.Curve.X25519, exchange.publicKey()));
    }

    static NodeKeys read(Path keys) throws IOException {
        return new NodeKeys(
                Ed25519BatchSigner.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.ED25519, readPrivate(keys.resolve(SIGNING_KEY)))),
                X25519KeyPair.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.X25519, readPrivate(keys.resolve(EXCHANGE_KEY)))));
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrict(file, OWNER_ONLY);
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String readPrivate(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NodeHomeException("private key " + file + " is missing; restore it from the node's backup");
        }
        if (supportsPosix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new NodeHomeException("private key " + file + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (supportsPosix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
