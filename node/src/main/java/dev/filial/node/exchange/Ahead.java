package dev.filial.node.exchange;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Work started ahead on one background thread while the caller does something else: the next batch
 * packed while this one is sent, the next batch fetched while this one is applied. At most one piece
 * is under way, so at most two batches are in memory. {@link #close} waits for the piece under way,
 * so nothing runs on after the exchange returns.
 */
final class Ahead<T> implements AutoCloseable {

    private final ExecutorService thread;
    private Future<T> pending;

    Ahead(String name) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread worker = new Thread(work, name);
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Starts {@code work}; the previous piece must have been taken with {@link #take}. */
    void start(Callable<T> work) {
        if (pending != null) {
            throw new IllegalStateException("a piece of work is under way already");
        }
        pending = thread.submit(work);
    }

    /** Waits for the piece started last and returns its result, or throws what it threw. */
    T take() {
        Future<T> taken = pending;
        pending = null;
        try {
            return taken.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + Thread.currentThread().getName(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a pack or a request under way finishes within its own timeouts
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
