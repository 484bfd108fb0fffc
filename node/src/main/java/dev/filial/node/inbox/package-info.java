/**
 * Receiving batches from the hub: verification, part reassembly, duplicate and gap handling, atomic
 * exactly-once apply while the body is decoded (in runs, in one database transaction per batch), and
 * the quarantine of refused files.
 */
package dev.filial.node.inbox;
