package dev.filial.node.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.Engine;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every report on {@link ReportData}, with the figures worked out by hand in the comments, on both engines. */
class ReportsTest {

    @TempDir
    Path directory;

    /** A report's rows as "a|b|c" lines (empty for absent values), for exact comparison. */
    static List<String> lines(Report report) {
        return report.rows().stream().map(row -> row.stream().map(Cells::text).collect(Collectors.joining("|")))
                .collect(Collectors.toList());
    }

    private static String header(Report report) {
        return report.columns().stream().map(ReportColumn::name).collect(Collectors.joining("|"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void computesEveryReportByHand(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.writer().write(ReportData::write);
            Reports reports = new Reports(node.database(), Clock.fixed(ReportData.NOW, ZoneOffset.UTC));

            // January: I1 (EUR) and I2 (RUB); I4 draft, I5 cancelled and the order do not count; no mixing
            Report january = reports.run("sales", ReportParameters.parse(Map.of("from", "2026-01-01",
                    "to", "2026-01-31")));
            assertThat(header(january)).isEqualTo("currency|invoices|quantity|net|vat|gross");
            assertThat(lines(january)).containsExactly("EUR|1|12.000|250.00|50.00|300.00",
                    "RUB|1|1.000|9000.00|1800.00|10800.00");
            assertThat(january.parameters()).containsEntry("from", "2026-01-01").containsEntry("to", "2026-01-31");

            // all time by month and product: line amounts of each product
            Report products = reports.run("sales", ReportParameters.parse(Map.of("group", "month,product")));
            assertThat(header(products)).isEqualTo("month|sku|product|currency|invoices|quantity|net|vat|gross");
            assertThat(lines(products)).containsExactly(
                    "2026-01|DRILL|Drill|EUR|1|2.000|200.00|40.00|240.00",
                    "2026-01|DRILL|Drill|RUB|1|1.000|9000.00|1800.00|10800.00",
                    "2026-01|GLOVES|Gloves, \"soft\"|EUR|1|10.000|50.00|10.00|60.00",
                    "2026-02|GLOVES|Gloves, \"soft\"|EUR|1|4.000|20.00|4.00|24.00");

            assertThat(lines(reports.run("sales", ReportParameters.parse(Map.of("group", "manager,customer")))))
                    .containsExactly("anna|ALFA|111|EUR|1|12.000|250.00|50.00|300.00",
                            "boris|ALFA|111|EUR|1|4.000|20.00|4.00|24.00",
                            "boris|Бета, ООО|222|RUB|1|1.000|9000.00|1800.00|10800.00");
            assertThat(lines(reports.run("sales", ReportParameters.parse(Map.of("group", "branch", "branch", "SPB")))))
                    .containsExactly("SPB|EUR|1|4.000|20.00|4.00|24.00");
            Report days = reports.run("sales", ReportParameters.parse(Map.of("group", "day,branch")));
            assertThat(days.columns().get(0).kind()).isEqualTo(ColumnKind.DATE);
            assertThat(lines(days)).containsExactly("2026-01-10|MSK|EUR|1|12.000|250.00|50.00|300.00",
                    "2026-01-25|MSK|RUB|1|1.000|9000.00|1800.00|10800.00",
                    "2026-02-03|SPB|EUR|1|4.000|20.00|4.00|24.00");
            assertThat(lines(reports.run("sales", ReportParameters.parse(Map.of("group", "quarter")))))
                    .containsExactly("2026-Q1|EUR|2|16.000|270.00|54.00|324.00",
                            "2026-Q1|RUB|1|1.000|9000.00|1800.00|10800.00");
            assertThat(lines(reports.run("sales", ReportParameters.parse(Map.of("group", "week", "to", "2026-01-31")))))
                    .containsExactly("2026-W02|EUR|1|12.000|250.00|50.00|300.00",
                            "2026-W04|RUB|1|1.000|9000.00|1800.00|10800.00");

            // funnel of MSK: reached lead 6, qualified 4, proposal 3, negotiation 2, won 2
            Report funnel = reports.run("funnel", ReportParameters.parse(Map.of("branch", "MSK")));
            assertThat(header(funnel)).isEqualTo("stage|currency|deals|amount|stage_deals|reached|conversion");
            assertThat(lines(funnel)).containsExactly("lead|EUR|2|150.00|2|6|66.67", "qualified|EUR|1|200.00|1|4|75.00",
                    "proposal|RUB|1|3000.00|1|3|66.67", "negotiation||0|0.00|0|2|100.00", "won|EUR|1|500.00|2|2|",
                    "won|RUB|1|1000.00|2|2|", "lost|EUR|1|70.00|1|0|");
            assertThat(lines(reports.run("funnel", ReportParameters.parse(Map.of("branch", "SPB")))))
                    .startsWith("lead||0|0.00|0|1|100.00", "qualified|EUR|1|999.00|1|1|0.00");

            // debtors on 02-10: ALFA owes 200 of I1 (due 01-20, 21 days late) and 24 of I3 (due 02-13);
            // Бета's payment was reversed on 02-01, so all of I2 (due 01-25) is owed again
            Report debtors = reports.run("debtors", ReportParameters.none());
            assertThat(debtors.parameters()).containsEntry("on", "2026-02-10");
            assertThat(header(debtors)).isEqualTo(
                    "customer|tax_id|currency|invoices|outstanding|overdue|oldest_due|days_overdue");
            assertThat(lines(debtors)).containsExactly("ALFA|111|EUR|2|224.00|200.00|2026-01-20|21",
                    "Бета, ООО|222|RUB|1|10800.00|10800.00|2026-01-25|16");
            // on 01-28 Бета had paid and I3 was not issued yet
            assertThat(lines(reports.run("debtors", ReportParameters.parse(Map.of("on", "2026-01-28")))))
                    .containsExactly("ALFA|111|EUR|1|200.00|200.00|2026-01-20|8");
            assertThat(lines(reports.run("debtors", ReportParameters.parse(Map.of("branch", "SPB")))))
                    .containsExactly("ALFA|111|EUR|1|24.00|0.00|2026-02-13|0");

            // stock now: MAIN DRILL 10 - 3 + 5 - 5 + 3 = 10, 2 reserved; MAIN GLOVES 100 - 30; NORTH GLOVES 7
            Report stock = reports.run("stock-balances", ReportParameters.none());
            assertThat(header(stock)).isEqualTo("warehouse|warehouse_name|sku|product|unit|on_hand|reserved|available");
            assertThat(lines(stock)).containsExactly("MAIN|Main store|DRILL|Drill|pcs|10.000|2.000|8.000",
                    "MAIN|Main store|GLOVES|Gloves, \"soft\"|pcs|70.000|0.000|70.000",
                    "NORTH|North store|GLOVES|Gloves, \"soft\"|pcs|7.000|0.000|7.000");
            assertThat(lines(reports.run("stock-balances", ReportParameters.parse(Map.of("on", "2026-01-31")))))
                    .containsExactly("MAIN|Main store|DRILL|Drill|pcs|7.000||",
                            "MAIN|Main store|GLOVES|Gloves, \"soft\"|pcs|100.000||",
                            "NORTH|North store|GLOVES|Gloves, \"soft\"|pcs|7.000||");
            assertThat(lines(reports.run("stock-balances", ReportParameters.parse(Map.of("branch", "SPB")))))
                    .containsExactly("NORTH|North store|GLOVES|Gloves, \"soft\"|pcs|7.000|0.000|7.000");

            // February: the receipt D3 and its reversal cancel out in "in"; the reversal of January's issue
            // lowers "out" (storno)
            Report february = reports.run("stock-movements", ReportParameters.parse(Map.of("from", "2026-02-01",
                    "to", "2026-02-28")));
            assertThat(header(february)).isEqualTo("warehouse|warehouse_name|sku|product|unit|opening|in|out|closing");
            assertThat(lines(february)).containsExactly("MAIN|Main store|DRILL|Drill|pcs|7.000|0.000|-3.000|10.000",
                    "MAIN|Main store|GLOVES|Gloves, \"soft\"|pcs|100.000|0.000|30.000|70.000",
                    "NORTH|North store|GLOVES|Gloves, \"soft\"|pcs|7.000|0.000|0.000|7.000");
            assertThat(lines(reports.run("stock-movements", ReportParameters.parse(Map.of("from", "2026-01-01",
                    "to", "2026-01-31", "branch", "MSK"))))).containsExactly(
                    "MAIN|Main store|DRILL|Drill|pcs|0.000|10.000|3.000|7.000",
                    "MAIN|Main store|GLOVES|Gloves, \"soft\"|pcs|0.000|100.000|0.000|100.000");

            // activities: anna's planned one was due 02-01, before now (02-10)
            Report activities = reports.run("activities", ReportParameters.none());
            assertThat(header(activities)).isEqualTo("assignee|planned|in_progress|done|cancelled|overdue|total");
            assertThat(lines(activities)).containsExactly("anna|1|1|1|1|1|4", "boris|2|0|1|0|0|3");
            assertThat(lines(reports.run("activities", ReportParameters.parse(Map.of("from", "2026-02-01",
                    "to", "2026-02-28"))))).containsExactly("anna|1|1|0|1|1|3", "boris|1|0|1|0|0|2");
            assertThat(lines(reports.run("activities", ReportParameters.parse(Map.of("branch", "MSK")))))
                    .containsExactly("anna|1|1|1|1|1|4", "boris|2|0|0|0|0|2");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesUnknownReportsAndBadParametersWithTypedErrors(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            Reports reports = new Reports(node.database(), Clock.systemUTC());
            assertThat(catchThrowableOfType(NotFoundException.class, () -> reports.run("profit",
                    ReportParameters.none()))).hasMessageContaining("no report 'profit'").hasMessageContaining("sales");
            ValidationException badDate = catchThrowableOfType(ValidationException.class,
                    () -> ReportParameters.parse(Map.of("from", "yesterday", "colour", "red")));
            assertThat(badDate.errors()).extracting(error -> error.field() + " " + error.code())
                    .containsExactlyInAnyOrder("from type", "colour unknown");
            assertThat(catchThrowableOfType(ValidationException.class, () -> ReportParameters.parse(Map.of(
                    "from", "2026-02-01", "to", "2026-01-01"))).errors().get(0).field()).isEqualTo("to");
            assertThat(catchThrowableOfType(ValidationException.class, () -> reports.run("sales",
                    ReportParameters.parse(Map.of("group", "colour")))).errors().get(0).message())
                    .contains("'colour' is not a grouping");
            assertThat(catchThrowableOfType(ValidationException.class, () -> reports.run("sales",
                    ReportParameters.parse(Map.of("group", "day,month")))).errors().get(0).message())
                    .contains("one period");
            assertThat(catchThrowableOfType(ValidationException.class, () -> reports.run("debtors",
                    ReportParameters.parse(Map.of("group", "month")))).errors().get(0).field()).isEqualTo("group");
            assertThat(reports.run("sales", ReportParameters.none()).rows()).isEmpty();
        }
    }
}
