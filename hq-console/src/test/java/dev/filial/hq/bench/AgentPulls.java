package dev.filial.hq.bench;

import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.SyncReport;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent pulling again and again on a thread of its own while the branch pushes, as a node syncing on
 * its own schedule would (a short pause after a pull that found nothing new); {@link #finish} pulls once
 * more after the push and returns the sum of the pulls.
 */
final class AgentPulls {

    private static final long IDLE_MILLIS = 20;

    private final BenchNetwork network;
    private final AtomicBoolean pushed = new AtomicBoolean();
    private final AtomicReference<SyncReport> total = new AtomicReference<>(new SyncReport(0, 0, 0, 0, List.of()));
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;

    private AgentPulls(BenchNetwork network) {
        this.network = network;
        this.thread = new Thread(this::pullUntilPushed, "agent-pulls");
    }

    static AgentPulls start(BenchNetwork network) {
        AgentPulls pulls = new AgentPulls(network);
        pulls.thread.start();
        return pulls;
    }

    private void pullUntilPushed() {
        try (HttpExchange exchange = network.exchange(network.agent())) {
            while (!pushed.get()) {
                SyncReport report = exchange.pull();
                total.updateAndGet(sum -> sum.and(report));
                if (report.pulled() == 0) {
                    Thread.sleep(IDLE_MILLIS);
                }
            }
            SyncReport last = exchange.pull();
            total.updateAndGet(sum -> sum.and(last));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** Call when the branch's push has returned: waits for the last pull. */
    SyncReport finish() throws InterruptedException {
        pushed.set(true);
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return total.get();
    }
}
