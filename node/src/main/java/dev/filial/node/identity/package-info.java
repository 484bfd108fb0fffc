/**
 * Who a node is: its home directory, code and id ({@code node.properties}), its own Ed25519 and
 * X25519 key pairs (owner-only files) and the public keys of the peers it trusts.
 */
package dev.filial.node.identity;
