package dev.filial.node.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV that {@link CsvReader} and spreadsheet programs read back unchanged: UTF-8 with a byte order mark
 * (so a spreadsheet does not guess another encoding), CRLF line ends, and a field quoted when it holds the
 * delimiter, a quote, a line break or spaces at either end.
 */
public final class CsvWriter {

    private final char delimiter;
    private final StringBuilder text = new StringBuilder("\uFEFF");

    public CsvWriter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Appends one row. */
    public CsvWriter row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(delimiter);
            }
            text.append(field(fields.get(i) == null ? "" : fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    public byte[] toBytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String field(String value) {
        boolean quote = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || !value.equals(value.strip());
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
