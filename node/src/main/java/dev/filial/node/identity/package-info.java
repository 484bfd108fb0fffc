/**
 * Who a node is: its home directory, code and id ({@code node.properties}), its own Ed25519 and X25519 key
 * pairs and the public keys of the peers it trusts. The private keys are owner-only PEM files by default, or,
 * protected, one owner-only file sealed with a passphrase (scrypt + AES-256-GCM, bound to the node's code and
 * id: {@link dev.filial.node.identity.PrivateKeys}); the passphrase comes from the environment or, on the
 * command line, the terminal ({@link dev.filial.node.identity.KeyPassphrase}).
 */
package dev.filial.node.identity;
