package dev.filial.node.exchange;

/**
 * One transport of a node, as configured: how batches travel ({@link #type}), and when it runs on its
 * own ({@link #schedule}). The order of a node's transports is their priority.
 */
public sealed interface TransportSettings permits HttpSettings, MailSettings, DropSettings {

    /** {@code http}, {@code mail} or {@code drop}. */
    String type();

    Schedule schedule();

    /** The largest batch file this transport carries whole; larger batches travel in parts. */
    long maxFileBytes();
}
