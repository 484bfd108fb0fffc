package dev.filial.hq.convergence;

import dev.filial.node.Node;
import dev.filial.node.capture.CapturedTransaction;
import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes the edits of a schedule at HQ ({@code Hub.write}) or at a node (its write path), on the rows
 * that site holds when the edit runs, picked in order of name. Every text value written is unique
 * ({@code <site>-<step>}), so a value found anywhere later names the one write it came from. Node
 * transactions go into the {@link Ledger} as captured.
 */
final class Editor {

    private final TrialNetwork network;
    private final Ledger ledger;

    Editor(TrialNetwork network, Ledger ledger) {
        this.network = network;
        this.ledger = ledger;
    }

    void run(Schedule.Edit edit, int step) {
        if (edit.site() % (network.nodes().size() + 1) == 0) {
            String label = "HQ-" + step;
            network.hub().write(changes -> {
                edit(changes, edit, label, "HQ", true);
                return null;
            });
            return;
        }
        int index = (edit.site() - 1) % network.nodes().size();
        Node node = network.node(index);
        Schedule.Member member = network.members().get(index);
        String label = member.code() + "-" + step;
        long before = lastLogged(node);
        node.writer().write(changes -> {
            edit(changes, edit, label, member.code(), false);
            return null;
        });
        List<CapturedTransaction> captured = node.database().read(connection ->
                node.changeLog().after(connection, before, Integer.MAX_VALUE));
        captured.forEach(entry -> ledger.wrote(entry.transaction()));
    }

    private void edit(Changes changes, Schedule.Edit edit, String label, String site, boolean hq) {
        Schedule.Action action = edit.action();
        if (!hq && action == Schedule.Action.CURRENCY_INSERT) {
            action = Schedule.Action.CURRENCY_UPDATE;
        } else if (!hq && action == Schedule.Action.PRODUCT_INSERT) {
            action = Schedule.Action.PRODUCT_UPDATE;
        }
        List<String> branches = network.branchCodes();
        List<String> agents = network.agentCodes();
        int choice = edit.choice();
        switch (action) {
            case COUNTERPARTY_INSERT -> {
                boolean agentSite = agents.contains(site);
                String branch = hq || agentSite ? branches.get(choice % branches.size()) : site;
                Value agent = agentSite ? Value.of(site) : agentOrNone(agents, choice);
                Map<String, Value> row = new LinkedHashMap<>();
                row.put("kind", Value.of(choice % 3 == 0 ? "person" : "organisation"));
                row.put("name", Value.of(label));
                row.put("owning_branch", Value.of(branch));
                row.put("agent", agent);
                row.put("active", Value.of(true));
                changes.insert(Schema.COUNTERPARTY, row);
            }
            case COUNTERPARTY_RENAME -> update(changes, Schema.COUNTERPARTY, edit.pick(), id -> Map.of("name",
                    Value.of(label)));
            case COUNTERPARTY_NOTE -> update(changes, Schema.COUNTERPARTY, edit.pick(), id -> Map.of("note",
                    Value.of(label)));
            case COUNTERPARTY_REASSIGN -> update(changes, Schema.COUNTERPARTY, edit.pick(), id -> choice % 2 == 0
                    ? Map.of("owning_branch", Value.of(branches.get(choice / 2 % branches.size())))
                    : Map.of("agent", agentOrNone(agents, choice / 2)));
            case COUNTERPARTY_DELETE -> pick(changes, Schema.COUNTERPARTY, edit.pick()).ifPresent(id -> {
                // with its contact persons and activities, in one transaction, before or after them
                if (choice % 2 == 0) {
                    changes.delete(Schema.COUNTERPARTY, id);
                }
                deleteDependants(changes, id);
                if (choice % 2 != 0) {
                    changes.delete(Schema.COUNTERPARTY, id);
                }
            });
            case CONTACT_INSERT -> pick(changes, Schema.COUNTERPARTY, edit.pick()).ifPresent(id ->
                    changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id", Value.of(id),
                            "name", Value.of(label))));
            case CONTACT_UPDATE -> update(changes, Schema.CONTACT_PERSON, edit.pick(), id -> Map.of(
                    choice % 2 == 0 ? "name" : "position", Value.of(label)));
            case CONTACT_MOVE -> pick(changes, Schema.COUNTERPARTY, choice).ifPresent(to -> update(changes,
                    Schema.CONTACT_PERSON, edit.pick(), id -> Map.of("counterparty_id", Value.of(to))));
            case CONTACT_DELETE -> pick(changes, Schema.CONTACT_PERSON, edit.pick())
                    .ifPresent(id -> changes.delete(Schema.CONTACT_PERSON, id));
            case ACTIVITY_INSERT -> pick(changes, Schema.COUNTERPARTY, edit.pick()).ifPresent(id -> {
                Map<String, Value> row = new LinkedHashMap<>();
                row.put("kind", Value.of("call"));
                row.put("subject", Value.of(label));
                row.put("counterparty_id", Value.of(id));
                row.put("status", Value.of("planned"));
                row.put("owning_branch", Value.of(branches.contains(site) ? site
                        : branches.get(choice % branches.size())));
                changes.insert(Schema.ACTIVITY, row);
            });
            case ACTIVITY_UPDATE -> update(changes, Schema.ACTIVITY, edit.pick(), id -> Map.of(
                    choice % 2 == 0 ? "subject" : "result", Value.of(label)));
            case ACTIVITY_REASSIGN -> update(changes, Schema.ACTIVITY, edit.pick(), id -> Map.of("owning_branch",
                    Value.of(branches.get(choice % branches.size()))));
            case CURRENCY_INSERT -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of(currencyCode(label)),
                    "name", Value.of(label), "minor_units", Value.of(choice % 4)));
            case CURRENCY_UPDATE -> update(changes, Schema.CURRENCY, edit.pick(), id -> Map.of("name",
                    Value.of(label)));
            case PRODUCT_INSERT -> changes.insert(Schema.PRODUCT, Map.of("sku", Value.of(label), "name",
                    Value.of(label), "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("10.00")),
                    "kind", Value.of("goods"), "active", Value.of(true)));
            case PRODUCT_UPDATE -> update(changes, Schema.PRODUCT, edit.pick(), id -> Map.of("name",
                    Value.of(label)));
            default -> throw new IllegalStateException("no edit for " + action);
        }
    }

    /** Deletes the contact persons and activities of counterparty {@code id} this site holds. */
    private static void deleteDependants(Changes changes, String id) {
        ids(changes, Schema.CONTACT_PERSON, "counterparty_id", id).forEach(contact ->
                changes.delete(Schema.CONTACT_PERSON, contact));
        ids(changes, Schema.ACTIVITY, "counterparty_id", id).forEach(activity ->
                changes.delete(Schema.ACTIVITY, activity));
    }

    private static Value agentOrNone(List<String> agents, int choice) {
        int slot = choice % (agents.size() + 1);
        return slot == agents.size() ? Value.NULL : Value.of(agents.get(slot));
    }

    /** A three-letter code unique to the step (the digits of the label spelt as letters). */
    private static String currencyCode(String label) {
        int step = Integer.parseInt(label.substring(label.indexOf('-') + 1));
        return "" + (char) ('Q' + step / 676 % 10) + (char) ('A' + step / 26 % 26) + (char) ('A' + step % 26);
    }

    private static void update(Changes changes, Table table, int pick, Function<String, Map<String, Value>> values) {
        pick(changes, table, pick).ifPresent(id -> changes.update(table, id, values.apply(id)));
    }

    private static Optional<String> pick(Changes changes, Table table, int pick) {
        List<String> ids = ids(changes, table, null, null);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(pick % ids.size()));
    }

    /**
     * The ids of {@code table}, all or those whose {@code column} is {@code value}, in order of name (an
     * activity's subject): names follow from the schedule alone, while ids made in the same millisecond
     * sort at random.
     */
    private static List<String> ids(Changes changes, Table table, String column, String value) {
        String sql = "SELECT id FROM " + table.name() + (column == null ? "" : " WHERE " + column + " = ?")
                + " ORDER BY " + (table == Schema.ACTIVITY ? "subject" : "name") + ", id";
        try (PreparedStatement select = changes.connection().prepareStatement(sql)) {
            if (column != null) {
                select.setString(1, value);
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("reading ids of " + table.name() + ": " + e.getMessage(), e);
        }
    }

    private static long lastLogged(Node node) {
        return node.database().read(connection -> node.changeLog().countAndLast(connection)[1]);
    }

    /** The transactions the nodes made, as their change logs captured them. */
    static final class Ledger {

        private final List<Transaction> written = new ArrayList<>();

        void wrote(Transaction transaction) {
            written.add(transaction);
        }

        List<Transaction> written() {
            return written;
        }
    }
}
