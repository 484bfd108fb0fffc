package dev.filial.hq.convergence;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.capture.CapturedTransaction;
import dev.filial.node.capture.Changes;
import dev.filial.node.document.RuleException;
import dev.filial.node.stock.StockDocuments;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Makes the edits of a schedule at HQ ({@code Hub.write}) or at a node (its write path), on the rows
 * that site holds when the edit runs, picked in order of name. Every text value written is unique
 * ({@code <site>-<step>}), so a value found anywhere later names the one write it came from. Node
 * transactions go into the {@link Ledger} as captured.
 */
final class Editor {

    /** The edits made through the stock services, which may refuse them. */
    static final Set<Schedule.Action> STOCK = Set.of(Schedule.Action.STOCK_RECEIPT, Schedule.Action.STOCK_ISSUE,
            Schedule.Action.STOCK_TRANSFER, Schedule.Action.STOCK_RECEIVE, Schedule.Action.STOCK_REVERSE,
            Schedule.Action.ORDER, Schedule.Action.SHIP, Schedule.Action.INVOICE, Schedule.Action.PAY);
    /** The edits made through a service's own transactions rather than inside the editor's. */
    private static final Set<Schedule.Action> SERVICES = Set.of(Schedule.Action.STOCK_RECEIVE,
            Schedule.Action.ORDER, Schedule.Action.SHIP, Schedule.Action.INVOICE, Schedule.Action.PAY);

    private final TrialNetwork network;
    private final Ledger ledger;

    Editor(TrialNetwork network, Ledger ledger) {
        this.network = network;
        this.ledger = ledger;
    }

    void run(Schedule.Edit edit, int step) {
        boolean stock = STOCK.contains(edit.action());
        try {
            write(edit, step);
        } catch (RuleException | ValidationException e) {
            if (!stock) {
                throw e;
            }
            // refused by a rule of the stock services: the whole transaction was rolled back
            ledger.refused(edit.action(), e);
        }
    }

    /**
     * Every site receives every transfer waiting for it, as the receiving branches do in the end (HQ those into
     * the unenrolled branch's warehouse); returns how many were received.
     */
    int receiveAll() {
        int received = receiveAll(network.hub().node(), TrialNetwork.UNENROLLED);
        network.hub().consolidator().drainLocal();
        for (int index = 0; index < network.nodes().size(); index++) {
            Schedule.Member member = network.members().get(index);
            if (member.branch()) {
                Node node = network.node(index);
                long before = lastLogged(node);
                received += receiveAll(node, member.code());
                node.database().read(connection -> node.changeLog().after(connection, before, Integer.MAX_VALUE))
                        .forEach(entry -> ledger.wrote(entry.transaction()));
            }
        }
        return received;
    }

    private int receiveAll(Node node, String branch) {
        int received = 0;
        for (String transfer : waiting(node, branch)) {
            try {
                node.stock().receive(Actor.SYSTEM, transfer, null);
                received++;
            } catch (RuleException e) {
                ledger.refused(Schedule.Action.STOCK_RECEIVE, e);
            }
        }
        return received;
    }

    private void write(Schedule.Edit edit, int step) {
        if (edit.site() % (network.nodes().size() + 1) == 0) {
            String label = "HQ-" + step;
            Node hq = network.hub().node();
            if (SERVICES.contains(edit.action())) {
                try {
                    service(hq, "HQ", true, edit, label);
                } finally {
                    network.hub().consolidator().drainLocal();
                }
                return;
            }
            network.hub().write(changes -> {
                edit(changes, edit, label, "HQ", hq);
                return null;
            });
            return;
        }
        int index = (edit.site() - 1) % network.nodes().size();
        Node node = network.node(index);
        Schedule.Member member = network.members().get(index);
        String label = member.code() + "-" + step;
        long before = lastLogged(node);
        try {
            if (SERVICES.contains(edit.action())) {
                service(node, member.code(), false, edit, label);
            } else {
                node.writer().write(changes -> {
                    edit(changes, edit, label, member.code(), node);
                    return null;
                });
            }
        } finally {
            List<CapturedTransaction> captured = node.database().read(connection ->
                    node.changeLog().after(connection, before, Integer.MAX_VALUE));
            captured.forEach(entry -> ledger.wrote(entry.transaction()));
        }
    }

    /** Edit {@code edit} at {@code site}, whose node is {@code at}, through the services' own transactions. */
    private void service(Node at, String site, boolean hq, Schedule.Edit edit, String label) {
        int pick = edit.pick();
        int choice = edit.choice();
        switch (edit.action()) {
            case STOCK_RECEIVE -> receive(at, hq ? TrialNetwork.UNENROLLED : site, pick);
            case ORDER -> {
                List<String> customers = at.database().read(connection -> strings(connection,
                        "SELECT id FROM counterparty ORDER BY name, id", null));
                List<String> warehouses = at.database().read(connection -> {
                    List<String> held = new ArrayList<>();
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT id, owning_branch, shared FROM warehouse ORDER BY code, id");
                         ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            if (hq || rows.getBoolean(3) || site.equals(rows.getString(2))) {
                                held.add(rows.getString(1));
                            }
                        }
                    }
                    return held;
                });
                List<String> products = at.database().read(connection -> strings(connection,
                        "SELECT id FROM product ORDER BY name, id", null));
                if (customers.isEmpty()) {
                    return;
                }
                List<Map<String, Object>> lines = new ArrayList<>();
                lines.add(Map.of("product_id", products.get(pick % products.size()), "quantity",
                        String.valueOf(1 + (pick + choice) % 3)));
                if (choice % 3 == 0) {
                    lines.add(Map.of("product_id", products.get((pick + 1) % products.size()), "quantity", "1"));
                }
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("kind", "order");
                order.put("counterparty_id", customers.get(pick % customers.size()));
                order.put("warehouse_id", warehouses.get(choice % warehouses.size()));
                order.put("note", label);
                order.put("lines", lines);
                String id = (String) at.sales().create(Actor.SYSTEM, order).get("id");
                at.sales().confirm(Actor.SYSTEM, id);
                // one order in four is shipped at once, one invoiced at once, one invoiced and paid in full
                if (choice % 4 == 1) {
                    at.sales().ship(Actor.SYSTEM, id, null);
                } else if (choice % 4 >= 2) {
                    Map<String, Object> invoice = at.sales().invoice(Actor.SYSTEM, id, null);
                    at.sales().issue(Actor.SYSTEM, (String) invoice.get("id"));
                    if (choice % 4 == 3) {
                        pay(at, (String) order.get("counterparty_id"), (String) invoice.get("id"),
                                String.valueOf(invoice.get("gross")), label);
                    }
                }
            }
            case SHIP -> {
                List<String> orders = own(at, site, "order", "'confirmed'");
                if (!orders.isEmpty()) {
                    at.sales().ship(Actor.SYSTEM, orders.get(pick % orders.size()), null);
                }
            }
            case INVOICE -> {
                List<String> orders = own(at, site, "order", "'confirmed', 'shipped'");
                if (!orders.isEmpty()) {
                    String invoice = (String) at.sales().invoice(Actor.SYSTEM, orders.get(pick % orders.size()), null)
                            .get("id");
                    at.sales().issue(Actor.SYSTEM, invoice);
                }
            }
            case PAY -> {
                // one try in three pays any invoice the site holds: two sites may then pay the same one, which
                // HQ's over-allocation rule settles (StockScheduleTest.oneInvoicePaidAtTwoNodesIsNotAllocatedTwice)
                List<String> invoices = choice % 3 == 0 ? held(at, "invoice", "'issued'")
                        : own(at, site, "invoice", "'issued'");
                if (!invoices.isEmpty()) {
                    String invoice = invoices.get(pick % invoices.size());
                    Map<String, Value> row = at.writer().find(Schema.SALES_DOCUMENT, invoice).orElseThrow();
                    BigDecimal gross = ((Value.Decimal) row.get("gross")).value();
                    BigDecimal part = choice % 2 == 0 ? gross : gross.divide(BigDecimal.valueOf(2), 2,
                            RoundingMode.DOWN);
                    pay(at, ((Value.Text) row.get("counterparty_id")).value(), invoice, part.toPlainString(), label);
                }
            }
            default -> throw new IllegalStateException("no service edit for " + edit.action());
        }
    }

    /** A bank payment of {@code amount} from {@code customer}, allocated to {@code invoice} alone. */
    private static void pay(Node at, String customer, String invoice, String amount, String label) {
        at.payments().create(Actor.SYSTEM, Map.of("counterparty_id", customer, "method", "bank", "amount", amount,
                "currency", "EUR", "note", label, "allocations", List.of(Map.of("invoice_id", invoice,
                        "amount", amount))));
    }

    /** The sales documents of {@code kind} {@code site} owns in one of {@code statuses}, by number. */
    private static List<String> own(Node at, String site, String kind, String statuses) {
        return at.database().read(connection -> strings(connection, "SELECT id FROM sales_document WHERE kind = '"
                + kind + "' AND status IN (" + statuses + ") AND owning_branch = ? ORDER BY number", site));
    }

    /** The sales documents of {@code kind} in {@code statuses} that {@code at} holds, whoever owns them. */
    private static List<String> held(Node at, String kind, String statuses) {
        return at.database().read(connection -> strings(connection, "SELECT id FROM sales_document WHERE kind = '"
                + kind + "' AND status IN (" + statuses + ") ORDER BY number", null));
    }

    /** Edit {@code edit} at {@code site}, whose node is {@code at}, inside its write transaction. */
    private void edit(Changes changes, Schedule.Edit edit, String label, String site, Node at) {
        boolean hq = at == network.hub().node();
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
            case STOCK_RECEIPT, STOCK_ISSUE -> {
                List<String> held = heldWarehouses(changes, site, hq);
                String warehouse = held.get(choice % held.size());
                post(changes, at, action == Schedule.Action.STOCK_RECEIPT ? "receipt" : "issue", warehouse, null,
                        edit, label);
            }
            case STOCK_TRANSFER -> {
                List<String> held = heldWarehouses(changes, site, hq);
                String source = held.get(choice % held.size());
                List<String> targets = new ArrayList<>(ids(changes, Schema.WAREHOUSE, null, null));
                targets.remove(source);
                post(changes, at, "transfer", source, targets.get(edit.pick() % targets.size()), edit, label);
            }
            case STOCK_REVERSE -> {
                // HQ also reverses a node's document, as its operators settle a business entry
                List<String> posted = reversible(changes, hq && choice % 2 == 1 ? null : site);
                if (!posted.isEmpty()) {
                    at.stock().reverse(changes, Actor.SYSTEM,
                            posted.get(edit.pick() % posted.size()), null);
                }
            }
            default -> throw new IllegalStateException("no edit for " + action);
        }
    }

    /**
     * Creates and posts a stock document of {@code kind} in {@code warehouse} (to {@code target} for a transfer)
     * through {@code at}'s stock service: one line of 1 to 4 of a product, and a second line of the next product
     * for one edit in three; every other issue names a counterparty the site holds.
     */
    private static void post(Changes changes, Node at, String kind, String warehouse, String target,
                             Schedule.Edit edit, String label) {
        List<String> products = ids(changes, Schema.PRODUCT, null, null);
        List<Map<String, Value>> lines = new ArrayList<>();
        int count = edit.choice() % 3 == 0 ? 2 : 1;
        for (int i = 0; i < count; i++) {
            BigDecimal quantity = BigDecimal.valueOf(1 + (edit.pick() + edit.choice() + i) % 4).setScale(3);
            lines.add(Map.of("product_id", Value.of(products.get((edit.pick() + i) % products.size())),
                    "quantity", Value.of(quantity)));
        }
        Map<String, Value> header = new LinkedHashMap<>();
        header.put("kind", Value.of(kind));
        header.put("warehouse_id", Value.of(warehouse));
        if (target != null) {
            header.put("target_warehouse_id", Value.of(target));
        }
        header.put("note", Value.of(label));
        if (kind.equals("issue") && edit.choice() % 2 == 1) {
            // to a customer: the document also goes where the counterparty goes
            pick(changes, Schema.COUNTERPARTY, edit.pick() + edit.choice())
                    .ifPresent(id -> header.put("counterparty_id", Value.of(id)));
        }
        StockDocuments stock = at.stock();
        stock.post(changes, Actor.SYSTEM, stock.createDraft(changes, Actor.SYSTEM, header, lines));
    }

    /** The warehouses whose stock {@code site} holds, by code: HQ every one, a node its own and the shared one. */
    private static List<String> heldWarehouses(Changes changes, String site, boolean hq) {
        List<String> held = new ArrayList<>();
        for (String id : ids(changes, Schema.WAREHOUSE, null, null)) {
            Map<String, Value> warehouse = changes.find(Schema.WAREHOUSE, id).orElseThrow();
            if (hq || Value.of(true).equals(warehouse.get("shared"))
                    || Value.of(site).equals(warehouse.get("owning_branch"))) {
                held.add(id);
            }
        }
        return held;
    }

    /** The posted documents {@code site} owns (any site's when null) that are not reversals, by number. */
    private static List<String> reversible(Changes changes, String site) {
        return strings(changes.connection(), "SELECT id FROM stock_document WHERE status = 'posted'"
                + " AND reverses_id IS NULL" + (site == null ? "" : " AND owning_branch = ?") + " ORDER BY number",
                site);
    }

    /**
     * Receives, at {@code node} through its stock service (its own transaction), transfer {@code pick} of
     * those posted into a warehouse {@code branch} owns and not received yet, by number.
     */
    private static void receive(Node node, String branch, int pick) {
        List<String> transfers = waiting(node, branch);
        if (!transfers.isEmpty()) {
            node.stock().receive(Actor.SYSTEM, transfers.get(pick % transfers.size()), null);
        }
    }

    /** The posted transfers into a warehouse {@code branch} owns that {@code node} has not received, by number. */
    private static List<String> waiting(Node node, String branch) {
        return node.database().read(connection -> strings(connection, "SELECT d.id"
                + " FROM stock_document d JOIN warehouse w ON w.id = d.target_warehouse_id"
                + " WHERE d.kind = 'transfer' AND d.status = 'posted' AND w.owning_branch = ?"
                + " AND NOT EXISTS (SELECT 1 FROM stock_document r WHERE r.transfer_id = d.id AND r.status = 'posted')"
                + " ORDER BY d.number", branch));
    }

    private static List<String> strings(Connection connection, String sql, String parameter) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<String> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + sql + ": " + e.getMessage(), e);
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
                + " ORDER BY " + (table == Schema.ACTIVITY ? "subject" : table == Schema.WAREHOUSE ? "code" : "name")
                + ", id";
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

    /** The transactions the nodes made, as their change logs captured them, and the edits refused. */
    static final class Ledger {

        private final List<Transaction> written = new ArrayList<>();
        private final Map<String, Integer> refused = new TreeMap<>();

        void wrote(Transaction transaction) {
            written.add(transaction);
        }

        /** An edit a rule of the services refused, counted by its error ({@code negative-stock}, a field's). */
        void refused(Schedule.Action action, RuntimeException refusal) {
            String code = refusal instanceof RuleException rule ? rule.code() : "invalid";
            refused.merge(action + " " + code, 1, Integer::sum);
        }

        /** The refused edits by action and error. */
        Map<String, Integer> refused() {
            return refused;
        }

        List<Transaction> written() {
            return written;
        }
    }
}
