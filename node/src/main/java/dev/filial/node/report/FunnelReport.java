package dev.filial.node.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deal funnel: one row per stage (in funnel order: lead, qualified, proposal, negotiation, won, lost) and
 * currency, with the number of deals and the sum of their amounts; a stage without deals has one row with
 * no currency and zeros. A period filters on the deals' expected date. {@code conversion} (percent, same on
 * every row of a stage) is how many of the deals that reached the stage reached the next one, a deal having
 * reached every open stage up to its own (lost deals are left out: their last stage is not recorded); won
 * and lost have none.
 */
final class FunnelReport implements Reports.Definition {

    static final List<String> STAGES = List.of("lead", "qualified", "proposal", "negotiation", "won", "lost");

    @Override
    public Set<String> parameters() {
        return Set.of("from", "to", "branch");
    }

    @Override
    public Report run(Reading reading, ReportParameters parameters) throws SQLException {
        List<Object> arguments = new ArrayList<>();
        String sql = "SELECT stage, currency, amount, expected_on FROM deal";
        if (parameters.branch() != null) {
            sql += " WHERE owning_branch = ?";
            arguments.add(parameters.branch());
        }
        boolean period = parameters.from() != null || parameters.to() != null;
        Map<String, Map<String, Object[]>> byStage = new TreeMap<>();
        try (PreparedStatement select = reading.prepare(sql, arguments); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String stage = rows.getString(1);
                LocalDate expected = reading.date(rows, 4);
                if (!STAGES.contains(stage) || period && !parameters.inPeriod(expected)) {
                    continue;
                }
                String currency = rows.getString(2) == null ? "" : rows.getString(2);
                BigDecimal amount = reading.decimal(rows, 3);
                Object[] sums = byStage.computeIfAbsent(stage, k -> new TreeMap<>()).computeIfAbsent(currency,
                        k -> new Object[] {0L, BigDecimal.ZERO.setScale(2)});
                sums[0] = (Long) sums[0] + 1;
                sums[1] = amount == null ? sums[1] : ((BigDecimal) sums[1]).add(amount);
            }
        }
        long[] reached = new long[STAGES.size()];
        for (int i = 0; i < STAGES.indexOf("lost"); i++) {
            for (int j = i; j < STAGES.indexOf("lost"); j++) {
                reached[i] += count(byStage.get(STAGES.get(j)));
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            String stage = STAGES.get(i);
            BigDecimal conversion = i >= STAGES.indexOf("won") || reached[i] == 0 ? null
                    : BigDecimal.valueOf(reached[i + 1] * 100).divide(BigDecimal.valueOf(reached[i]), 2,
                    RoundingMode.HALF_UP);
            Map<String, Object[]> currencies = byStage.getOrDefault(stage, Map.of());
            long total = count(currencies);
            if (currencies.isEmpty()) {
                rows.add(new ArrayList<>(java.util.Arrays.asList(stage, null, 0L, BigDecimal.ZERO.setScale(2), 0L,
                        reached[i], conversion)));
            }
            for (Map.Entry<String, Object[]> entry : currencies.entrySet()) {
                rows.add(new ArrayList<>(java.util.Arrays.asList(stage, entry.getKey().isEmpty() ? null
                        : entry.getKey(), entry.getValue()[0], entry.getValue()[1], total, reached[i], conversion)));
            }
        }
        return new Report("funnel", "Deal funnel", List.of(ReportColumn.text("stage"), ReportColumn.text("currency"),
                ReportColumn.integer("deals"), ReportColumn.decimal("amount"), ReportColumn.integer("stage_deals"),
                ReportColumn.integer("reached"), ReportColumn.decimal("conversion")), rows, parameters.asText());
    }

    private static long count(Map<String, Object[]> currencies) {
        if (currencies == null) {
            return 0;
        }
        return currencies.values().stream().mapToLong(sums -> (Long) sums[0]).sum();
    }
}
