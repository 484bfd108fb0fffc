package dev.filial.node.delivery;

import dev.filial.node.Node;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** A branch node's {@link Transports}: its {@link Delivery}, scheduled. */
public final class BranchTransports implements Transports {

    private final Node node;
    private final Delivery delivery;
    private final DeliveryScheduler scheduler;

    /** Starts the schedules of {@code node}'s transports. */
    public BranchTransports(Node node, Function<String, String> environment) {
        this.node = node;
        this.delivery = new Delivery(node, environment);
        this.scheduler = new DeliveryScheduler(node.exchange(), delivery, delivery.board(), Clock.systemDefaultZone())
                .start();
    }

    @Override
    public List<RunReport> syncNow(String only) {
        return delivery.syncNow(only);
    }

    @Override
    public List<TransportView> status() {
        return TransportView.of(node, delivery.board(), scheduler.next());
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
