package dev.filial.node.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes rows as CSV (RFC 4180: comma separated, CRLF line ends, a field holding a comma, a quote or a line
 * break in double quotes with its quotes doubled) or TSV (tab separated, CRLF line ends too, no quoting: tabs and
 * line breaks inside a value become spaces). UTF-8 without a byte order mark; a header line with the column
 * names; decimals with a point, dates and instants ISO-8601, absent values empty. One row at a time.
 */
final class DelimitedWriter {

    private final Writer out;
    private final boolean csv;

    private DelimitedWriter(OutputStream out, boolean csv) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.csv = csv;
    }

    static DelimitedWriter csv(OutputStream out) {
        return new DelimitedWriter(out, true);
    }

    static DelimitedWriter tsv(OutputStream out) {
        return new DelimitedWriter(out, false);
    }

    void write(Tabular rows) throws IOException {
        line(rows.columns().stream().map(ReportColumn::name).map(Object.class::cast).toList());
        rows.rows(this::line);
        out.flush();
    }

    private void line(List<Object> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(csv ? ',' : '\t');
            }
            String text = Cells.text(values.get(i));
            out.write(csv ? quoted(text) : flat(text));
        }
        out.write("\r\n");
    }

    static String quoted(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    static String flat(String text) {
        return text.replace("\r\n", " ").replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
