package dev.filial.node.exchange;

import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;

/** Carries whole batches to one peer: one e-mail message or one dropped file per part. */
public interface BatchCarrier {

    /**
     * Sends every file of {@code batch} to {@code peer}.
     *
     * @throws ExchangeException when it could not be sent; the batch stays stored and goes again later
     */
    void carry(NodeCode peer, OutboundBatch batch);
}
