package dev.filial.protocol.enrollment;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A node's private keys sealed with the enrollment passphrase: scrypt derives an AES-256 key from
 * the passphrase, and AES-GCM encrypts the keys with the package's identity as associated data, so
 * that sealed keys moved into another package do not open.
 *
 * @param n     scrypt cost (a power of two)
 * @param r     scrypt block size
 * @param p     scrypt parallelism
 * @param salt  16 random bytes
 * @param nonce 12 random bytes
 * @param box   ciphertext with its 16-byte tag
 */
public record SealedKeys(int n, int r, int p, byte[] salt, byte[] nonce, byte[] box) {

    /** Cost used for new packages: about 0.1 s and 16 MB on a laptop. */
    public static final int COST = 1 << 14;
    static final int BLOCK = 8;
    static final int PARALLEL = 1;
    /** Largest cost a reader accepts (a hostile package must not make it allocate gigabytes). */
    static final int MAX_COST = 1 << 20;

    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    public SealedKeys {
        if (n < 2 || n > MAX_COST || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
            throw new EnrollmentException(EnrollmentException.Problem.INVALID, "the sealed keys' scrypt parameters (n="
                    + n + ", r=" + r + ", p=" + p + ") are out of range");
        }
        if (salt.length != 16 || nonce.length != 12 || box.length < 17 || box.length > 64 * 1024) {
            throw new EnrollmentException(EnrollmentException.Problem.INVALID,
                    "the sealed keys' salt, nonce or ciphertext has the wrong length");
        }
        salt = salt.clone();
        nonce = nonce.clone();
        box = box.clone();
    }

    static SealedKeys seal(byte[] plain, char[] passphrase, byte[] context) {
        byte[] salt = random(16);
        byte[] nonce = random(12);
        return new SealedKeys(COST, BLOCK, PARALLEL, salt, nonce,
                crypt(Cipher.ENCRYPT_MODE, derive(passphrase, salt, COST, BLOCK, PARALLEL), nonce, context, plain));
    }

    /**
     * The plain keys.
     *
     * @throws EnrollmentException {@code wrong-passphrase} if the passphrase or the package's identity does
     *                             not match what the keys were sealed with
     */
    byte[] open(char[] passphrase, byte[] context) {
        try {
            return crypt(Cipher.DECRYPT_MODE, derive(passphrase, salt, n, r, p), nonce, context, box);
        } catch (WrongPassphrase e) {
            throw new EnrollmentException(EnrollmentException.Problem.WRONG_PASSPHRASE,
                    "the node's keys do not open with this passphrase");
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] box() {
        return box.clone();
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int n, int r, int p) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return SCrypt.generate(bytes, salt, n, r, p, 32);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new WrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The tag did not verify. */
    private static final class WrongPassphrase extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WrongPassphrase() {
            super(null, null, false, false);
        }
    }
}
