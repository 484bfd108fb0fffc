/**
 * The vocabulary of transports. {@link dev.filial.node.exchange.ExchangeSettings} reads a node's
 * transports, schedules and backoff ({@code exchange.yml}, or HQ's {@code hq.yml});
 * {@link dev.filial.node.exchange.HttpExchange} pushes and pulls over HTTP with signed requests;
 * {@link dev.filial.node.exchange.Dispatch} and {@link dev.filial.node.exchange.Intake} are the two
 * halves every store-and-forward transport (e-mail, file drop) shares: sending a peer what it is due
 * through a {@link dev.filial.node.exchange.BatchCarrier}, and taking arrived files
 * ({@link dev.filial.node.exchange.Arrival}) through the inbox, moving each only once its batch is
 * committed.
 */
package dev.filial.node.exchange;
