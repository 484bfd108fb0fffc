package dev.filial.node.api;

import dev.filial.node.Node;
import dev.filial.node.report.ExportFormat;
import dev.filial.node.report.Report;
import dev.filial.node.report.ReportParameters;
import dev.filial.node.report.Reports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/reports}: the report names, and {@code /api/reports/{name}?from=&to=&on=&group=&branch=&format=}
 * running one (every signed-in user may): JSON by default ({@code report}, {@code title}, {@code parameters},
 * {@code columns} with types, {@code rows}), or a CSV, TSV, XLSX or text file download.
 */
@Controller("/api/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportController {

    private final Node node;

    ReportController(Node node) {
        this.node = node;
    }

    @Get
    Map<String, Object> names(HttpRequest<?> request) {
        return Map.of("reports", reports().names());
    }

    @Get("/{name}")
    HttpResponse<?> run(HttpRequest<?> request, @PathVariable String name) {
        Map<String, String> given = new LinkedHashMap<>();
        request.getParameters().forEach((key, values) -> {
            if (!key.equals("format")) {
                given.put(key, String.join(",", values));
            }
        });
        ExportFormat format = ExportResponses.format(request.getParameters().get("format"));
        Report report = reports().run(name, ReportParameters.parse(given));
        return format == null ? HttpResponse.ok(report.json()) : ExportResponses.file(report, format, report.name());
    }

    private Reports reports() {
        return new Reports(node.database(), Clock.systemUTC());
    }
}
