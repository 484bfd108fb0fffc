package dev.filial.node.report;

import java.io.IOException;
import java.util.List;

/**
 * Rows under typed columns that an export writes one at a time: a {@link Report} (held in memory, small) or
 * an entity list streamed from the database ({@link EntityExport}), which never holds all its rows.
 */
public interface Tabular {

    /** A title, used as the sheet name of an XLSX file. */
    String title();

    List<ReportColumn> columns();

    /** Hands every row, in order, to {@code sink}; each row has one value per column. */
    void rows(RowSink sink) throws IOException;

    /** Receives rows. */
    @FunctionalInterface
    interface RowSink {
        void row(List<Object> values) throws IOException;
    }
}
