package dev.filial.node.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * What one exchange with the hub did.
 *
 * @param refused batches either side refused (quarantined), with the reason
 */
public record SyncReport(int pushed, long pushedChanges, int pulled, long pulledChanges, List<String> refused) {

    /** This report followed by {@code next} (a push, then a pull). */
    public SyncReport and(SyncReport next) {
        List<String> both = new ArrayList<>(refused);
        both.addAll(next.refused);
        return new SyncReport(pushed + next.pushed, pushedChanges + next.pushedChanges, pulled + next.pulled,
                pulledChanges + next.pulledChanges, List.copyOf(both));
    }
}
