package dev.filial.node.report;

import dev.filial.node.store.ValidationException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes rows as a minimal Office Open XML workbook (SpreadsheetML, ECMA-376) with {@code java.util.zip}: the
 * content types, the package and workbook relationships, the workbook, a style sheet and one worksheet named
 * after the title. The header row is bold; text is written as inline strings (so the sheet streams in one
 * pass, row by row), whole and decimal numbers as numbers, dates as date serials styled {@code yyyy-mm-dd},
 * instants (UTC) styled {@code yyyy-mm-dd hh:mm:ss}, booleans as booleans. Characters XML cannot hold are
 * dropped. A sheet holds at most 1,048,575 data rows.
 */
final class XlsxWriter {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    private static final int STYLE_HEADER = 1;
    private static final int STYLE_DATE = 2;
    private static final int STYLE_TIMESTAMP = 3;
    /** Day 0 of spreadsheet date serials (the 1900 date system, right for every date from 1900-03-01). */
    private static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);
    static final int MAX_ROWS = 1_048_576;

    private final OutputStream target;

    XlsxWriter(OutputStream target) {
        this.target = target;
    }

    void write(Tabular rows) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new java.io.FilterOutputStream(target) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller closes its own stream
            }
        });
        Writer text = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 64 * 1024);
        entry(zip, text, "[Content_Types].xml", HEAD
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\""
                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                + ".spreadsheetml.styles+xml\"/></Types>");
        entry(zip, text, "_rels/.rels", HEAD + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        entry(zip, text, "xl/workbook.xml", HEAD + "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS
                + "\"><sheets><sheet name=\"" + escape(sheetName(rows.title())) + "\" sheetId=\"1\" r:id=\"rId1\"/>"
                + "</sheets></workbook>");
        entry(zip, text, "xl/_rels/workbook.xml.rels", HEAD + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/worksheet\""
                + " Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + RELATIONSHIPS + "/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>");
        entry(zip, text, "xl/styles.xml", HEAD + "<styleSheet xmlns=\"" + MAIN + "\">"
                + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
                + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
                + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                + "</cellStyleXfs>"
                + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                + "</cellStyles>"
                + "</styleSheet>");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        text.write(HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
        List<ReportColumn> columns = rows.columns();
        int[] row = {1};
        text.write("<row r=\"1\">");
        for (int i = 0; i < columns.size(); i++) {
            inline(text, reference(i, 1), columns.get(i).name(), STYLE_HEADER);
        }
        text.write("</row>");
        rows.rows(values -> {
            int number = ++row[0];
            if (number > MAX_ROWS) {
                throw ValidationException.of("export", "format", "too-many-rows", "more than " + (MAX_ROWS - 1)
                        + " rows do not fit in one XLSX sheet; export as CSV or narrow the filters");
            }
            text.write("<row r=\"" + number + "\">");
            for (int i = 0; i < values.size(); i++) {
                cell(text, reference(i, number), values.get(i));
            }
            text.write("</row>");
        });
        text.write("</sheetData></worksheet>");
        text.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, Writer text, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        text.write(content);
        text.flush();
        zip.closeEntry();
    }

    private static void cell(Writer text, String reference, Object value) throws IOException {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer) {
            String number = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            text.write("<c r=\"" + reference + "\"><v>" + number + "</v></c>");
        } else if (value instanceof LocalDate date) {
            text.write("<c r=\"" + reference + "\" s=\"" + STYLE_DATE + "\"><v>" + ChronoUnit.DAYS.between(EPOCH, date)
                    + "</v></c>");
        } else if (value instanceof Instant instant) {
            LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
            long millis = Duration.between(day.atStartOfDay(ZoneOffset.UTC).toInstant(), instant).toMillis();
            BigDecimal serial = BigDecimal.valueOf(ChronoUnit.DAYS.between(EPOCH, day)).add(BigDecimal.valueOf(millis)
                    .divide(BigDecimal.valueOf(86_400_000L), 10, java.math.RoundingMode.HALF_UP)).stripTrailingZeros();
            text.write("<c r=\"" + reference + "\" s=\"" + STYLE_TIMESTAMP + "\"><v>" + serial.toPlainString()
                    + "</v></c>");
        } else if (value instanceof Boolean flag) {
            text.write("<c r=\"" + reference + "\" t=\"b\"><v>" + (flag ? 1 : 0) + "</v></c>");
        } else {
            inline(text, reference, value.toString(), 0);
        }
    }

    private static void inline(Writer text, String reference, String value, int style) throws IOException {
        text.write("<c r=\"" + reference + "\"" + (style == 0 ? "" : " s=\"" + style + "\"") + " t=\"inlineStr\"><is>"
                + "<t xml:space=\"preserve\">" + escape(value) + "</t></is></c>");
    }

    /** A cell reference like {@code AB12}: column from 0, row from 1. */
    static String reference(int column, int row) {
        StringBuilder letters = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.append(row).toString();
    }

    /** A sheet name Excel accepts: at most 31 characters, none of {@code []:*?/\}, not empty. */
    static String sheetName(String title) {
        String name = title == null ? "" : title.replaceAll("[\\[\\]:*?/\\\\]", " ").trim();
        name = name.length() > 31 ? name.substring(0, 31) : name;
        return name.isEmpty() ? "Sheet1" : name;
    }

    /** XML text with markup characters escaped and characters XML 1.0 cannot hold left out. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                            || c >= 0xE000 && c <= 0xFFFD;
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pair) {
                        escaped.append(c).append(value.charAt(++i));
                    } else if (allowed) {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
