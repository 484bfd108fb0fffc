package dev.filial.node.report;

import dev.filial.node.entity.NotFoundException;
import dev.filial.node.store.Database;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the reports by name on one consistent snapshot of a database: a node's (its own branch and what it
 * holds of others) or HQ's (every branch). Each report is a plain read; nothing is written.
 */
public final class Reports {

    /** A report: the parameters it accepts, and how it reads. */
    interface Definition {
        Set<String> parameters();

        Report run(Reading reading, ReportParameters parameters) throws java.sql.SQLException;
    }

    private final Database database;
    private final Clock clock;
    private final Map<String, Definition> definitions = new TreeMap<>();

    public Reports(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        definitions.put("sales", new SalesReport());
        definitions.put("funnel", new FunnelReport());
        definitions.put("debtors", new DebtorsReport(this::today));
        definitions.put("stock-balances", new StockBalancesReport());
        definitions.put("stock-movements", new StockMovementsReport());
        definitions.put("activities", new ActivitiesReport(clock));
    }

    /** The report names, sorted. */
    public List<String> names() {
        return new ArrayList<>(definitions.keySet());
    }

    /**
     * Runs report {@code name}.
     *
     * @throws NotFoundException   for an unknown name (the message lists the reports)
     * @throws ValidationException for a parameter the report does not take or a grouping it does not know
     */
    public Report run(String name, ReportParameters parameters) {
        Definition definition = definitions.get(name);
        if (definition == null) {
            throw new NotFoundException("no report '" + name + "'; there are " + String.join(", ", names()));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String given : parameters.asText().keySet()) {
            if (!definition.parameters().contains(given)) {
                errors.add(new FieldError(given, "unknown", "is not taken by report " + name + ", which takes "
                        + String.join(", ", new java.util.TreeSet<>(definition.parameters()))));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("report " + name, errors);
        }
        return database.snapshot(connection -> definition.run(new Reading(connection, database.dialect()),
                parameters));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
