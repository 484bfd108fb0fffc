package dev.filial.protocol.signing;

import dev.filial.protocol.change.NodeCode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys a reader trusts, each bound to the node that owns it. A batch is accepted only
 * when its key id is here and the key belongs to the batch's sender.
 */
public final class KeyRing {

    /** A trusted key and the node it speaks for. */
    public record TrustedKey(NodeCode owner, Ed25519PublicKey key) {
    }

    private final Map<KeyId, TrustedKey> keys = new ConcurrentHashMap<>();

    public KeyRing trust(NodeCode owner, Ed25519PublicKey key) {
        keys.put(key.keyId(), new TrustedKey(owner, key));
        return this;
    }

    public Optional<TrustedKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }
}
