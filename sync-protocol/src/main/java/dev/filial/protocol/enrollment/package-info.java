/**
 * The enrollment package: the signed file HQ writes for a new node, from which the node joins the
 * network offline (its identity, the hub's keys and addresses, its own keys sealed with a
 * passphrase, and the initial snapshot as hub-to-node batches). PROTOCOL.md section 13.
 */
package dev.filial.protocol.enrollment;
