/** Packing captured transactions into signed batches to the hub, storing them until acknowledged. */
package dev.filial.node.outbox;
