/**
 * Crash safety: a node or HQ run in a child JVM and halted at a chosen
 * {@link dev.filial.node.store.CrashPoint}, then restarted from the same home and synced to completion.
 */
package dev.filial.hq.crash;
