/**
 * Persistence of the sync-protocol channel state machines (sequence, chain hash, acks, held and
 * pending batches) per peer and direction, in the same transaction as the data they describe.
 */
package dev.filial.node.channel;
