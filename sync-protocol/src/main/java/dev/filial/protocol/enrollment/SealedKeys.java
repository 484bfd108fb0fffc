package dev.filial.protocol.enrollment;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.filial.protocol.enrollment.EnrollmentPackage.NodeSecrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A node's private keys sealed with a passphrase: scrypt derives an AES-256 key from the passphrase,
 * and AES-GCM encrypts the keys with what they belong to as associated data (the package's identity
 * in an enrollment package, the node's code and id in a node's {@code keys/private.sealed}), so that
 * sealed keys moved elsewhere do not open.
 *
 * <p>Its JSON form is one set of fields, {@link #writeFields written} and {@link #fromFields read}
 * here for both users: {@code kdf} ({@code "scrypt"}), {@code n}, {@code r}, {@code p}, and
 * {@code salt}, {@code nonce} and {@code sealed} in base64. The sealed plain text of a node's keys is
 * the JSON object {@code {"signing": "<Ed25519 PKCS#8 PEM>", "exchange": "<X25519 PKCS#8 PEM>"}}.
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

    /** Seals a node's two key pairs (their JSON form) with {@code passphrase}, bound to {@code context}. */
    static SealedKeys seal(NodeSecrets secrets, char[] passphrase, byte[] context) {
        return seal(secrets, passphrase, context, COST);
    }

    /** As {@link #seal(NodeSecrets, char[], byte[])}, at scrypt cost {@code cost} (a power of two). */
    public static SealedKeys seal(NodeSecrets secrets, char[] passphrase, byte[] context, int cost) {
        byte[] plain = EnrollmentDescription.secretsJson(secrets);
        try {
            return seal(plain, passphrase, context, cost);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Seals {@code plain} with {@code passphrase}, bound to {@code context}, at the cost {@link #COST}. */
    static SealedKeys seal(byte[] plain, char[] passphrase, byte[] context) {
        return seal(plain, passphrase, context, COST);
    }

    private static SealedKeys seal(byte[] plain, char[] passphrase, byte[] context, int cost) {
        if (cost < 2 || cost > MAX_COST || Integer.bitCount(cost) != 1) {
            throw new IllegalArgumentException("scrypt cost must be a power of two up to " + MAX_COST + ": " + cost);
        }
        byte[] salt = random(16);
        byte[] nonce = random(12);
        return new SealedKeys(cost, BLOCK, PARALLEL, salt, nonce,
                crypt(Cipher.ENCRYPT_MODE, derive(passphrase, salt, cost, BLOCK, PARALLEL), nonce, context, plain));
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

    /**
     * A node's two key pairs.
     *
     * @throws EnrollmentException {@code wrong-passphrase} as {@link #open}, or {@code invalid-package} if
     *                             what opened is not the JSON form of two keys
     */
    public NodeSecrets openSecrets(char[] passphrase, byte[] context) {
        byte[] plain = open(passphrase, context);
        try {
            return EnrollmentDescription.secrets(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Writes this as fields of the JSON object {@code json} is inside: kdf, n, r, p, salt, nonce, sealed. */
    public void writeFields(JsonGenerator json) throws IOException {
        Base64.Encoder base64 = Base64.getEncoder();
        json.writeStringField("kdf", "scrypt");
        json.writeNumberField("n", n);
        json.writeNumberField("r", r);
        json.writeNumberField("p", p);
        json.writeStringField("salt", base64.encodeToString(salt));
        json.writeStringField("nonce", base64.encodeToString(nonce));
        json.writeStringField("sealed", base64.encodeToString(box));
    }

    /**
     * Reads the fields {@link #writeFields} writes from a JSON object's fields, given as text ({@code String})
     * and integers ({@code Long}); other fields are the caller's.
     *
     * @throws IllegalArgumentException naming the field that is missing, of the wrong type or not base64
     * @throws EnrollmentException      {@code invalid-package} if the parameters or lengths are out of range
     */
    public static SealedKeys fromFields(Map<String, ?> fields) {
        if (!"scrypt".equals(fields.get("kdf"))) {
            throw new IllegalArgumentException("kdf must be scrypt, not " + fields.get("kdf"));
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new SealedKeys(integer(fields, "n"), integer(fields, "r"), integer(fields, "p"),
                base64.decode(text(fields, "salt")), base64.decode(text(fields, "nonce")),
                base64.decode(text(fields, "sealed")));
    }

    private static int integer(Map<String, ?> fields, String name) {
        if (!(fields.get(name) instanceof Long value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value.intValue();
    }

    private static String text(Map<String, ?> fields, String name) {
        if (!(fields.get(name) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-empty text");
        }
        return value;
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
