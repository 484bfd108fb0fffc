package dev.filial.node.capture;

import dev.filial.protocol.change.Transaction;

/** A local transaction as the change log holds it: its log sequence and its changes. */
public record CapturedTransaction(long seq, Transaction transaction) {
}
