/**
 * The HTTP exchange between nodes and their hub: how a request is authenticated
 * ({@link dev.filial.protocol.exchange.RequestSignature}); the endpoints are in PROTOCOL.md section 14.
 */
package dev.filial.protocol.exchange;
