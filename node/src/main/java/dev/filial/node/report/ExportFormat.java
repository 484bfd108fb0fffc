package dev.filial.node.report;

import dev.filial.node.store.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats of an export, with their media type and file extension. */
public enum ExportFormat {
    /** RFC 4180: comma, CRLF, fields with comma, quote or line break quoted, quotes doubled; UTF-8. */
    CSV("csv", "text/csv; charset=utf-8"),
    /** Tab separated, no quoting: tabs and line breaks inside values become spaces; UTF-8, CRLF. */
    TSV("tsv", "text/tab-separated-values; charset=utf-8"),
    /** An Office Open XML workbook with one sheet; numbers as numbers, dates as dates. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    /** Aligned text columns for a terminal. */
    TABLE("txt", "text/plain; charset=utf-8");

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format called {@code code} (case ignored).
     *
     * @throws ValidationException naming the formats there are
     */
    public static ExportFormat parse(String code) {
        for (ExportFormat format : values()) {
            if (format.code().equalsIgnoreCase(code.trim())) {
                return format;
            }
        }
        throw ValidationException.of("export", "format", "invalid", "'" + code + "' is not a format; use "
                + Arrays.stream(values()).map(ExportFormat::code).collect(Collectors.joining(", ")));
    }

    /** Writes {@code rows} in this format to {@code out} (which stays open). */
    public void write(Tabular rows, java.io.OutputStream out) throws java.io.IOException {
        switch (this) {
            case CSV -> DelimitedWriter.csv(out).write(rows);
            case TSV -> DelimitedWriter.tsv(out).write(rows);
            case XLSX -> new XlsxWriter(out).write(rows);
            default -> new TextTableWriter(out).write(rows);
        }
    }
}
