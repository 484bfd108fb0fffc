package dev.filial.node.exchange;

import io.micronaut.scheduling.cron.CronExpression;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a transport runs on its own: a cron expression of six fields (second, minute, hour, day of
 * month, month, day of week) in the machine's local time, as in {@code "0 *}{@code /15 * * * *"} for
 * every quarter of an hour, or {@code manual} for runs on demand only.
 */
public final class Schedule {

    /** Runs only when asked ("sync now"). */
    public static final Schedule MANUAL = new Schedule("manual", null);

    private final String text;
    private final CronExpression cron;

    private Schedule(String text, CronExpression cron) {
        this.text = text;
        this.cron = cron;
    }

    /**
     * Parses a schedule.
     *
     * @throws IllegalArgumentException with the expected form when {@code text} is not one
     */
    public static Schedule parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("manual")) {
            return MANUAL;
        }
        if (trimmed.split("\\s+").length != 6) {
            throw new IllegalArgumentException("schedule '" + text + "' must have six fields: second minute hour "
                    + "day-of-month month day-of-week, for example \"0 */15 * * * *\" (every 15 minutes), or be "
                    + "manual");
        }
        try {
            return new Schedule(trimmed, CronExpression.create(trimmed));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schedule '" + text + "' is not a cron expression: " + e.getMessage()
                    + "; for example \"0 0 8-18 * * MON-FRI\" (hourly on working days)", e);
        }
    }

    /** The next run strictly after {@code time}; empty for a manual schedule. */
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime time) {
        return cron == null ? Optional.empty() : Optional.of(cron.nextTimeAfter(time));
    }

    @Override
    public String toString() {
        return text;
    }
}
