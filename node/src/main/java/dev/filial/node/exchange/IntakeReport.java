package dev.filial.node.exchange;

import dev.filial.protocol.change.NodeCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one pass over the arrivals of a mailbox or drop folder did.
 *
 * @param taken          files whose batch is committed here (applied now, before, or acknowledgements)
 * @param applied        batches applied by this intake
 * @param changes        changes applied
 * @param waiting        files left in place: parts of a batch still incomplete, a batch after a gap, or one
 *                       that could not be applied this time
 * @param duplicatesFrom the senders of files holding batches committed before (they lack the acknowledgement)
 * @param problems       one line per file moved aside or left in place for a reason the operator should see
 */
public record IntakeReport(int taken, int applied, long changes, int waiting, Set<NodeCode> duplicatesFrom,
                           List<String> problems) {

    public static final IntakeReport NONE = new IntakeReport(0, 0, 0, 0, Set.of(), List.of());

    public IntakeReport {
        duplicatesFrom = Set.copyOf(duplicatesFrom);
        problems = List.copyOf(problems);
    }

    /** This report and {@code other} together (two folders read in one run). */
    public IntakeReport plus(IntakeReport other) {
        Set<NodeCode> senders = new HashSet<>(duplicatesFrom);
        senders.addAll(other.duplicatesFrom);
        List<String> lines = new ArrayList<>(problems);
        lines.addAll(other.problems);
        return new IntakeReport(taken + other.taken, applied + other.applied, changes + other.changes,
                waiting + other.waiting, senders, lines);
    }
}
