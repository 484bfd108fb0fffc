/**
 * Body encryption to the recipient's X25519 key: {@link dev.filial.protocol.crypto.BodyCipher}
 * (ephemeral X25519, HKDF-SHA256, AES-256-GCM) and the node's
 * {@link dev.filial.protocol.crypto.X25519KeyPair}.
 */
package dev.filial.protocol.crypto;
