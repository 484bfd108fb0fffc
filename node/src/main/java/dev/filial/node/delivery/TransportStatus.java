package dev.filial.node.delivery;

/**
 * The last runs of one transport.
 *
 * @param lastError the reason of the last failure, kept after a later success; null if it never failed
 * @param failures  failed runs since the last success (0: healthy)
 */
public record TransportStatus(String transport, String lastRun, String lastSuccess, String lastErrorAt,
                              String lastError, int failures) {

    /** A transport that never ran. */
    public static TransportStatus never(String transport) {
        return new TransportStatus(transport, null, null, null, null, 0);
    }
}
