package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.csv.CsvException;
import dev.filial.node.csv.CsvReader;
import dev.filial.node.imports.CsvImport;
import dev.filial.node.imports.ImportException;
import dev.filial.node.imports.ImportKind;
import dev.filial.node.imports.ImportOptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * {@code POST /api/import/{counterparties|products|prices}} with a CSV body ({@code text/csv}), optional
 * {@code dryRun=true} and {@code delimiter=;} (or {@code ,}, {@code tab}; detected from the header when left out):
 * the {@link dev.filial.node.imports.ImportReport} as JSON (200 also when rows failed: the report lists them).
 * A file refused as a whole is a typed error naming the line ({@code 422}, {@code 413} when too large).
 */
@Controller("/api/import")
@ExecuteOn(TaskExecutors.BLOCKING)
class ImportController {

    private final Node node;

    ImportController(Node node) {
        this.node = node;
    }

    @Post(value = "/{kind}", consumes = {"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    Map<String, Object> run(HttpRequest<?> request, @PathVariable String kind, @Nullable @Body byte[] body,
                            @Nullable @QueryValue Boolean dryRun, @Nullable @QueryValue String delimiter) {
        ImportKind parsed = ImportKind.parse(kind);
        ImportOptions options = ImportOptions.DEFAULT.dryRun(Boolean.TRUE.equals(dryRun));
        if (delimiter != null && !delimiter.isEmpty()) {
            try {
                options = options.delimiter(CsvReader.delimiter(delimiter));
            } catch (CsvException e) {
                throw new ImportException(e.code(), 0, e.getMessage(), e.hint());
            }
        }
        return new CsvImport(node.entities(), node.writer())
                .run(EntityController.actor(request), parsed, body == null ? new byte[0] : body, options).toJson();
    }
}
