package dev.filial.node.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows as aligned text for a terminal: a header, a rule, and the rows, numbers right-aligned, text
 * left-aligned, line breaks in values shown as spaces. Holds all rows to measure the columns: for reports,
 * not for exports of long lists.
 */
final class TextTableWriter {

    private final PrintWriter out;

    TextTableWriter(OutputStream out) {
        this.out = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    void write(Tabular rows) throws IOException {
        List<ReportColumn> columns = rows.columns();
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).name().length();
        }
        rows.rows(values -> {
            String[] line = new String[values.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = DelimitedWriter.flat(Cells.text(values.get(i)));
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        });
        String[] names = columns.stream().map(ReportColumn::name).toArray(String[]::new);
        print(columns, names, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i > 0 ? "  " : "").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (String[] line : cells) {
            print(columns, line, widths);
        }
        out.printf("(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
        out.flush();
    }

    private void print(List<ReportColumn> columns, String[] line, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length; i++) {
            ColumnKind kind = columns.get(i).kind();
            boolean right = kind == ColumnKind.INTEGER || kind == ColumnKind.DECIMAL;
            String pad = " ".repeat(widths[i] - line[i].length());
            text.append(i > 0 ? "  " : "").append(right ? pad + line[i] : line[i] + (i == line.length - 1 ? "" : pad));
        }
        out.println(text.toString().stripTrailing());
    }
}
