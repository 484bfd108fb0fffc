package dev.filial.node.report;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Activities per assignee: how many are planned, in progress, done and cancelled, how many of the open ones
 * (planned or in progress) are overdue (due before now), and the total. A period keeps the activities due
 * on those days (UTC); without one, every activity counts, also those with no due time.
 */
final class ActivitiesReport implements Reports.Definition {

    private static final List<String> STATUSES = List.of("planned", "in_progress", "done", "cancelled");

    private final Clock clock;

    ActivitiesReport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        List<Object> arguments = new ArrayList<>();
        String sql = "SELECT assignee, status, due_at FROM activity";
        if (parameters.branch() != null) {
            sql += " WHERE owning_branch = ?";
            arguments.add(parameters.branch());
        }
        boolean period = parameters.from() != null || parameters.to() != null;
        Instant now = clock.instant();
        Map<String, long[]> counts = new TreeMap<>();
        try (PreparedStatement select = reading.prepare(sql, arguments); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String status = rows.getString(2);
                Instant due = reading.instant(rows, 3);
                LocalDate day = due == null ? null : LocalDate.ofInstant(due, ZoneOffset.UTC);
                if (period && !parameters.inPeriod(day)) {
                    continue;
                }
                long[] count = counts.computeIfAbsent(rows.getString(1) == null ? "" : rows.getString(1),
                        k -> new long[STATUSES.size() + 2]);
                int index = STATUSES.indexOf(status);
                if (index >= 0) {
                    count[index]++;
                }
                if (due != null && due.isBefore(now) && (index == 0 || index == 1)) {
                    count[STATUSES.size()]++;
                }
                count[STATUSES.size() + 1]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((assignee, count) -> rows.add(new ArrayList<>(Arrays.asList(assignee.isEmpty() ? null
                : assignee, count[0], count[1], count[2], count[3], count[4], count[5]))));
        return new Report("activities", "Activities per assignee", List.of(ReportColumn.text("assignee"),
                ReportColumn.integer("planned"), ReportColumn.integer("in_progress"), ReportColumn.integer("done"),
                ReportColumn.integer("cancelled"), ReportColumn.integer("overdue"), ReportColumn.integer("total")),
                rows, parameters.asText());
    }
}
