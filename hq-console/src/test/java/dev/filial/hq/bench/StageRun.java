package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.seconds;

import dev.filial.hq.Hub;
import dev.filial.node.Node;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The steps of an exchange run in process, on a fresh network, one after the other on one thread, with
 * a timer each (wall time, and the thread's CPU time, which other processes on the machine disturb
 * less): what the HTTP rounds spend, stage by stage, without the HTTP requests and without overlap.
 */
final class StageRun {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String mix;
    private final long changes;
    private final int perTx;

    StageRun(String mix, long changes, int perTx) {
        this.mix = mix;
        this.changes = changes;
        this.perTx = perTx;
    }

    void run(Path base) throws Exception {
        try (BenchNetwork network = new BenchNetwork(base)) {
            BranchEdits edits = new BranchEdits(mix, 20260499L);
            long start = System.nanoTime();
            edits.write(network.branch(), changes, perTx);
            double capture = seconds(start, System.nanoTime());
            System.gc();
            Hub hub = network.hub();
            double[] push = send(network.branch(), hub.code(), hub.node());
            double[] toAgent = route(hub, BenchNetwork.AGENT, network.agent());
            double[] back = route(hub, BenchNetwork.BRANCH, network.branch());
            Checks.sameRows(network, edits);
            System.out.printf(Locale.ROOT, "%nStages in process, one after the other (%,d changes, %s mix)%n",
                    changes, mix);
            System.out.printf(Locale.ROOT, "  %-50s %7s  %10s  %7s%n", "stage", "wall", "changes/s", "CPU");
            line("branch capture (baseline, before the exchange)", capture, Double.NaN);
            line("branch pack (change log -> signed batches)", push[0], push[2]);
            line("HQ receive (verify, decode, consolidate, hub log)", push[1], push[3]);
            line("HQ pack for the agent (hub log -> batches)", toAgent[0], toAgent[2]);
            line("agent receive (verify, decode, apply)", toAgent[1], toAgent[3]);
            line("sum: branch -> HQ -> agent", push[0] + push[1] + toAgent[0] + toAgent[1],
                    push[2] + push[3] + toAgent[2] + toAgent[3]);
            line("HQ pack for the branch (its own changes back)", back[0], back[2]);
            line("branch receive", back[1], back[3]);
        }
    }

    private void line(String stage, double seconds, double cpu) {
        System.out.printf(Locale.ROOT, "  %-50s %7.2f s  %,10.0f  %7s%n", stage, seconds, changes / seconds,
                Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "%.2f s", cpu));
    }

    /**
     * Packs every batch at {@code from} to {@code peer} and hands it to {@code to}'s inbox: seconds of
     * {pack, receive} and the thread's CPU seconds of each.
     */
    private static double[] send(Node from, NodeCode peer, Node to) {
        double[] spent = new double[4];
        while (true) {
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            Optional<OutboundBatch> batch = from.outbox().packNext(peer);
            spent[0] += seconds(t0, System.nanoTime());
            spent[2] += seconds(c0, THREADS.getCurrentThreadCpuTime());
            if (batch.isEmpty()) {
                return spent;
            }
            receive(to, batch.get(), spent);
        }
    }

    /** Packs at HQ (its own edits drained first, as a pull does) and hands each batch to {@code node}. */
    private static double[] route(Hub hub, NodeCode peer, Node node) {
        double[] spent = new double[4];
        while (true) {
            long t0 = System.nanoTime();
            long c0 = THREADS.getCurrentThreadCpuTime();
            hub.consolidator().drainLocal();
            Optional<OutboundBatch> batch = hub.node().outbox().packNext(peer);
            spent[0] += seconds(t0, System.nanoTime());
            spent[2] += seconds(c0, THREADS.getCurrentThreadCpuTime());
            if (batch.isEmpty()) {
                return spent;
            }
            receive(node, batch.get(), spent);
        }
    }

    private static void receive(Node node, OutboundBatch batch, double[] spent) {
        long t0 = System.nanoTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (byte[] file : batch.files()) {
            Receipt receipt = node.inbox().receive("bench", file);
            if (receipt.refused()) {
                throw new IllegalStateException("batch " + batch.sequence() + " refused: " + receipt.code() + " "
                        + receipt.hint());
            }
        }
        spent[1] += seconds(t0, System.nanoTime());
        spent[3] += seconds(c0, THREADS.getCurrentThreadCpuTime());
    }
}
