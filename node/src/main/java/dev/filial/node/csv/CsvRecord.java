package dev.filial.node.csv;

import java.util.List;

/** One data row: the line of the file it starts on (the header is line 1) and its fields in column order. */
public record CsvRecord(int line, List<String> fields) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }

    /** Whether every field is empty or blank (a spreadsheet's trailing {@code ;;;} rows). */
    public boolean blank() {
        return fields.stream().allMatch(String::isBlank);
    }
}
