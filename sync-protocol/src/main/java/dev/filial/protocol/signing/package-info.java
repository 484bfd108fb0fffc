/**
 * Ed25519 signatures over batch headers: the {@link dev.filial.protocol.signing.BatchSigner} role,
 * its {@link dev.filial.protocol.signing.Ed25519BatchSigner} mechanism, public keys named on the
 * wire by {@link dev.filial.protocol.signing.KeyId}, the {@link dev.filial.protocol.signing.KeyRing}
 * of trusted keys, and PEM files that openssl reads.
 */
package dev.filial.protocol.signing;
