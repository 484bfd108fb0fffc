package dev.filial.node.exchange;

import java.util.List;

/**
 * What one exchange with the hub did.
 *
 * @param refused batches either side refused (quarantined), with the reason
 */
public record SyncReport(int pushed, long pushedChanges, int pulled, long pulledChanges, List<String> refused) {
}
