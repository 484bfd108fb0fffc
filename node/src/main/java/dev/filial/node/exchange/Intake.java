package dev.filial.node.exchange;

import dev.filial.node.inbox.Inbox;
import dev.filial.node.inbox.Receipt;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchRejectedException;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.change.NodeCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the arrivals of a mailbox or drop folder through the inbox, in any order. A file whose batch is
 * committed here (applied now or before, or an acknowledgement) is archived; one the inbox refused, or
 * that is no batch file, is rejected with its reason; one that waits (a part of an incomplete batch, a
 * batch after a gap, or a batch that could not be applied this time) stays where it is. Files that
 * waited are offered again while a pass applies something, so batches that arrived out of order are
 * applied in one intake.
 */
public final class Intake {

    /** Why an arrival is moved aside before the inbox sees it: it is no batch file, or too large for one. */
    public static final Set<String> NOT_BATCHES = Set.of("not-a-batch", "oversized");
    /** The largest arrived file read: the reader's limit for one batch part; a larger one is oversized. */
    public static final long MAX_ARRIVAL_BYTES = ReaderLimits.DEFAULT.maxPartBytes();

    private static final Set<String> COMMITTED = Set.of("applied", "ack-only", "duplicate");
    private static final Set<String> WAITING = Set.of("waiting-parts", "gap", "upgrade-needed", "apply-failed");
    /** Reads the sender of a duplicate, to acknowledge to it again. */
    private static final BatchReader HEADERS = BatchReader.insecureWithoutSignatureCheck(ReaderLimits.DEFAULT, null);

    private final Inbox inbox;

    public Intake(Inbox inbox) {
        this.inbox = inbox;
    }

    /**
     * Takes {@code arrivals}; one bad file never stops the others.
     *
     * @throws ExchangeException when an arrival cannot be moved (the transport failed: the rest stays for the
     *                           next run)
     */
    public IntakeReport take(List<? extends Arrival> arrivals) {
        int taken = 0;
        int applied = 0;
        long changes = 0;
        Set<NodeCode> duplicatesFrom = new HashSet<>();
        List<String> problems = new ArrayList<>();
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
                        problems.add("rejected " + arrival.source() + ": " + e.getMessage());
                    } else {
                        problems.add("left " + arrival.source() + ": " + e.getMessage());
                    }
                    continue;
                }
                Receipt receipt = inbox.receive(arrival.source(), bytes);
                progress |= receipt.applied() > 0;
                if (COMMITTED.contains(receipt.code())) {
                    arrival.archive();
                    taken++;
                    applied += receipt.applied();
                    changes += receipt.changes();
                    if (receipt.code().equals("duplicate")) {
                        sender(bytes).ifPresent(duplicatesFrom::add);
                    }
                    if (receipt.heldRefused() != null) {
                        problems.add("after " + arrival.source() + ": " + receipt.hint());
                    }
                } else if (WAITING.contains(receipt.code())) {
                    still.add(arrival);
                    if (receipt.code().equals("apply-failed")) {
                        problems.add("left " + arrival.source() + " to try again: " + receipt.hint());
                    }
                } else {
                    arrival.reject(receipt.code() + ": " + receipt.hint());
                    problems.add("rejected " + arrival.source() + ": " + receipt.code() + " " + receipt.hint());
                }
            }
            waiting = still;
        }
        return new IntakeReport(taken, applied, changes, waiting.size(), duplicatesFrom, problems);
    }

    private static Optional<NodeCode> sender(byte[] file) {
        try {
            return Optional.of(HEADERS.readPart(file).header().sender());
        } catch (BatchRejectedException e) {
            return Optional.empty();
        }
    }
}
