package dev.filial.node.outbox;

import dev.filial.protocol.change.NodeCode;
import java.util.Optional;

/** Where the outbox finds each peer's X25519 exchange key, to encrypt the batches for it. */
@FunctionalInterface
public interface RecipientKeys {

    /** The raw X25519 public key of {@code peer}; empty when none is known (its batches go unencrypted). */
    Optional<byte[]> of(NodeCode peer);
}
