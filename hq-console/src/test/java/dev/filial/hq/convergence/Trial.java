package dev.filial.hq.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.inbox.Receipt;
import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One try of the convergence property: a schedule run on a fresh network, the network drained over a
 * reliable transport, the files still on the wire delivered late, and everything checked. Plain JUnit
 * tests replay a schedule jqwik reported through {@link #run} as well.
 */
final class Trial {

    /** Reliable rounds over every node after which the network must have drained. */
    static final int MAX_ROUNDS = 12;

    private Trial() {
    }

    /** Runs {@code schedule} and checks the outcome; {@code observer} sees the network before it closes. */
    static void run(Schedule schedule, BiConsumer<Network, FaultyTransport> observer) throws IOException {
        try (Network network = Network.start(schedule.members(), schedule.policies().yaml())) {
            Editor.Ledger ledger = new Editor.Ledger();
            Editor editor = new Editor(network, ledger);
            FaultyTransport transport = new FaultyTransport(network);
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
                    transport.exchange(sync.node() % nodes);
                } else if (next instanceof Schedule.Restart restart) {
                    network.restart(restart.site() % (nodes + 1));
                }
            }
            drain(transport, nodes);
            List<Receipt> late = transport.deliverAll();
            assertThat(late).as("files still on the wire once drained are stale: they must change nothing")
                    .allSatisfy(receipt -> assertThat(receipt.applied()).as(receipt.toString()).isZero());
            drain(transport, nodes);
            assertThat(transport.refused()).as("files refused by a receiver").isEmpty();

            ConvergenceCheck check = new ConvergenceCheck(network);
            check.quiescent(transport.quarantined());
            check.scopes();
            WriteAccounting accounting = new WriteAccounting(network, ledger.written());
            accounting.nothingAppliedTwice();
            accounting.nothingLost();
            observer.accept(network, transport);
        }
    }

    /** Reliable exchanges with every node, round after round, until a round applies nothing anywhere. */
    private static void drain(FaultyTransport transport, int nodes) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int applied = 0;
            for (int node = 0; node < nodes; node++) {
                applied += transport.exchange(node);
            }
            if (applied == 0) {
                return;
            }
        }
        throw new AssertionError("the network still moved after " + MAX_ROUNDS + " reliable rounds");
    }
}
