package dev.filial.node.csv;

import java.util.List;

/** A whole file as read: the delimiter used, the header's column names and the data rows. */
public record CsvTable(char delimiter, List<String> header, List<CsvRecord> records) {

    public CsvTable {
        header = List.copyOf(header);
        records = List.copyOf(records);
    }
}
