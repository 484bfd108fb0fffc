package dev.filial.protocol.tool;

import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Key files the commands take: the sender's Ed25519 public key, the recipient's X25519 private key. */
final class KeyOptions {

    @Option(names = "--public-key", paramLabel = "PEM",
            description = "the sender's Ed25519 public key (PEM); the signature is checked against it")
    Path publicKey;

    @Option(names = "--decryption-key", paramLabel = "PEM",
            description = "the recipient's X25519 private key (PEM), to read encrypted bodies")
    Path decryptionKey;

    Ed25519PublicKey signingKey() throws IOException {
        return publicKey == null ? null
                : Ed25519PublicKey.fromRaw(PemKeys.readPublicKey(PemKeys.Curve.ED25519, Files.readString(publicKey)));
    }

    X25519KeyPair encryptionKey() throws IOException {
        return decryptionKey == null ? null
                : X25519KeyPair.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.X25519, Files.readString(decryptionKey)));
    }
}
