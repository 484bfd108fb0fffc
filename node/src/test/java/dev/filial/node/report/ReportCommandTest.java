package dev.filial.node.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.cli.NodeCommand;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** {@code filial-node report}: printing a table, writing CSV and XLSX files, and refusing bad arguments. */
class ReportCommandTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesReportsToFilesAndTheTerminal(Engine engine) throws Exception {
        String home;
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.writer().write(ReportData::write);
            home = node.home().root().toString();
        }
        Path csv = directory.resolve("out/sales.csv");
        assertThat(run(0, "report", "sales", "--home", home, "--group", "month", "--branch", "MSK", "-o",
                csv.toString())).contains("sales: 2 row(s) written to").contains("(csv)");
        assertThat(Files.readString(csv)).isEqualTo("month,currency,invoices,quantity,net,vat,gross\r\n"
                + "2026-01,EUR,1,12.000,250.00,50.00,300.00\r\n"
                + "2026-01,RUB,1,1.000,9000.00,1800.00,10800.00\r\n");

        Path xlsx = directory.resolve("funnel.xlsx");
        run(0, "report", "funnel", "--home", home, "--branch", "MSK", "-o", xlsx.toString());
        Map<String, Element> cells = ExportFormatsTest.cells(ExportFormatsTest.readXlsx(Files.readAllBytes(xlsx))
                .get("xl/worksheets/sheet1.xml"));
        assertThat(ExportFormatsTest.text(cells.get("A2"))).isEqualTo("lead");
        assertThat(ExportFormatsTest.value(cells.get("G2"))).isEqualTo("66.67");

        Path tsv = directory.resolve("debtors.data");
        run(0, "report", "debtors", "--home", home, "--on", "2026-01-28", "--format", "tsv", "-o", tsv.toString());
        assertThat(Files.readString(tsv)).endsWith("ALFA\t111\tEUR\t1\t200.00\t200.00\t2026-01-20\t8\r\n");

        String table = run(0, "report", "activities", "--home", home);
        assertThat(table.lines().toList()).startsWith("assignee  planned  in_progress  done  cancelled  overdue  total",
                "--------  -------  -----------  ----  ---------  -------  -----");
        assertThat(table).contains("(2 rows)");

        Path refused = directory.resolve("refused.csv");
        run(1, "report", "profit", "--home", home, "-o", refused.toString());
        run(1, "report", "sales", "--home", home, "--from", "yesterday", "-o", refused.toString());
        run(1, "report", "sales", "--home", home, "--format", "pdf", "-o", refused.toString());
        run(1, "report", "debtors", "--home", home, "--group", "month", "-o", refused.toString());
        assertThat(refused).doesNotExist();
        assertThat(refused.resolveSibling("refused.csv.partial")).doesNotExist();
    }

    private static String run(int exitCode, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(NodeCommand.run(args)).as(String.join(" ", args)).isEqualTo(exitCode);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
