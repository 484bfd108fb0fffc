package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.inbox.Receipt;
import java.io.IOException;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One try of the convergence property: a schedule run on a fresh network, the network drained over a
 * reliable transport, the files still on the wire delivered late, the transfers still waiting received by
 * their branches (and drained again), and everything checked. Plain JUnit
 * tests replay a schedule jqwik reported through {@link #run} as well.
 */
final class Trial {

    /** Reliable rounds over every node after which the network must have drained. */
    static final int MAX_ROUNDS = 12;

    private Trial() {
    }

    /**
     * Runs {@code schedule} and checks the outcome; {@code observer} sees the network before it closes.
     * {@code overHttp}: HQ runs in its embedded server, and the reliable exchanges ({@link Schedule.Sync}
     * steps and the drain) are {@code HttpExchange.sync} calls; the faulty wire works beside them.
     */
    static void run(Schedule schedule, boolean overHttp, Observer observer) throws IOException {
        try (TrialNetwork network = TrialNetwork.start(schedule.members(), schedule.policies().yaml(), overHttp)) {
            Editor.Ledger ledger = new Editor.Ledger();
            Editor editor = new Editor(network, ledger);
            FaultyTransport transport = new FaultyTransport(network);
            IntUnaryOperator exchange = overHttp ? index -> overHttp(network, index) : transport::exchange;
            int nodes = network.nodes().size();
            for (int step = 0; step < schedule.steps().size(); step++) {
                Schedule.Step next = schedule.steps().get(step);
                if (next instanceof Schedule.Edit edit) {
                    editor.run(edit, step);
                } else if (next instanceof Schedule.Send send) {
                    transport.send(send.node() % nodes);
                } else if (next instanceof Schedule.Serve serve) {
                    transport.serve(serve.node() % nodes);
                } else if (next instanceof Schedule.Deliver deliver) {
                    transport.deliver(deliver.pick(), deliver.fault());
                } else if (next instanceof Schedule.Sync sync) {
                    exchange.applyAsInt(sync.node() % nodes);
                } else if (next instanceof Schedule.Restart restart) {
                    network.restart(restart.site() % (nodes + 1));
                }
            }
            drain(exchange, nodes);
            List<Receipt> late = transport.deliverAll();
            assertThat(late).as("files still on the wire once drained are stale: they must change nothing")
                    .allSatisfy(receipt -> assertThat(receipt.applied()).as(receipt.toString()).isZero());
            drain(exchange, nodes);
            if (editor.receiveAll() > 0) {
                drain(exchange, nodes);
            }
            assertThat(transport.refused()).as("files refused by a receiver").isEmpty();

            ConvergenceCheck check = new ConvergenceCheck(network);
            check.quiescent(transport.quarantined());
            check.scopes();
            check.stock();
            WriteAccounting accounting = new WriteAccounting(network, ledger.written());
            accounting.nothingAppliedTwice();
            accounting.nothingLost();
            observer.saw(network, transport, ledger);
        }
    }

    /** Sees a try's network, transport and ledger once everything is checked, before the network closes. */
    interface Observer {
        void saw(TrialNetwork network, FaultyTransport transport, Editor.Ledger ledger);
    }

    /** One {@code HttpExchange.sync} of node {@code index}; returns the batches it pushed and pulled. */
    private static int overHttp(TrialNetwork network, int index) {
        try (HttpExchange http = new HttpExchange(network.node(index), network.url())) {
            SyncReport report = http.sync();
            assertThat(report.refused()).as("refused in a sync of node %d", index).isEmpty();
            return report.pushed() + report.pulled();
        }
    }

    /** Reliable exchanges with every node, round after round, until a round moves nothing anywhere. */
    static void drain(IntUnaryOperator exchange, int nodes) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int applied = 0;
            for (int node = 0; node < nodes; node++) {
                applied += exchange.applyAsInt(node);
            }
            if (applied == 0) {
                return;
            }
        }
        throw new AssertionError("the network still moved after " + MAX_ROUNDS + " reliable rounds");
    }
}
