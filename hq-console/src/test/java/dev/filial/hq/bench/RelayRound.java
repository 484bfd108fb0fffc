package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.seconds;

import dev.filial.hq.bench.BenchNetwork.Transport;
import dev.filial.node.delivery.RunReport;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One round by e-mail (through the network's GreenMail server) or by drop folder, on a fresh network:
 * the branch captures the changes (timed apart), then, timed together, the branch's run of the transport
 * sends them, and HQ's run and the agent's run follow each other until the agent holds every change
 * (HQ's run takes the branch's batches, consolidates them and sends the agent and the branch their
 * batches; the agent's takes them and sends its acknowledgement). Then the branch's run takes its own
 * accepted changes back (timed apart), and the rows are checked equal at the three nodes.
 */
final class RelayRound {

    /** HQ and agent runs before a round gives up: one of each should do. */
    private static final int MAX_RUNS = 5;

    private RelayRound() {
    }

    static Round run(Path base, Transport transport, String mix, long changes, int perTx, long seed)
            throws Exception {
        try (BenchNetwork network = new BenchNetwork(base, transport, hub -> {
        })) {
            String type = transport.type();
            BranchEdits edits = new BranchEdits(mix, seed);
            long start = System.nanoTime();
            edits.write(network.branch(), changes, perTx);
            double capture = seconds(start, System.nanoTime());
            List<String> problems = new ArrayList<>();
            System.gc();
            long c0 = BenchRun.processCpuNanos();
            long t0 = System.nanoTime();
            RunReport sent = one(network.delivery(network.branch()).syncNow(type), problems);
            long t1 = System.nanoTime();
            double hq = 0;
            double agent = 0;
            long received = 0;
            int runs = 0;
            while (received < changes && runs < MAX_RUNS) {
                long h0 = System.nanoTime();
                one(network.hubDelivery().syncNow(type), problems);
                long h1 = System.nanoTime();
                received += one(network.delivery(network.agent()).syncNow(type), problems).receivedChanges();
                long h2 = System.nanoTime();
                hq += seconds(h0, h1);
                agent += seconds(h1, h2);
                runs++;
            }
            long t2 = System.nanoTime();
            double cpu = seconds(c0, BenchRun.processCpuNanos());
            one(network.delivery(network.branch()).syncNow(type), problems);
            double back = seconds(t2, System.nanoTime());
            if (received != changes) {
                throw new IllegalStateException("the agent received " + received + " changes in " + runs
                        + " runs, not " + changes);
            }
            Checks.arrived(network, edits, changes, sent.sentChanges(), problems);
            long[] mail = transport == Transport.MAIL ? mailed(network) : new long[2];
            return new Round(changes, capture, seconds(t0, t1), hq, agent, runs, seconds(t0, t2), back, cpu,
                    mail[0], mail[1]);
        }
    }

    /** The report of the one transport run, its problems added to {@code problems}. */
    private static RunReport one(List<RunReport> reports, List<String> problems) {
        RunReport report = reports.get(0);
        if (reports.size() != 1 || !report.ok()) {
            throw new IllegalStateException("run failed: " + reports);
        }
        problems.addAll(report.problems());
        return report;
    }

    /** Messages the mail server took in the round, and their bytes. */
    private static long[] mailed(BenchNetwork network) throws MessagingException {
        MimeMessage[] messages = network.mail().greenMail().getReceivedMessages();
        long bytes = 0;
        for (MimeMessage message : messages) {
            bytes += message.getSize();
        }
        return new long[] {messages.length, bytes};
    }

    /**
     * Seconds of one round's steps.
     *
     * @param runs     HQ runs (and as many agent runs) until the agent held every change
     * @param endToEnd from the branch's run to the agent's last run: the figure
     */
    record Round(long changes, double capture, double branch, double hq, double agent, int runs, double endToEnd,
                 double branchBack, double cpu, long messages, long messageBytes) {

        double rate() {
            return changes / endToEnd;
        }
    }
}
