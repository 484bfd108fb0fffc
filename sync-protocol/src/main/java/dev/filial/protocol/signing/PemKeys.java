package dev.filial.protocol.signing;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Raw 32-byte Ed25519 and X25519 keys to and from PEM: public keys as X.509 SubjectPublicKeyInfo
 * ({@code PUBLIC KEY}), private keys as PKCS #8 ({@code PRIVATE KEY}), the encodings openssl reads.
 */
public final class PemKeys {

    /** The two curves a Filial key file may hold. */
    public enum Curve {
        ED25519("2b6570"),
        X25519("2b656e");

        private final byte[] spkiPrefix;
        private final byte[] pkcs8Prefix;

        Curve(String oid) {
            this.spkiPrefix = HexFormat.of().parseHex("302a3005" + "0603" + oid + "032100");
            this.pkcs8Prefix = HexFormat.of().parseHex("302e020100" + "3005" + "0603" + oid + "04220420");
        }
    }

    private PemKeys() {
    }

    public static String publicKeyPem(Curve curve, byte[] raw) {
        return pem("PUBLIC KEY", concat(curve.spkiPrefix, raw));
    }

    /** The DER (X.509 SubjectPublicKeyInfo) a {@code PUBLIC KEY} PEM holds: what a key fingerprint hashes. */
    public static byte[] publicKeyDer(Curve curve, byte[] raw) {
        return concat(curve.spkiPrefix, raw);
    }

    public static String privateKeyPem(Curve curve, byte[] raw) {
        return pem("PRIVATE KEY", concat(curve.pkcs8Prefix, raw));
    }

    /** The raw key inside a {@code PUBLIC KEY} PEM of the given curve. */
    public static byte[] readPublicKey(Curve curve, String pem) {
        return unwrap(curve.spkiPrefix, decode("PUBLIC KEY", pem), curve + " public key");
    }

    /** The raw key inside a {@code PRIVATE KEY} PEM of the given curve. */
    public static byte[] readPrivateKey(Curve curve, String pem) {
        return unwrap(curve.pkcs8Prefix, decode("PRIVATE KEY", pem), curve + " private key");
    }

    private static byte[] unwrap(byte[] prefix, byte[] der, String what) {
        if (der.length != prefix.length + 32 || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not an " + what + " in PEM form");
        }
        return Arrays.copyOfRange(der, prefix.length, der.length);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] decode(String label, String pem) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block '" + label + "' is not valid base64", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
