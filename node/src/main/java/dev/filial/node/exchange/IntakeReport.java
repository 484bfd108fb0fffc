package dev.filial.node.exchange;

import java.util.List;

/**
 * What one pass over the arrivals of a mailbox or drop folder did.
 *
 * @param taken     files whose batch is committed here (applied now, before, or acknowledgements)
 * @param applied   batches applied by this intake
 * @param changes   changes applied
 * @param waiting   files left in place: parts of a batch still incomplete, or a batch after a gap
 * @param duplicates files that held batches committed before (the sender did not have the ack yet)
 * @param rejected  one line per file moved aside: its source and why
 */
public record IntakeReport(int taken, int applied, long changes, int waiting, int duplicates, List<String> rejected) {

    public static final IntakeReport NONE = new IntakeReport(0, 0, 0, 0, 0, List.of());
}
