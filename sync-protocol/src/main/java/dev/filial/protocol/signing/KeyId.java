package dev.filial.protocol.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names a public key on the wire: the first 8 bytes of the SHA-256 of the raw 32-byte key, as 16
 * lower-case hex digits. Anyone holding the key can recompute it.
 */
public record KeyId(String value) {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{16}");

    public KeyId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("key id must be 16 lower-case hex digits: " + value);
        }
    }

    public static KeyId parse(String text) {
        return new KeyId(text);
    }

    /** The key id of a raw 32-byte public key (Ed25519 or X25519). */
    public static KeyId of(byte[] rawPublicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
            return new KeyId(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
