package dev.filial.node.report;

/** A column of a report or an exported list: its name (the header) and the kind of its values. */
public record ReportColumn(String name, ColumnKind kind) {

    public static ReportColumn text(String name) {
        return new ReportColumn(name, ColumnKind.TEXT);
    }

    public static ReportColumn integer(String name) {
        return new ReportColumn(name, ColumnKind.INTEGER);
    }

    public static ReportColumn decimal(String name) {
        return new ReportColumn(name, ColumnKind.DECIMAL);
    }

    public static ReportColumn date(String name) {
        return new ReportColumn(name, ColumnKind.DATE);
    }
}
