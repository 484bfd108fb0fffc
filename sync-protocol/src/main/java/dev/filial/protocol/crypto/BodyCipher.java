package dev.filial.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Encrypts a batch body to one recipient: an ephemeral X25519 key agreement (RFC 7748), HKDF-SHA256
 * (RFC 5869) to derive a 256-bit AES key and a 96-bit nonce, then AES-256-GCM with the batch id as
 * associated data. Each body gets a fresh ephemeral key, so the derived key and nonce are never
 * reused. The ephemeral public key travels in the signed header.
 */
public final class BodyCipher {

    /** The scheme name written in the header. */
    public static final String SCHEME = "x25519-hkdf-sha256-aes256gcm";

    private static final byte[] INFO = "filial batch body v1".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;

    private BodyCipher() {
    }

    /** The result of encryption: the ephemeral public key to put in the header, and the ciphertext with its tag. */
    public record Sealed(byte[] ephemeralPublicKey, byte[] ciphertext) {
    }

    /**
     * Encrypts with the given ephemeral key pair. Use a fresh {@link X25519KeyPair#generate()} for
     * every body; a fixed one is only for test vectors.
     */
    public static Sealed seal(byte[] plaintext, byte[] recipientPublicKey, String batchId, X25519KeyPair ephemeral) {
        byte[] ephemeralPublic = ephemeral.publicKey();
        byte[] shared = agree(ephemeral.exportPrivateKey(), recipientPublicKey);
        try {
            return new Sealed(ephemeralPublic, run(Cipher.ENCRYPT_MODE, shared, ephemeralPublic,
                    recipientPublicKey, batchId, plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * Decrypts a body sealed to {@code recipient}.
     *
     * @throws AEADBadTagException when the key is not the one the body was sealed to, or the
     *     ciphertext, ephemeral key or batch id was altered
     */
    public static byte[] open(byte[] ciphertext, byte[] ephemeralPublicKey, X25519KeyPair recipient, String batchId)
            throws AEADBadTagException {
        byte[] shared = agree(recipient.exportPrivateKey(), ephemeralPublicKey);
        try {
            return run(Cipher.DECRYPT_MODE, shared, ephemeralPublicKey, recipient.publicKey(), batchId, ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] run(int mode, byte[] shared, byte[] ephemeralPublic, byte[] recipientPublic,
                              String batchId, byte[] input) throws GeneralSecurityException {
        byte[] okm = new byte[44];
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        byte[] salt = Arrays.copyOf(ephemeralPublic, 64);
        System.arraycopy(recipientPublic, 0, salt, 32, 32);
        hkdf.init(new HKDFParameters(shared, salt, INFO));
        hkdf.generateBytes(okm, 0, okm.length);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(okm, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, okm, 32, 12));
        cipher.updateAAD(batchId.getBytes(StandardCharsets.US_ASCII));
        return cipher.doFinal(input);
    }

    private static byte[] agree(byte[] privateKey, byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an X25519 public key has 32 bytes, not " + publicKey.length);
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
        byte[] shared = new byte[agreement.getAgreementSize()];
        agreement.calculateAgreement(new X25519PublicKeyParameters(publicKey, 0), shared, 0);
        return shared;
    }
}
