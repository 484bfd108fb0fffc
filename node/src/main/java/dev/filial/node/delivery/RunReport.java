package dev.filial.node.delivery;

import dev.filial.node.exchange.Dispatch;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.IntakeReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a transport did.
 *
 * @param sent          batches of changes sent (new and sent again)
 * @param acknowledged  whether an acknowledgement-only batch was sent
 * @param received      files taken (batches, parts and acknowledgements committed here)
 * @param waiting       files left where they arrived, waiting for other parts or an earlier batch
 * @param problems      refused or rejected files, each with its source and reason
 * @param error         why the run failed ({@code code: hint}), or null
 */
public record RunReport(String transport, int sent, long sentChanges, boolean acknowledged, int received,
                        long receivedChanges, int waiting, List<String> problems, String error) {

    public RunReport {
        problems = List.copyOf(problems);
    }

    /**
     * A run that took {@code in} and sent {@code out}; its problems are the intake's, then {@code problems}
     * (the sending's).
     */
    public static RunReport of(String transport, IntakeReport in, Dispatch.Sent out, List<String> problems) {
        List<String> all = new ArrayList<>(in.problems());
        all.addAll(problems);
        return new RunReport(transport, out.batches(), out.changes(), out.acknowledgement(), in.taken(), in.changes(),
                in.waiting(), all, null);
    }

    static RunReport failed(String transport, ExchangeException e) {
        return new RunReport(transport, 0, 0, false, 0, 0, 0, List.of(), e.getMessage());
    }

    public boolean ok() {
        return error == null;
    }

    /** One line for the operator. */
    public String line() {
        String head = String.format("%-5s ", transport);
        if (!ok()) {
            return head + "FAILED " + error;
        }
        return head + "sent " + sent + " batch(es) with " + sentChanges + " change(s)"
                + (acknowledged ? " and an acknowledgement" : "") + "; received " + received
                + " file(s) with " + receivedChanges + " change(s)" + (waiting > 0 ? "; " + waiting + " waiting" : "")
                + (problems.isEmpty() ? "" : "; " + problems.size() + " problem(s)");
    }
}
