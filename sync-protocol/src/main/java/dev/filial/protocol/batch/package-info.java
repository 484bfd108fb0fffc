/**
 * The batch file: a strict ZIP container ({@code header.json}, {@code header.sig}, body), the signed
 * {@link dev.filial.protocol.batch.BatchHeader} and its codec, the streamed JSON body
 * ({@link dev.filial.protocol.batch.BodyCodec}), reader limits and the typed
 * {@link dev.filial.protocol.batch.BatchRejectedException} with stable
 * {@link dev.filial.protocol.batch.RejectReason} codes.
 */
package dev.filial.protocol.batch;
