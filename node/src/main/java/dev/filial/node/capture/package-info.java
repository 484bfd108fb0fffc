/**
 * The one write path for replicated tables ({@link dev.filial.node.capture.ChangeWriter}): local
 * writes are captured into the change log in the same transaction; incoming transactions are applied
 * on the same statements without capture, queued as JDBC batches in their order, leaving columns with
 * unacknowledged local changes alone.
 */
package dev.filial.node.capture;
