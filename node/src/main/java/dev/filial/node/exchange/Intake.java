package dev.filial.node.exchange;

import dev.filial.node.inbox.Inbox;
import dev.filial.node.inbox.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Takes the arrivals of a mailbox or drop folder through the inbox, in any order: a file whose batch
 * is committed is archived, a refused one is rejected with its reason, and one that waits (a part of an
 * incomplete batch, a batch after a gap) stays where it is. Files that waited are offered again while
 * a pass applies something, so batches that arrived out of order are applied in one intake.
 */
public final class Intake {

    /** Why an arrival is moved aside before the inbox sees it: it is no batch file, or too large for one. */
    public static final Set<String> NOT_BATCHES = Set.of("not-a-batch", "oversized");

    private final Inbox inbox;

    public Intake(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Takes {@code arrivals}; never throws for one bad file (it is rejected or left in place). */
    public IntakeReport take(List<? extends Arrival> arrivals) {
        int taken = 0;
        int applied = 0;
        int duplicates = 0;
        long changes = 0;
        List<String> rejected = new ArrayList<>();
        List<Arrival> waiting = new ArrayList<>(arrivals);
        boolean progress = true;
        while (progress && !waiting.isEmpty()) {
            progress = false;
            List<Arrival> still = new ArrayList<>();
            for (Arrival arrival : waiting) {
                byte[] bytes;
                try {
                    bytes = arrival.bytes();
                } catch (ExchangeException e) {
                    if (NOT_BATCHES.contains(e.code())) {
                        arrival.reject(e.getMessage());
                        rejected.add(arrival.source() + ": " + e.getMessage());
                    } else {
                        rejected.add(arrival.source() + ": " + e.getMessage() + " (left in place)");
                    }
                    continue;
                }
                Receipt receipt = inbox.receive(arrival.source(), bytes);
                switch (receipt.code()) {
                    case "applied", "ack-only", "duplicate" -> {
                        arrival.archive();
                        taken++;
                        applied += receipt.applied();
                        changes += receipt.changes();
                        duplicates += receipt.code().equals("duplicate") ? 1 : 0;
                        progress |= receipt.applied() > 0;
                    }
                    case "waiting-parts", "gap", "upgrade-needed" -> {
                        still.add(arrival);
                        progress |= receipt.applied() > 0;
                    }
                    default -> {
                        arrival.reject(receipt.code() + ": " + receipt.hint());
                        rejected.add(arrival.source() + ": " + receipt.code() + " " + receipt.hint());
                    }
                }
            }
            waiting = still;
        }
        return new IntakeReport(taken, applied, changes, waiting.size(), duplicates, List.copyOf(rejected));
    }
}
