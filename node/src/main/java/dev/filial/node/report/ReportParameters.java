package dev.filial.node.report;

import dev.filial.node.store.FieldError;
import dev.filial.node.store.ValidationException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a report runs with: a period {@code from}..{@code to} (both days included, either open), a date
 * {@code on} (stock balances on a past day), the groupings of the sales report, and a branch (node code):
 * only rows owned by that branch, or in its warehouses, count.
 */
public record ReportParameters(LocalDate from, LocalDate to, LocalDate on, List<String> group, String branch) {

    /** The parameter names a report accepts. */
    public static final Set<String> NAMES = Set.of("from", "to", "on", "group", "branch");

    public ReportParameters {
        group = List.copyOf(group);
    }

    public static ReportParameters none() {
        return new ReportParameters(null, null, null, List.of(), null);
    }

    /**
     * Reads parameters from text ({@code from=2026-01-01}, {@code group=month,branch}); null or blank values
     * count as absent.
     *
     * @throws ValidationException naming every unknown parameter and unreadable value, with what fits
     */
    public static ReportParameters parse(Map<String, String> text) {
        List<FieldError> errors = new ArrayList<>();
        text.keySet().stream().filter(name -> !NAMES.contains(name)).sorted().forEach(name -> errors.add(
                new FieldError(name, "unknown", "is not a report parameter; use from, to, on, group or branch")));
        LocalDate from = date(text, "from", errors);
        LocalDate to = date(text, "to", errors);
        LocalDate on = date(text, "on", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("to", "invalid", "must not be before from (" + from + ")"));
        }
        List<String> group = new ArrayList<>();
        String groups = value(text, "group");
        if (groups != null) {
            for (String part : groups.split(",")) {
                if (!part.isBlank()) {
                    group.add(part.trim());
                }
            }
        }
        String branch = value(text, "branch");
        if (!errors.isEmpty()) {
            throw new ValidationException("report parameters", errors);
        }
        return new ReportParameters(from, to, on, group, branch == null ? null : branch.trim());
    }

    /** Whether {@code date} lies in the period. */
    public boolean inPeriod(LocalDate date) {
        return date != null && (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    /** The parameters given, as text, in a fixed order (for the report's heading). */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        if (from != null) {
            text.put("from", from.toString());
        }
        if (to != null) {
            text.put("to", to.toString());
        }
        if (on != null) {
            text.put("on", on.toString());
        }
        if (!group.isEmpty()) {
            text.put("group", String.join(",", group));
        }
        if (branch != null) {
            text.put("branch", branch);
        }
        return text;
    }

    private static String value(Map<String, String> text, String name) {
        String value = text.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static LocalDate date(Map<String, String> text, String name, List<FieldError> errors) {
        String value = value(text, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "type", "must be a date like 2026-11-24, got '" + value + "'"));
            return null;
        }
    }
}
