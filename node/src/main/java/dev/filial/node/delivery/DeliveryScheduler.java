package dev.filial.node.delivery;

import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.TransportSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each transport that has a schedule, one run at a time on one thread. Schedules are read in the
 * clock's time zone (the machine's, in the server). After a successful run the next one is the
 * schedule's next time; after {@code n} failed runs in a row it is the failure's time
 * plus the backoff ({@code backoff.first} doubled n-1 times, at most {@code backoff.max}), whatever the
 * schedule says, so a failing transport is retried soon at first and then less and less often.
 */
public final class DeliveryScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final ExchangeSettings settings;
    private final TransportRunner runner;
    private final StatusBoard board;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, Instant> next = new ConcurrentHashMap<>();

    public DeliveryScheduler(ExchangeSettings settings, TransportRunner runner, StatusBoard board, Clock clock) {
        this.settings = settings;
        this.runner = runner;
        this.board = board;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "filial-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the schedules; a transport with a manual schedule is left to "sync now". */
    public DeliveryScheduler start() {
        for (TransportSettings transport : settings.transports()) {
            plan(transport);
        }
        return this;
    }

    /** When each scheduled transport runs next. */
    public Map<String, Instant> next() {
        return Map.copyOf(next);
    }

    /** The next run of {@code transport} after its last one, given its status; empty for a manual schedule. */
    public Optional<Instant> nextRun(TransportSettings transport, TransportStatus status) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        Optional<ZonedDateTime> scheduled = transport.schedule().nextAfter(now);
        if (scheduled.isEmpty()) {
            return Optional.empty();
        }
        if (status.failures() > 0 && status.lastErrorAt() != null) {
            Duration wait = settings.backoff(status.failures());
            Instant retry = Instant.parse(status.lastErrorAt()).plus(wait);
            return Optional.of(retry.isBefore(now.toInstant()) ? now.toInstant() : retry);
        }
        return Optional.of(scheduled.get().toInstant());
    }

    private void plan(TransportSettings transport) {
        Optional<Instant> at;
        try {
            at = nextRun(transport, board.get(transport.type()));
        } catch (RuntimeException e) {
            LOG.error("{}: cannot plan the next run; trying again in {}", transport.type(), settings.backoffFirst(), e);
            at = Optional.of(clock.instant().plus(settings.backoffFirst()));
        }
        if (at.isEmpty()) {
            return;
        }
        next.put(transport.type(), at.get());
        long delay = Math.max(0, Duration.between(clock.instant(), at.get()).toMillis());
        timer.schedule(() -> fire(transport), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(TransportSettings transport) {
        try {
            RunReport report = runner.scheduled(transport);
            if (report.ok()) {
                LOG.info("{}", report.line());
            } else {
                LOG.warn("{}", report.line());
            }
            report.problems().forEach(problem -> LOG.warn("{}: {}", transport.type(), problem));
        } catch (RuntimeException e) {
            LOG.error("{} run failed", transport.type(), e);
        } finally {
            if (!timer.isShutdown()) {
                plan(transport);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
