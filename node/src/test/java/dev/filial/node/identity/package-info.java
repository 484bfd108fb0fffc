/** Tests of the node's identity: its home, and its private keys plain or sealed with a passphrase. */
package dev.filial.node.identity;
