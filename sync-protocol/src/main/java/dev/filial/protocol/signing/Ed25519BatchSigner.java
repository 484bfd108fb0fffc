package dev.filial.protocol.signing;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs with an Ed25519 private key (RFC 8032, pure Ed25519). Signatures are deterministic: the same
 * key and message always give the same 64 bytes, which is what lets golden vectors re-encode byte
 * for byte.
 */
public final class Ed25519BatchSigner implements BatchSigner {

    private final byte[] seed;
    private final Ed25519PrivateKeyParameters parameters;
    private final Ed25519PublicKey publicKey;

    private Ed25519BatchSigner(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        this.seed = seed.clone();
        this.parameters = new Ed25519PrivateKeyParameters(this.seed, 0);
        this.publicKey = Ed25519PublicKey.fromRaw(parameters.generatePublicKey().getEncoded());
    }

    /** A signer for a new random key. */
    public static Ed25519BatchSigner generate() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return new Ed25519BatchSigner(seed);
    }

    /** A signer for the raw 32-byte private key (the RFC 8032 "secret key"). */
    public static Ed25519BatchSigner fromRaw(byte[] seed) {
        return new Ed25519BatchSigner(seed);
    }

    public static Ed25519BatchSigner fromHex(String hex) {
        return new Ed25519BatchSigner(HexFormat.of().parseHex(hex));
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** The raw private key. Handle with care: whoever holds it can sign as this node. */
    public byte[] exportPrivateKey() {
        return seed.clone();
    }

    @Override
    public KeyId keyId() {
        return publicKey.keyId();
    }

    @Override
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, parameters);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }
}
