package dev.filial.node.delivery;

import dev.filial.node.exchange.TransportSettings;

/** Runs one transport once: what a branch node and HQ each do on a run. */
public interface TransportRunner {

    /**
     * Runs {@code transport} as its schedule fired: it receives, and sends when it is the transport in
     * use. Never throws for a transport failure: the report carries it and the status board records it.
     */
    RunReport scheduled(TransportSettings transport);
}
