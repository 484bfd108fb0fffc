package dev.filial.node.delivery;

import java.util.List;

/**
 * A running node's transports as the server offers them: "sync now", each transport's status, and the
 * schedules running in the background until {@link #close}. A branch has {@link BranchTransports};
 * HQ plugs in its own.
 */
public interface Transports extends AutoCloseable {

    /**
     * Runs the transports now, in priority order (or only {@code only} when not null).
     *
     * @throws dev.filial.node.exchange.ExchangeException {@code no-transport} when none is configured
     */
    List<RunReport> syncNow(String only);

    /** One entry per transport, for {@code GET /api/status}. */
    List<?> status();

    /** One entry per peer this node sends to by a store-and-forward transport (HQ: its nodes); none on a branch. */
    default List<?> peers() {
        return List.of();
    }

    /** Stops the schedules. */
    @Override
    void close();
}
