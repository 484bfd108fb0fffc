/**
 * Receiving batches from the hub: verification, part reassembly, duplicate and gap handling, atomic
 * exactly-once apply, and the quarantine of refused files.
 */
package dev.filial.node.inbox;
