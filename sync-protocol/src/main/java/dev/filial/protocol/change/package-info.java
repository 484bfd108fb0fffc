/**
 * The change vocabulary, fixed in one place: typed column {@link dev.filial.protocol.change.Value}s,
 * {@link dev.filial.protocol.change.RowChange}s with new and old values, and the
 * {@link dev.filial.protocol.change.Transaction}s that group them. Ids are UUIDv7 text; nodes are
 * named by {@link dev.filial.protocol.change.NodeCode}.
 */
package dev.filial.protocol.change;
