package dev.filial.node.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one report: its name and title, typed columns, the rows (one value per column, see
 * {@link ColumnKind}) and the parameters it ran with, as text (to print them with the figures).
 */
public record Report(String name, String title, List<ReportColumn> columns, List<List<Object>> rows,
                     Map<String, String> parameters) implements Tabular {

    public Report {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + name + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
        }
    }

    @Override
    public void rows(RowSink sink) throws java.io.IOException {
        for (List<Object> row : rows) {
            sink.row(row);
        }
    }

    /** The index of column {@code name}. */
    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("report " + this.name + " has no column " + name);
    }

    /** The rows as JSON objects keyed by column name; decimals as text (exact), dates ISO. */
    public List<Map<String, Object>> jsonRows() {
        List<Map<String, Object>> json = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(i);
                object.put(columns.get(i).name(), value instanceof Long || value instanceof Boolean || value == null
                        ? value : Cells.text(value));
            }
            json.add(object);
        }
        return json;
    }

    /** The report as one JSON object: name, title, parameters, columns (name and type) and rows. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("report", name);
        json.put("title", title);
        json.put("parameters", parameters);
        List<Map<String, Object>> columnList = new ArrayList<>();
        for (ReportColumn column : columns) {
            columnList.add(Map.of("name", column.name(), "type", column.kind().code()));
        }
        json.put("columns", columnList);
        json.put("rows", jsonRows());
        return json;
    }
}
