package dev.filial.hq.bench;

import static dev.filial.hq.bench.BenchRun.seconds;

import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import java.nio.file.Path;

/**
 * One round over HTTP on a fresh network: the branch captures the changes (timed, the capture baseline),
 * pushes them to HQ, the agent pulls them (both timed: the end-to-end figure), and the branch pulls its
 * own accepted changes back (timed apart); then the rows are checked equal at the three nodes.
 */
final class HttpRound {

    private HttpRound() {
    }

    /**
     * @param concurrent the agent pulls all along on a thread of its own while the branch pushes
     */
    static Round run(Path base, String mix, long changes, int perTx, long seed, boolean concurrent) throws Exception {
        try (BenchNetwork network = new BenchNetwork(base)) {
            BranchEdits edits = new BranchEdits(mix, seed);
            long start = System.nanoTime();
            edits.write(network.branch(), changes, perTx);
            double capture = seconds(start, System.nanoTime());
            System.gc();
            SyncReport pushed;
            SyncReport pulled;
            long c0 = BenchRun.processCpuNanos();
            long t0 = System.nanoTime();
            AgentPulls agent = concurrent ? AgentPulls.start(network) : null;
            try (HttpExchange exchange = network.exchange(network.branch())) {
                pushed = exchange.push();
            }
            long t1 = System.nanoTime();
            if (agent != null) {
                pulled = agent.finish();
            } else {
                try (HttpExchange exchange = network.exchange(network.agent())) {
                    pulled = exchange.pull();
                }
            }
            long t2 = System.nanoTime();
            double cpu = seconds(c0, BenchRun.processCpuNanos());
            SyncReport back;
            try (HttpExchange exchange = network.exchange(network.branch())) {
                back = exchange.pull();
            }
            long t3 = System.nanoTime();
            Checks.arrived(network, edits, changes, pushed, pulled, back);
            return new Round(changes, capture, seconds(t0, t1), seconds(t1, t2), seconds(t2, t3), cpu);
        }
    }

    /** Seconds of one round's steps. */
    record Round(long changes, double capture, double push, double agentPull, double branchPull, double cpu) {

        /** Changes per second from the branch's push to the agent having applied everything. */
        double rate() {
            return changes / endToEnd();
        }

        /** The end-to-end time: push and agent pull. */
        double endToEnd() {
            return push + agentPull;
        }

        double captureRate() {
            return changes / capture;
        }
    }
}
