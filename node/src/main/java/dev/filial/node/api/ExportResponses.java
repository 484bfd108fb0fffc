package dev.filial.node.api;

import dev.filial.node.report.ExportFormat;
import dev.filial.node.report.Tabular;
import dev.filial.node.store.ValidationException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers an export as a file download: the rows are written one at a time to a temporary file (so a long
 * list is held neither in memory nor twice), which is then streamed with the format's Content-Type and a
 * Content-Disposition file name, and deleted when the stream is closed. Errors (a bad filter) surface before
 * anything is sent, as the usual typed JSON.
 */
final class ExportResponses {

    private ExportResponses() {
    }

    /**
     * The format named by a {@code format} query parameter; null for JSON (absent or {@code json}).
     *
     * @throws ValidationException for a format there is not
     */
    static ExportFormat format(String code) {
        if (code == null || code.isBlank() || code.trim().equalsIgnoreCase("json")) {
            return null;
        }
        try {
            return ExportFormat.parse(code);
        } catch (ValidationException e) {
            throw ValidationException.of("export", "format", "invalid", "'" + code
                    + "' is not a format; use json, csv, tsv, xlsx or table");
        }
    }

    static HttpResponse<StreamedFile> file(Tabular rows, ExportFormat format, String name) {
        Path file;
        try {
            file = Files.createTempFile("filial-export-", "." + format.extension());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the export: " + e.getMessage(), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                format.write(rows, out);
            }
            long length = Files.size(file);
            InputStream in = new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(file);
                    }
                }
            };
            MediaType type = MediaType.of(format.mediaType());
            return HttpResponse.ok(new StreamedFile(in, type, System.currentTimeMillis(), length))
                    .contentType(type)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "."
                            + format.extension() + "\"");
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the export's own error is the one to report
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("the export failed: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }
}
