package dev.filial.protocol.signing;

import dev.filial.protocol.change.NodeCode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys a reader trusts, each bound to the node that owns it. A batch is accepted only
 * when its key id is here, not revoked, and the key belongs to the batch's sender. A revoked key
 * stays known, so that its batches are refused as revoked (with the reason) rather than as unknown.
 */
public final class KeyRing {

    /**
     * A known key and the node it speaks for.
     *
     * @param revoked why the key was revoked, or null while it is trusted
     */
    public record TrustedKey(NodeCode owner, Ed25519PublicKey key, String revoked) {

        public TrustedKey(NodeCode owner, Ed25519PublicKey key) {
            this(owner, key, null);
        }

        public boolean isRevoked() {
            return revoked != null;
        }
    }

    private final Map<KeyId, TrustedKey> keys = new ConcurrentHashMap<>();

    public KeyRing trust(NodeCode owner, Ed25519PublicKey key) {
        keys.put(key.keyId(), new TrustedKey(owner, key));
        return this;
    }

    /** Keeps {@code key} known as {@code owner}'s but refuses its batches from now on, for {@code reason}. */
    public KeyRing revoke(NodeCode owner, Ed25519PublicKey key, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a revocation needs a reason");
        }
        keys.put(key.keyId(), new TrustedKey(owner, key, reason));
        return this;
    }

    public Optional<TrustedKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** The key of {@code owner}: its trusted one if it has any, else a revoked one. */
    public Optional<TrustedKey> findOwnedBy(NodeCode owner) {
        TrustedKey found = null;
        for (TrustedKey key : keys.values()) {
            if (key.owner().equals(owner) && (found == null || found.isRevoked())) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }
}
