/**
 * The node's transports to its hub: {@link dev.filial.node.exchange.HttpExchange} pushes and pulls
 * batches over HTTP with signed requests.
 */
package dev.filial.node.exchange;
