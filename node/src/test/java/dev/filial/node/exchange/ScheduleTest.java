package dev.filial.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Schedules: six-field cron expressions, {@code manual}, and the hint a bad expression gets. */
class ScheduleTest {

    private static final ZonedDateTime SATURDAY = ZonedDateTime.of(2026, 3, 14, 10, 7, 30, 0, ZoneOffset.UTC);

    @Test
    void aSixFieldCronNamesTheNextTimeStrictlyAfterTheGivenOne() {
        Schedule quarterly = Schedule.parse("0 */15 * * * *");
        assertThat(quarterly.nextAfter(SATURDAY)).contains(SATURDAY.withMinute(15).withSecond(0));
        assertThat(quarterly.nextAfter(SATURDAY.withMinute(15).withSecond(0)))
                .contains(SATURDAY.withMinute(30).withSecond(0));
        assertThat(quarterly).hasToString("0 */15 * * * *");

        Schedule everySecond = Schedule.parse("  * * * * * *  ");
        assertThat(everySecond.nextAfter(SATURDAY)).contains(SATURDAY.plusSeconds(1));
        assertThat(everySecond).hasToString("* * * * * *");

        Schedule workingHours = Schedule.parse("0 0 8-18 * * MON-FRI");
        assertThat(workingHours.nextAfter(SATURDAY))
                .contains(ZonedDateTime.of(2026, 3, 16, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(workingHours.nextAfter(ZonedDateTime.of(2026, 3, 16, 18, 0, 0, 0, ZoneOffset.UTC)))
                .contains(ZonedDateTime.of(2026, 3, 17, 8, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void manualAndNothingMeanOnDemandOnly() {
        assertThat(Schedule.parse("manual")).isSameAs(Schedule.MANUAL);
        assertThat(Schedule.parse(" manual ")).isSameAs(Schedule.MANUAL);
        assertThat(Schedule.parse("")).isSameAs(Schedule.MANUAL);
        assertThat(Schedule.parse(null)).isSameAs(Schedule.MANUAL);
        assertThat(Schedule.MANUAL.nextAfter(SATURDAY)).isEmpty();
        assertThat(Schedule.MANUAL).hasToString("manual");
    }

    @Test
    void aFiveFieldUnixCronIsRefusedWithTheSixFieldForm() {
        assertThatThrownBy(() -> Schedule.parse("*/15 * * * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'*/15 * * * *'")
                .hasMessageContaining("six fields: second minute hour day-of-month month day-of-week")
                .hasMessageContaining("\"0 */15 * * * *\"")
                .hasMessageContaining("or be manual");
        assertThatThrownBy(() -> Schedule.parse("0 0 */15 * * * *")).hasMessageContaining("six fields");
        assertThatThrownBy(() -> Schedule.parse("hourly")).hasMessageContaining("six fields");
    }

    @Test
    void sixFieldsThatAreNoCronExpressionAreRefusedWithAnExample() {
        for (String bad : new String[] {"a b c d e f", "0 61 * * * *", "0 0 25 * * *", "0 0 0 * * FUNDAY"}) {
            assertThatThrownBy(() -> Schedule.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("schedule '" + bad + "' is not a cron expression")
                    .hasMessageContaining("for example \"0 0 8-18 * * MON-FRI\"");
        }
    }
}
