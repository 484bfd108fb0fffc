package dev.filial.hq.convergence;

import dev.filial.node.store.Engine;
import java.util.List;

/**
 * One generated schedule: the network (which nodes, in which role, on which engine), HQ's conflict
 * policies, and the steps run against it, in order. Steps name sites and rows by small numbers resolved
 * when the step runs (modulo what exists then), so any list of steps is runnable and jqwik can shrink
 * it freely.
 */
record Schedule(List<Member> members, Policies policies, List<Step> steps) {

    /** Roles as HQ's registry names them. */
    static final String BRANCH = "branch";
    static final String AGENT = "agent";

    /** A node of the network. */
    record Member(String code, String role, Engine engine) {

        boolean branch() {
            return role.equals(BRANCH);
        }
    }

    /**
     * HQ's conflict policies (the default for columns, the one for counterparties, update-vs-delete) and its
     * business rule for stock a node issued below zero ({@code review} or {@code reverse}).
     */
    record Policies(String columns, String counterparty, String updateVsDelete, String negativeStock) {

        /** As {@code hq.yml} writes them. */
        String yaml() {
            return "conflicts:\n  default: " + columns + "\n  updateVsDelete: " + updateVsDelete + "\n  tables:\n"
                    + "    counterparty:\n      default: " + counterparty + "\n"
                    + "business:\n  negativeStock: " + negativeStock + "\n";
        }
    }

    /** What a step does. */
    interface Step {
    }

    /**
     * An edit at a site: {@code site} 0 is HQ, else node {@code (site - 1) % nodes}; {@code pick} chooses
     * the row among those the site holds, {@code choice} a value where there are few (a branch, an agent).
     */
    record Edit(int site, Action action, int pick, int choice) implements Step {
    }

    /** Node {@code node} packs its new batches and resends all unacknowledged ones, plus an ack-only batch. */
    record Send(int node) implements Step {
    }

    /** HQ packs what is new for node {@code node} and resends all it has not acknowledged, plus an ack-only batch. */
    record Serve(int node) implements Step {
    }

    /** The transport acts on file {@code pick} (modulo the files in flight): delivers, drops or duplicates it. */
    record Deliver(int pick, Fault fault) implements Step {
    }

    /** Node {@code node} runs a whole exchange over a reliable transport, as {@code HttpExchange.sync} does. */
    record Sync(int node) implements Step {
    }

    /** Site {@code site} (0 HQ, else a node as for {@link Edit}) is closed and opened again. */
    record Restart(int site) implements Step {
    }

    /**
     * The edits a site can make; reference data inserts at a node become updates of that reference data.
     * Stock documents are made through the stock services: a receipt, an issue or a transfer is created and
     * posted in one transaction, in a warehouse whose stock the site holds (its own or the shared one); a
     * receive takes in a transfer another site posted into one of its warehouses; a reverse undoes a posted
     * document the site owns. Sales go through the sales services: an order for a customer the site holds,
     * from a warehouse whose stock it holds, is created and confirmed (reserving the goods); an order the site
     * owns is shipped, or invoiced and the invoice issued; a payment of a customer with an issued invoice is
     * allocated to its oldest open invoices. A document a rule refuses (not enough stock) changes nothing.
     */
    enum Action {
        COUNTERPARTY_INSERT, COUNTERPARTY_RENAME, COUNTERPARTY_NOTE, COUNTERPARTY_REASSIGN, COUNTERPARTY_DELETE,
        CONTACT_INSERT, CONTACT_UPDATE, CONTACT_MOVE, CONTACT_DELETE,
        ACTIVITY_INSERT, ACTIVITY_UPDATE, ACTIVITY_REASSIGN,
        CURRENCY_INSERT, CURRENCY_UPDATE, PRODUCT_INSERT, PRODUCT_UPDATE,
        STOCK_RECEIPT, STOCK_ISSUE, STOCK_TRANSFER, STOCK_RECEIVE, STOCK_REVERSE,
        ORDER, SHIP, INVOICE, PAY
    }

    /** What the transport does with a file it takes from the wire. */
    enum Fault {
        /** Delivered once and gone from the wire. */
        DELIVER,
        /** Lost. */
        DROP,
        /** Delivered, and a copy stays on the wire to arrive again later. */
        DUPLICATE,
        /** Delivered with one byte changed or the end cut off; the sender repeats the batch later. */
        DAMAGE
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("network ").append(members).append(", ").append(policies)
                .append(", ").append(steps.size()).append(" steps:");
        for (int i = 0; i < steps.size(); i++) {
            text.append("\n  ").append(i).append(' ').append(steps.get(i));
        }
        return text.toString();
    }
}
