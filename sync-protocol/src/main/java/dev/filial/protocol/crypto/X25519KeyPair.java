package dev.filial.protocol.crypto;

import dev.filial.protocol.signing.KeyId;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A node's encryption key pair (X25519, RFC 7748), separate from its Ed25519 signing key. Bodies
 * sent by e-mail or file drop are encrypted to the recipient's public half.
 */
public final class X25519KeyPair {

    private final byte[] privateKey;
    private final byte[] publicKey;

    private X25519KeyPair(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("an X25519 private key has 32 bytes, not " + privateKey.length);
        }
        this.privateKey = privateKey.clone();
        this.publicKey = new X25519PrivateKeyParameters(this.privateKey, 0).generatePublicKey().getEncoded();
    }

    public static X25519KeyPair generate() {
        return generate(new SecureRandom());
    }

    public static X25519KeyPair generate(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new X25519KeyPair(key);
    }

    public static X25519KeyPair fromRaw(byte[] privateKey) {
        return new X25519KeyPair(privateKey);
    }

    public static X25519KeyPair fromHex(String privateKeyHex) {
        return new X25519KeyPair(HexFormat.of().parseHex(privateKeyHex));
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public KeyId publicKeyId() {
        return KeyId.of(publicKey);
    }

    /** The raw private key. Handle with care: whoever holds it reads every body sent to this node. */
    public byte[] exportPrivateKey() {
        return privateKey.clone();
    }
}
