package dev.filial.hq.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The Java heap as the garbage collector saw it since {@link #reset}: the most in use just before a
 * collection (the peak) and the most still in use just after one (what the program really held), summed
 * over the heap pools, from the collector's own notifications.
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong beforeGc = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        beforeGc.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
        afterGc.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
        collections.incrementAndGet();
    };
    private final List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();

    HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
    }

    void reset() {
        beforeGc.set(0);
        afterGc.set(0);
        collections.set(0);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Most heap in use just before a collection, in bytes. */
    long peakBeforeGc() {
        return beforeGc.get();
    }

    /** Most heap still in use just after a collection, in bytes. */
    long peakAfterGc() {
        return afterGc.get();
    }

    long collections() {
        return collections.get();
    }

    /** The heap pools' own peaks (each at its own moment), summed: an upper bound of the peak. */
    long poolPeaks() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private long heap(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (String pool : heapPools) {
            MemoryUsage usage = pools.get(pool);
            sum += usage == null ? 0 : usage.getUsed();
        }
        return sum;
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                // not registered on this collector
            }
        }
    }
}
