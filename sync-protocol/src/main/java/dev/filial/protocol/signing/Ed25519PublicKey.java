package dev.filial.protocol.signing;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key (RFC 8032) as its raw 32 bytes; verifies batch header signatures. */
public final class Ed25519PublicKey {

    /** Length of a raw key. */
    public static final int LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;
    private final Ed25519PublicKeyParameters parameters;
    private final KeyId keyId;

    private Ed25519PublicKey(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        this.raw = raw.clone();
        this.parameters = new Ed25519PublicKeyParameters(this.raw, 0);
        this.keyId = KeyId.of(this.raw);
    }

    public static Ed25519PublicKey fromRaw(byte[] raw) {
        return new Ed25519PublicKey(raw);
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(HexFormat.of().parseHex(hex));
    }

    public KeyId keyId() {
        return keyId;
    }

    public byte[] raw() {
        return raw.clone();
    }

    /** True when {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, parameters);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + keyId + "]";
    }
}
