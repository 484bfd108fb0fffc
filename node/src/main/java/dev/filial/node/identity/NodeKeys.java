package dev.filial.node.identity;

import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's own key pairs in {@code keys/}: Ed25519 to sign batches, X25519 to open batches encrypted
 * to it. The public keys are PEM files anyone may read; where the private keys live, and in which form
 * (owner-only PKCS#8 PEM files or one file sealed with a passphrase), is {@link PrivateKeys}' business.
 * This class reads and writes the plain form.
 */
public record NodeKeys(Ed25519BatchSigner signer, X25519KeyPair exchange) {

    static final String SIGNING_KEY = "signing.key.pem";
    static final String SIGNING_PUBLIC = "signing.pub.pem";
    static final String EXCHANGE_KEY = "exchange.key.pem";
    static final String EXCHANGE_PUBLIC = "exchange.pub.pem";

    static NodeKeys generate() {
        return new NodeKeys(Ed25519BatchSigner.generate(), X25519KeyPair.generate());
    }

    static NodeKeys of(EnrollmentPackage.NodeSecrets secrets) {
        return new NodeKeys(secrets.signer(), secrets.exchange());
    }

    EnrollmentPackage.NodeSecrets secrets() {
        return new EnrollmentPackage.NodeSecrets(signer, exchange);
    }

    /** Writes the public keys' PEM files. */
    void writePublic(Path keys) throws IOException {
        Files.writeString(keys.resolve(SIGNING_PUBLIC),
                PemKeys.publicKeyPem(PemKeys.Curve.ED25519, signer.publicKey().raw()));
        Files.writeString(keys.resolve(EXCHANGE_PUBLIC),
                PemKeys.publicKeyPem(PemKeys.Curve.X25519, exchange.publicKey()));
    }

    /** Writes the private keys as owner-only PEM files, each atomically. */
    void writePlain(Path keys) throws IOException {
        OwnerOnlyFiles.write(keys.resolve(SIGNING_KEY), PemKeys.privateKeyPem(PemKeys.Curve.ED25519,
                signer.exportPrivateKey()).getBytes(StandardCharsets.US_ASCII));
        OwnerOnlyFiles.write(keys.resolve(EXCHANGE_KEY), PemKeys.privateKeyPem(PemKeys.Curve.X25519,
                exchange.exportPrivateKey()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the private keys' PEM files. */
    static NodeKeys readPlain(Path keys) throws IOException {
        return new NodeKeys(
                Ed25519BatchSigner.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.ED25519,
                        readPrivate(keys.resolve(SIGNING_KEY)))),
                X25519KeyPair.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.X25519,
                        readPrivate(keys.resolve(EXCHANGE_KEY)))));
    }

    private static String readPrivate(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NodeHomeException("private key " + file + " is missing; restore it from the node's backup");
        }
        return new String(OwnerOnlyFiles.read(file), StandardCharsets.US_ASCII);
    }
}
