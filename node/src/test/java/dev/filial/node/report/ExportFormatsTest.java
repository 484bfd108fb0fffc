package dev.filial.node.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** CSV, TSV, XLSX and the text table, byte for byte or read back with the JDK's zip and XML parsers. */
class ExportFormatsTest {

    @TempDir
    Path directory;

    /** A report whose values need every kind of care: commas, quotes, line breaks, tabs, Cyrillic, nulls. */
    static Report tricky() {
        List<ReportColumn> columns = List.of(ReportColumn.text("name"), ReportColumn.integer("count"),
                ReportColumn.decimal("amount"), ReportColumn.date("day"), new ReportColumn("at", ColumnKind.TIMESTAMP),
                new ReportColumn("ok", ColumnKind.BOOLEAN));
        List<List<Object>> rows = List.of(
                Arrays.asList("Бета, ООО", 3L, new BigDecimal("1234.50"), LocalDate.of(2026, 1, 31),
                        Instant.parse("2026-01-31T18:00:00Z"), true),
                Arrays.asList("say \"hi\"\nand\tgo", null, new BigDecimal("-0.001"), null, null, false),
                Arrays.asList("<a & b>", 0L, new BigDecimal("1E+3"), LocalDate.of(2000, 2, 29), null, null));
        return new Report("test", "Test: [odd] name", columns, rows, Map.of());
    }

    private static String export(Tabular rows, ExportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(rows, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAndKeepsCyrillicInUtf8() throws IOException {
        assertThat(export(tricky(), ExportFormat.CSV)).isEqualTo("name,count,amount,day,at,ok\r\n"
                + "\"Бета, ООО\",3,1234.50,2026-01-31,2026-01-31T18:00:00Z,true\r\n"
                + "\"say \"\"hi\"\"\nand\tgo\",,-0.001,,,false\r\n"
                + "<a & b>,0,1000,2000-02-29,,\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.CSV.write(tricky(), out);
        assertThat(out.toByteArray()[0]).as("no byte order mark").isEqualTo((byte) 'n');
    }

    @Test
    void tsvTurnsTabsAndLineBreaksIntoSpacesWithoutQuoting() throws IOException {
        assertThat(export(tricky(), ExportFormat.TSV)).isEqualTo("name\tcount\tamount\tday\tat\tok\r\n"
                + "Бета, ООО\t3\t1234.50\t2026-01-31\t2026-01-31T18:00:00Z\ttrue\r\n"
                + "say \"hi\" and go\t\t-0.001\t\t\tfalse\r\n"
                + "<a & b>\t0\t1000\t2000-02-29\t\t\r\n");
    }

    @Test
    void tableAlignsColumns() throws IOException {
        String table = export(tricky(), ExportFormat.TABLE);
        List<String> lines = table.lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly(
                "name             count   amount  day         at                    ok",
                "---------------  -----  -------  ----------  --------------------  -----",
                "Бета, ООО            3  1234.50  2026-01-31  2026-01-31T18:00:00Z  true",
                "say \"hi\" and go          -0.001                                    false",
                "<a & b>              0     1000  2000-02-29");
        assertThat(lines).last().isEqualTo("(3 rows)");
    }

    @Test
    void xlsxIsAWellFormedPackageWithNumbersDatesAndInlineStrings() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportFormat.XLSX.write(tricky(), out);
        Map<String, Document> parts = readXlsx(out.toByteArray());
        assertThat(parts).containsOnlyKeys("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml");
        Element sheetEntry = (Element) parts.get("xl/workbook.xml").getElementsByTagName("sheet").item(0);
        assertThat(sheetEntry.getAttribute("name")).isEqualTo("Test   odd  name");
        Map<String, Element> cells = cells(parts.get("xl/worksheets/sheet1.xml"));
        assertThat(text(cells.get("A1"))).isEqualTo("name");
        assertThat(cells.get("A1").getAttribute("s")).isEqualTo("1");
        assertThat(text(cells.get("A2"))).isEqualTo("Бета, ООО");
        assertThat(cells.get("B2").getAttribute("t")).isEmpty();
        assertThat(value(cells.get("B2"))).isEqualTo("3");
        assertThat(value(cells.get("C2"))).isEqualTo("1234.50");
        // 2026-01-31 is day 46053 of the 1900 date system; 18:00 is 0.75 of a day
        assertThat(value(cells.get("D2"))).isEqualTo("46053");
        assertThat(cells.get("D2").getAttribute("s")).isEqualTo("2");
        assertThat(value(cells.get("E2"))).isEqualTo("46053.75");
        assertThat(cells.get("F2").getAttribute("t")).isEqualTo("b");
        assertThat(value(cells.get("F2"))).isEqualTo("1");
        assertThat(text(cells.get("A3"))).isEqualTo("say \"hi\"\nand\tgo");
        assertThat(cells).doesNotContainKeys("B3", "D3", "E3");
        assertThat(text(cells.get("A4"))).isEqualTo("<a & b>");
        assertThat(value(cells.get("C4"))).isEqualTo("1000");
        assertThat(value(cells.get("D4"))).isEqualTo("36585");
        String formats = ((Element) parts.get("xl/styles.xml").getElementsByTagName("numFmt").item(0))
                .getAttribute("formatCode");
        assertThat(formats).isEqualTo("yyyy-mm-dd");
    }

    @Test
    void xlsxOpensInOpenpyxlWhenThatIsInstalled() throws Exception {
        Assumptions.assumeTrue(openpyxl(), "python3 with openpyxl is not installed");
        Path file = directory.resolve("tricky.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            ExportFormat.XLSX.write(tricky(), out);
        }
        Process python = new ProcessBuilder("python3", "-c", "import openpyxl,sys\n"
                + "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                + "print(ws['A2'].value, ws['B2'].value, ws['C2'].value, ws['D2'].value.date(),"
                + " ws['A4'].value, sep='|')",
                file.toString()).redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(printed).isEqualTo("Бета, ООО|3|1234.5|2026-01-31|<a & b>");
    }

    @Test
    void writersStreamAHundredThousandRowsOneAtATime() throws IOException {
        Tabular generated = new Tabular() {
            @Override
            public String title() {
                return "generated";
            }

            @Override
            public List<ReportColumn> columns() {
                return List.of(ReportColumn.integer("n"), ReportColumn.text("name"), ReportColumn.decimal("amount"));
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (long n = 1; n <= 100_000; n++) {
                    sink.row(List.of(n, "row, number " + n, BigDecimal.valueOf(n, 2)));
                }
            }
        };
        CountingStream csv = new CountingStream();
        ExportFormat.CSV.write(generated, csv);
        assertThat(csv.lineEnds).isEqualTo(100_001);
        CountingStream xlsx = new CountingStream();
        ExportFormat.XLSX.write(generated, xlsx);
        assertThat(xlsx.bytes).isBetween(100_000L, 20_000_000L);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void exportsAWholeEntityListWithItsFiltersNotOnePage(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            node.writer().write(changes -> {
                for (int i = 0; i < 1_200; i++) {
                    Map<String, Value> row = new LinkedHashMap<>(Map.of("kind", Value.of("organisation"),
                            "name", Value.of(String.format("Firm %04d, \"Ltd\"", i)),
                            "owning_branch", Value.of(i % 3 == 0 ? "SPB" : "MSK"), "active", Value.of(true),
                            "credit_limit", Value.of(new BigDecimal(i + ".50"))));
                    changes.insert(Schema.COUNTERPARTY, row);
                }
                return null;
            });
            Actor viewer = new Actor("viewer", Role.VIEWER);
            ListQuery query = new ListQuery(List.of(new ListQuery.Filter("owning_branch", ListQuery.Operator.EQ,
                    "SPB")), List.of(new ListQuery.Sort("name", true)), 0, 10);
            EntityExport export = new EntityExport(node.entities(), viewer, "counterparties", query);
            String csv = export(export, ExportFormat.CSV);
            List<String> lines = csv.lines().toList();
            assertThat(lines).hasSize(401); // 400 of 1200 are SPB's, all of them, not a page of 10
            assertThat(lines.get(0)).startsWith("id,kind,name,");
            assertThat(lines.get(1)).contains(",\"Firm 1197, \"\"Ltd\"\"\",").contains(",1197.50,");
            assertThat(lines.get(400)).contains("Firm 0000");
            ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
            ExportFormat.XLSX.write(export, xlsx);
            Map<String, Element> cells = cells(readXlsx(xlsx.toByteArray()).get("xl/worksheets/sheet1.xml"));
            assertThat(text(cells.get("C2"))).isEqualTo("Firm 1197, \"Ltd\"");
            assertThat(cells).containsKey("A401").doesNotContainKey("A402");
            assertThat(catchThrowableOfType(ValidationException.class, () -> export(new EntityExport(node.entities(),
                    viewer, "counterparties", new ListQuery(List.of(new ListQuery.Filter("colour",
                    ListQuery.Operator.EQ, "red")), List.of(), 0, 10)), ExportFormat.CSV)).errors().get(0).field())
                    .isEqualTo("colour");
        }
    }

    @Test
    void unknownFormatsAreTypedErrors() {
        assertThat(ExportFormat.parse("XLSX")).isEqualTo(ExportFormat.XLSX);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> ExportFormat.parse("pdf"));
        assertThat(e.errors().get(0).field()).isEqualTo("format");
        assertThat(e.errors().get(0).message()).contains("csv, tsv, xlsx");
    }

    /** Every part of an XLSX package, each parsed by the JDK's XML parser (which fails on malformed XML). */
    static Map<String, Document> readXlsx(byte[] bytes) throws Exception {
        Map<String, Document> parts = new LinkedHashMap<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                parts.put(entry.getName(), factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                        zip.readAllBytes())));
            }
        }
        return parts;
    }

    /** The cells of a worksheet by reference. */
    static Map<String, Element> cells(Document sheet) {
        Map<String, Element> cells = new LinkedHashMap<>();
        NodeList list = sheet.getElementsByTagName("c");
        for (int i = 0; i < list.getLength(); i++) {
            Element cell = (Element) list.item(i);
            cells.put(cell.getAttribute("r"), cell);
        }
        return cells;
    }

    static String text(Element cell) {
        assertThat(cell.getAttribute("t")).isEqualTo("inlineStr");
        return cell.getElementsByTagName("t").item(0).getTextContent();
    }

    static String value(Element cell) {
        return cell.getElementsByTagName("v").item(0).getTextContent();
    }

    private static boolean openpyxl() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import openpyxl").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Counts bytes and CRLFs written, keeping none. */
    private static final class CountingStream extends OutputStream {
        long bytes;
        long lineEnds;
        private int last;

        @Override
        public void write(int b) {
            bytes++;
            if (last == '\r' && b == '\n') {
                lineEnds++;
            }
            last = b;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(buffer[i]);
            }
        }
    }

    @Test
    void anXlsxSheetRefusesMoreRowsThanExcelHoldsWithATypedError() {
        Tabular tooMany = new Tabular() {
            @Override
            public String title() {
                return "too many";
            }

            @Override
            public List<ReportColumn> columns() {
                return List.of(ReportColumn.integer("n"));
            }

            @Override
            public void rows(RowSink sink) throws IOException {
                for (long n = 1; n <= XlsxWriter.MAX_ROWS; n++) {
                    sink.row(List.of(n));
                }
            }
        };
        ValidationException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ValidationException.class,
                () -> ExportFormat.XLSX.write(tooMany, OutputStream.nullOutputStream()));
        assertThat(refused.errors()).singleElement().satisfies(error -> assertThat(error.code())
                .isEqualTo("too-many-rows"));
    }
}
