/**
 * Channel logic, pure and testable: no I/O, no threads, no clock reads. A channel is one direction
 * of batch exchange between a sender node and a recipient node. Batches on a channel carry
 * sequences 1, 2, 3, ... and are chained by the hash of the previous batch; sequence 0 marks an
 * ack-only batch that carries no data.
 *
 * <p>{@link dev.filial.protocol.channel.OutboundChannel} is the sending side: it hands out the next
 * {@link dev.filial.protocol.channel.ChainLink}, keeps the unacknowledged batches for resending and
 * releases them when the peer acknowledges them ({@link dev.filial.protocol.channel.AckOutcome}).
 * {@link dev.filial.protocol.channel.InboundChannel} is the receiving side: it judges each arriving
 * batch ({@link dev.filial.protocol.channel.OfferVerdict}), holds batches that arrived after a gap and
 * tells what to acknowledge. Both save and load their whole state as plain records
 * ({@link dev.filial.protocol.channel.OutboundState}, {@link dev.filial.protocol.channel.InboundState})
 * so the caller can persist them next to the data they describe.
 *
 * <p>Every verdict and outcome carries a stable {@code reasonCode()} for logs and metrics and a
 * one-line {@code hint()} for an operator.
 */
package dev.filial.protocol.channel;
