package dev.filial.hq.demo;

import dev.filial.hq.Hub;
import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What happens while everyone is offline: HQ, the branch and the agent edit through the same entity
 * service their REST APIs use (so each edit is validated and audited), and two of the edits collide on
 * the same customer: its payment terms (latest wins) and its credit limit (HQ wins, by {@code hq.yml}).
 * The agent also enters a customer HQ already has under another branch (same tax id). Then the branch
 * sells from its own store, and both take from HQ's shared stock more than there is.
 */
final class DemoEdits {

    private static final Actor ANNA = new Actor("anna", Role.MANAGER);
    private static final Actor PETROV = new Actor("petrov", Role.AGENT);

    private final Hub hub;
    private final Node branch;
    private final Node agent;
    private final SampleData data;

    DemoEdits(Hub hub, Node branch, Node agent, SampleData data) {
        this.hub = hub;
        this.branch = branch;
        this.agent = agent;
        this.data = data;
    }

    void make(PrintStream out) throws InterruptedException {
        String volga = data.volgaTrade;
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, volga,
                Map.of("credit_limit", Value.of(new BigDecimal("500000")))));
        out.println("     HQ:  Volga Trade's credit limit 500,000");

        branch.entities().update(ANNA, "counterparties", volga, Map.of("payment_days", 30, "credit_limit", "750000"),
                false);
        Map<String, Object> neva = branch.entities().create(ANNA, "counterparties", Map.of("kind", "organisation",
                "name", "Neva Logistics", "tax_id", "7812000555", "owning_branch", "MSK", "active", true), false);
        branch.entities().create(ANNA, "contact-persons", Map.of("counterparty_id", neva.get("id"),
                "name", "Elena Markova", "position", "Director"), false);
        branch.entities().create(ANNA, "activities", Map.of("kind", "meeting", "subject", "Contract renewal",
                "counterparty_id", volga, "due_at", Instant.now().plus(1, ChronoUnit.DAYS).toString()), false);
        out.println("     MSK: Volga Trade's payment days 30 and credit limit 750,000; new customer Neva Logistics "
                + "with a contact; a meeting planned at Volga Trade");

        Thread.sleep(20);
        agent.entities().update(PETROV, "counterparties", volga, Map.of("payment_days", 45), false);
        for (String customer : data.agentCustomers.subList(1, 3)) {
            agent.entities().create(PETROV, "activities", Map.of("kind", "call", "subject", "Monthly order",
                    "counterparty_id", customer, "status", "done", "result", "ordered as usual"), false);
        }
        agent.entities().create(PETROV, "counterparties", Map.of("kind", "organisation",
                "name", data.spbName + " (Perm)",
                "tax_id", data.spbTaxId, "owning_branch", "MSK", "agent", "AG1", "active", true), false);
        out.println("     AG1: Volga Trade's payment days 45 (later than MSK's); two calls logged; new customer "
                + data.spbName + " (Perm), with the tax id of SPB's " + data.spbName);
        selling(out);
    }

    /**
     * The warehouse and sales: MSK receives nails into its own store and sells twenty to Volga Trade (order,
     * reservation, shipment, invoice, part payment); MSK and AG1 each take cordless drills from HQ's shared
     * central warehouse, which together is more than the 40 there (each saw 40).
     */
    private void selling(PrintStream out) {
        String store = data.moscowStore;
        String nails = data.products.get("F-202");
        String drills = data.products.get("T-103");
        branch.stock().post(ANNA, (String) branch.stock().create(ANNA, Map.of("kind", "receipt", "warehouse_id", store,
                "lines", List.of(Map.of("product_id", nails, "quantity", 100)))).get("id"));
        String order = (String) branch.sales().create(ANNA, Map.of("kind", "order", "counterparty_id",
                data.volgaTrade, "currency", "RUB", "warehouse_id", store, "lines", List.of(Map.of("product_id",
                        nails, "quantity", 20)))).get("id");
        branch.sales().confirm(ANNA, order);
        branch.sales().ship(ANNA, order, Map.of());
        Map<String, Object> invoice = branch.sales().invoice(ANNA, order, Map.of());
        Map<String, Object> issued = branch.sales().issue(ANNA, (String) invoice.get("id"));
        branch.payments().create(ANNA, Map.of("counterparty_id", data.volgaTrade, "method", "bank", "amount", "3000",
                "currency", "RUB"));
        branch.stock().post(ANNA, (String) branch.stock().create(ANNA, Map.of("kind", "issue", "warehouse_id",
                data.central, "lines", List.of(Map.of("product_id", drills, "quantity", 30)))).get("id"));
        out.println("     MSK: 100 nails received into its store; order of 20 for Volga Trade confirmed (reserved), "
                + "shipped, invoiced (" + issued.get("number") + ", " + issued.get("gross") + " RUB), 3,000 RUB paid; "
                + "30 of the 40 cordless drills taken from HQ's shared central warehouse");
        agent.stock().post(PETROV, (String) agent.stock().create(PETROV, Map.of("kind", "issue", "warehouse_id",
                data.central, "lines", List.of(Map.of("product_id", drills, "quantity", 25)))).get("id"));
        out.println("     AG1: 25 cordless drills taken from the central warehouse too (it still saw 40)");
    }
}
