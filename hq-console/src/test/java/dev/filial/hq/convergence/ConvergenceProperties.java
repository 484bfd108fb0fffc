package dev.filial.hq.convergence;

import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.capture.TransactionBody;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The whole replication loop converges (BRIEF sections 1 and 11): HQ and three to five nodes (branches
 * and agents, SQLite and sometimes Derby), each enrolled from its package, edit the same counterparties,
 * contact persons, activities and reference data, and post stock documents (receipts, issues from their own
 * warehouse and the shared one, transfers, receipts of transfers, reversals) and sales (orders, shipments,
 * invoices, payments) through the real services, while batch files between them are lost, repeated, reordered,
 * delayed and damaged ({@link FaultyTransport}) and sites restart; once the network drains, every node
 * holds exactly HQ's view of its scope, no write HQ acknowledged is lost, nothing was applied twice, and at
 * every site the stock summary equals the ledger, the ledger agrees with the documents and reservations with
 * the orders ({@link ConvergenceCheck}, {@link WriteAccounting}).
 *
 * <p>Batch files travel in-process ({@code Outbox.pack}, {@code dueForResend}, {@code Hub.receive},
 * {@code Hub.pack}, {@code Inbox.receive}) in the order {@code HttpExchange} and {@code SyncController}
 * use, not over HTTP: that is fast, and the faulty wire covers more than HTTP's ordering and delivery
 * can produce. A few schedules also run with HQ in its embedded server and every exchange an
 * {@code HttpExchange.sync} ({@link #everyNodeEndsWithHqsViewOfItsScopeOverHttp}).
 *
 * <p>Seeds: when a try fails, jqwik reports the schedule (shrunk) and the {@code seed} it was generated
 * from, and reruns the failing sample first next time (its {@code .jqwik-database}). To replay a seed,
 * pin it on the property, for example {@code @Property(tries = 200, seed = "-6158442915634316364")}, and remove it
 * afterwards; the JUnit Platform configuration parameter {@code jqwik.seeds.whenfixed} ({@code ALLOW},
 * {@code WARN} or {@code FAIL}, e.g. {@code -Djqwik.seeds.whenfixed=FAIL} in CI) decides what a pinned
 * seed left behind does. jqwik 1.9 reads no {@code jqwik.properties}; its settings are JUnit Platform
 * configuration parameters ({@code junit-platform.properties} or system properties).
 */
class ConvergenceProperties {

    @AfterContainer
    static void removeTemplates() {
        TrialNetwork.removeTemplates();
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        return Schedules.schedules();
    }

    @Property(tries = 200)
    void everyNodeEndsWithHqsViewOfItsScope(@ForAll("schedules") Schedule schedule) throws Exception {
        Trial.run(schedule, false, (network, transport, ledger) -> collect(schedule, network, transport, ledger));
    }

    /** A few schedules with HQ in its embedded server and the reliable exchanges over HTTP. */
    @Property(tries = 3)
    void everyNodeEndsWithHqsViewOfItsScopeOverHttp(@ForAll("schedules") Schedule schedule) throws Exception {
        Trial.run(schedule, true, (network, transport, ledger) -> { });
    }

    /** What the try went through, for the statistics jqwik reports after the property. */
    private static void collect(Schedule schedule, TrialNetwork network, FaultyTransport transport,
                                Editor.Ledger ledger) {
        List<Conflict> conflicts = network.hub().conflicts().list(null, Integer.MAX_VALUE);
        for (String kind : List.of("column", "update-delete", "rejected")) {
            Statistics.label("conflict " + kind).collect(conflicts.stream().anyMatch(c -> c.kind().equals(kind)));
        }
        Statistics.label("deleted row brought back").collect(conflicts.stream().anyMatch(c ->
                c.kind().equals("update-delete") && c.decision().equals("incoming") && c.note().contains("back")));
        Statistics.label("files lost").collect(transport.lost() > 0);
        Statistics.label("files repeated").collect(transport.repeated() > 0);
        Statistics.label("files damaged").collect(!transport.quarantined().isEmpty());
        Statistics.label("site restarted").collect(schedule.steps().stream()
                .anyMatch(step -> step instanceof Schedule.Restart));
        Statistics.label("counterparty reassigned").collect(loggedSinceStart(network).stream()
                .flatMap(transaction -> transaction.changes().stream())
                .anyMatch(change -> change.operation() == Operation.UPDATE && (change.newValues().containsKey(
                        "owning_branch") || change.newValues().containsKey("agent"))));
        for (String kind : List.of("negative-stock", "double-reversal")) {
            Statistics.label("business " + kind).collect(conflicts.stream().anyMatch(c -> c.kind().equals(kind)));
        }
        Statistics.label("stock edit refused").collect(!ledger.refused().isEmpty());
        ledger.refused().keySet().forEach(key -> Statistics.label("stock refusals, by edit and rule").collect(key));
        Statistics.label("transfer received").collect(ConvergenceCheck.count(network.hub().node(),
                "SELECT COUNT(*) FROM stock_document WHERE transfer_id IS NOT NULL") > 0);
        Statistics.label("stock reversed").collect(ConvergenceCheck.count(network.hub().node(),
                "SELECT COUNT(*) FROM stock_document WHERE reverses_id IS NOT NULL") > 0);
        Statistics.label("order shipped").collect(ConvergenceCheck.count(network.hub().node(),
                "SELECT COUNT(*) FROM sales_document WHERE kind = 'order' AND status = 'shipped'") > 0);
        Statistics.label("invoice issued").collect(ConvergenceCheck.count(network.hub().node(),
                "SELECT COUNT(*) FROM sales_document WHERE kind = 'invoice' AND status = 'issued'") > 0);
        Statistics.label("payment allocated").collect(ConvergenceCheck.count(network.hub().node(),
                "SELECT COUNT(*) FROM payment_allocation") > 0);
        Statistics.label("derby node").collect(schedule.members().stream()
                .anyMatch(member -> member.engine() == Engine.DERBY));
    }

    /** The hub log entries the try added. */
    private static List<Transaction> loggedSinceStart(TrialNetwork network) {
        return network.hub().node().database().read(connection -> {
            List<Transaction> logged = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT body FROM hub_log WHERE seq > ?")) {
                select.setLong(1, network.startedAt());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        logged.add(TransactionBody.decode(rows.getBytes(1)));
                    }
                }
            }
            return logged;
        });
    }
}
