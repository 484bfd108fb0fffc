package dev.filial.hq.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.hq.cli.HqCommand;
import dev.filial.hq.consolidation.Conflict;
import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.document.RuleException;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Business rules at HQ over stock that two nodes issued from a shared warehouse, and over documents that
 * reach HQ dated in the closed period: logged with their documents, settled by rule or by an operator, and
 * the outcome reaches the nodes.
 */
class BusinessConflictsTest {

    private static final Actor CLERK = new Actor("clerk", Role.MANAGER);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path directory;

    private Network network;
    private String warehouse;
    private String bolt;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    /** HQ with a shared warehouse holding 10 bolts, and two nodes that have synced it. */
    private List<Node> start(String hqYml) throws Exception {
        network = Network.start(directory, hqYml);
        Hub hub = network.hub();
        warehouse = hub.write(changes -> changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of("CENTRAL"),
                "name", Value.of("Central"), "owning_branch", Value.of("HQ"), "shared", Value.of(true),
                "active", Value.of(true))));
        bolt = hub.write(changes -> changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("BOLT"), "name",
                Value.of("Bolt"), "unit", Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20")), "kind",
                Value.of("goods"), "active", Value.of(true))));
        post(hub.node(), "receipt", 10, DAY);
        Node msk = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
        Node spb = network.join("SPB", "Petersburg", "branch", Engine.DERBY);
        network.sync(msk);
        network.sync(spb);
        assertThat(onHand(msk)).isEqualTo("10.000");
        assertThat(onHand(spb)).isEqualTo("10.000");
        return List.of(msk, spb);
    }

    private String post(Node node, String kind, int quantity, LocalDate date) {
        Map<String, Object> json = Map.of("kind", kind, "warehouse_id", warehouse, "doc_date", date.toString(),
                "lines", List.of(Map.of("product_id", bolt, "quantity", quantity)));
        String id = (String) node.stock().create(CLERK, json).get("id");
        node.stock().post(CLERK, id);
        return id;
    }

    private String onHand(Node node) {
        StockBalances balances = new StockBalances(node.database().dialect());
        return node.database().read(c -> balances.of(c, warehouse, List.of(bolt))).get(bolt).onHand().toPlainString();
    }

    private static List<String> verify(Node node) {
        StockBalances balances = new StockBalances(node.database().dialect());
        return node.database().read(balances::verify);
    }

    private List<Conflict> entries(String kind) {
        return network.hub().conflicts().list(null, 50).stream().filter(c -> c.kind().equals(kind)).toList();
    }

    @Test
    void sharedStockIssuedTwiceIsLoggedAndTheOperatorsReversalReachesBothNodes() throws Exception {
        List<Node> nodes = start(null);
        Node msk = nodes.get(0);
        Node spb = nodes.get(1);
        String first = post(msk, "issue", 7, DAY.plusDays(1));
        String second = post(spb, "issue", 6, DAY.plusDays(1));
        network.sync(msk);
        assertThat(entries("negative-stock")).isEmpty();
        network.sync(spb);

        List<Conflict> logged = entries("negative-stock");
        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(Conflict.OPEN);
            assertThat(entry.rowId()).isEqualTo(second);
            assertThat(entry.incomingOrigin()).isEqualTo("SPB");
            assertThat(entry.note()).contains("BOLT", "CENTRAL", "-3.000");
        });
        JsonNode subject = new ObjectMapper().readTree(logged.get(0).incomingValue());
        assertThat(subject.path("documents").findValuesAsText("owning_branch")).containsExactly("MSK", "SPB");
        assertThat(onHand(network.hub().node())).isEqualTo("-3.000");

        // an operator reverses: the document that arrived last goes first
        String id = logged.get(0).id();
        network.hub().node().users().put("olga", "Olga", Role.MANAGER, "operator-secret-1".toCharArray());
        try (HttpClient client = HttpClient.create(network.url())) {
            Map<?, ?> settled = client.toBlocking().retrieve(HttpRequest.POST("/api/conflicts/" + id + "/settle",
                    Map.of("action", "reverse")).basicAuth("olga", "operator-secret-1"), Map.class);
            assertThat(settled.get("status")).isEqualTo("decided");
            assertThat(settled.get("decision")).isEqualTo("reversed");
            assertThat(settled.get("decidedBy")).isEqualTo("olga");
        }
        assertThat(onHand(network.hub().node())).isEqualTo("3.000");
        network.sync(spb);
        network.sync(msk);
        for (Node node : nodes) {
            assertThat(onHand(node)).as(node.config().code().toString()).isEqualTo("3.000");
            assertThat(node.stock().get(CLERK, second)).containsEntry("status", "reversed");
            assertThat(node.stock().get(CLERK, first)).containsEntry("status", "posted");
            assertThat(network.scopeDifferences(node)).isEmpty();
            assertThat(verify(node)).isEmpty();
        }
        assertThat(verify(network.hub().node())).isEmpty();
        // settled once: a second decision is refused
        assertThat(HqCommand.run("conflicts", "settle", id, "accept", "--home",
                directory.resolve("hq").toString())).isNotZero();
    }

    @Test
    void theReverseRuleUndoesTheLaterIssueAtOnce() throws Exception {
        List<Node> nodes = start("business:\n  negativeStock: reverse\n");
        Node msk = nodes.get(0);
        Node spb = nodes.get(1);
        post(msk, "issue", 4, DAY.plusDays(1));
        String later = post(spb, "issue", 8, DAY.plusDays(2));
        network.sync(msk);
        network.sync(spb);
        Conflict entry = entries("negative-stock").get(0);
        assertThat(entry.status()).isEqualTo(Conflict.DECIDED);
        assertThat(entry.decidedBy()).isEqualTo("rule");
        assertThat(entry.note()).contains("reversed");
        network.sync(spb);
        network.sync(msk);
        assertThat(spb.stock().get(CLERK, later)).containsEntry("status", "reversed");
        assertThat(onHand(spb)).isEqualTo("6.000");
        assertThat(onHand(msk)).isEqualTo("6.000");
    }

    @Test
    void aDocumentDatedInTheClosedPeriodIsFlaggedAndTheOperatorMayReverseIt() throws Exception {
        List<Node> nodes = start(null);
        Node msk = nodes.get(0);
        // offline, MSK posts a receipt dated March 5th; meanwhile HQ closes March
        String late = post(msk, "receipt", 2, DAY.plusDays(3));
        network.hub().write(changes -> changes.insert(Schema.CLOSED_PERIOD, Map.of("closed_until",
                Value.of(LocalDate.of(2026, 3, 31)), "closed_by", Value.of("hq"), "closed_at",
                Value.of(Instant.now()))));
        network.sync(msk);
        Conflict entry = entries("closed-period").get(0);
        assertThat(entry.status()).isEqualTo(Conflict.OPEN);
        assertThat(entry.rowId()).isEqualTo(late);
        assertThat(entry.note()).contains("2026-03-05", "2026-03-31");
        // the node now knows the close and refuses a new posting in it
        RuleException closed = catchThrowableOfType(RuleException.class, () -> post(msk, "receipt", 1, DAY));
        assertThat(closed.code()).isEqualTo("closed-period");

        Conflict settled = new dev.filial.hq.review.ConflictReview(network.hub()).settle(entry.id(), "reverse",
                new Actor("olga", Role.ADMIN));
        assertThat(settled.decision()).isEqualTo("reversed");
        assertThat(settled.note()).contains("2026-04-01");
        network.sync(msk);
        assertThat(msk.stock().get(CLERK, late)).containsEntry("status", "reversed");
        assertThat(onHand(msk)).isEqualTo("10.000");
        assertThat(network.scopeDifferences(msk)).isEmpty();
    }

    @Test
    void aDocumentReversedBothByItsNodeAndByHqIsCorrectedOnce() throws Exception {
        List<Node> nodes = start(null);
        Node msk = nodes.get(0);
        Node spb = nodes.get(1);
        post(msk, "issue", 7, DAY.plusDays(1));
        String second = post(spb, "issue", 6, DAY.plusDays(1));
        network.sync(msk);
        network.sync(spb);
        Conflict negative = entries("negative-stock").get(0);
        // HQ reverses SPB's issue while SPB, offline, reverses it too
        new dev.filial.hq.review.ConflictReview(network.hub()).settle(negative.id(), "reverse",
                new Actor("olga", Role.ADMIN));
        spb.stock().reverse(CLERK, second, DAY.plusDays(2));
        assertThat(onHand(spb)).isEqualTo("3.000"); // -3 as synced, and its own reversal
        network.sync(spb);

        Conflict twice = entries("double-reversal").get(0);
        assertThat(twice.status()).isEqualTo(Conflict.DECIDED);
        assertThat(twice.incomingOrigin()).isEqualTo("SPB");
        assertThat(twice.note()).contains("undid");
        assertThat(onHand(network.hub().node())).isEqualTo("3.000");
        network.sync(spb);
        network.sync(msk);
        for (Node node : nodes) {
            assertThat(onHand(node)).as(node.config().code().toString()).isEqualTo("3.000");
            assertThat(network.scopeDifferences(node)).isEmpty();
            assertThat(verify(node)).isEmpty();
        }
    }

    @Test
    void ordersFromABranchAndItsAgentOverTheCreditLimitPutTheLaterOnHoldUntilReleased() throws Exception {
        network = Network.start(directory, null);
        Hub hub = network.hub();
        String customer = customer(hub);
        Node msk = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
        Node agent = network.join("AG1", "Agent", "agent", Engine.DERBY);
        // each stays within 1,000 on its own: 6 x 120 = 720 and 5 x 120 = 600
        String first = order(msk, customer, 6);
        String second = order(agent, customer, 5);
        network.sync(msk);
        network.sync(agent);

        Conflict entry = entries("credit-limit").get(0);
        assertThat(entry.rowId()).isEqualTo(second);
        assertThat(entry.decision()).isEqualTo("held");
        assertThat(entry.decidedBy()).isEqualTo("rule");
        assertThat(entry.note()).contains("Kama Steel", "1320.00", "1000.00");
        JsonNode subject = new ObjectMapper().readTree(entry.incomingValue());
        assertThat(subject.path("orders").findValuesAsText("owning_branch")).containsExactlyInAnyOrder("MSK", "AG1");
        network.sync(agent);
        assertThat(agent.sales().get(CLERK, second)).containsEntry("status", "on_hold");
        assertThat(catchThrowableOfType(RuleException.class, () -> agent.sales().ship(CLERK, second, Map.of()))
                .code()).isEqualTo("on-hold");
        assertThat(msk.sales().get(CLERK, first)).containsEntry("status", "confirmed");

        // an operator may still release it; the release reaches the agent
        Conflict decided = new dev.filial.hq.review.ConflictReview(hub).settle(entry.id(), "release",
                new Actor("olga", Role.ADMIN));
        assertThat(decided.status()).isEqualTo(Conflict.DECIDED);
        network.sync(agent);
        assertThat(agent.sales().get(CLERK, second)).containsEntry("status", "confirmed");
        network.sync(msk);
        assertThat(msk.sales().get(CLERK, second)).containsEntry("status", "confirmed");
        assertThat(network.scopeDifferences(agent)).isEmpty();
        assertThat(network.scopeDifferences(msk)).isEmpty();
    }

    private String order(Node node, String customer, int quantity) {
        Map<String, Object> json = Map.of("kind", "order", "counterparty_id", customer, "currency", "EUR",
                "doc_date", DAY.toString(), "lines", List.of(Map.of("product_id", bolt, "quantity", quantity)));
        String id = (String) node.sales().create(CLERK, json).get("id");
        node.sales().confirm(CLERK, id);
        return id;
    }

    /** EUR, a retail price of 100 EUR for bolts, and Kama Steel (MSK's, agent AG1, credit limit 1,000). */
    private String customer(Hub hub) {
        return hub.write(changes -> {
            changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"),
                    "minor_units", Value.of(2)));
            String retail = changes.insert(Schema.PRICE_TYPE, Map.of("code", Value.of("RETAIL"), "name",
                    Value.of("Retail"), "is_default", Value.of(true)));
            bolt = changes.insert(Schema.PRODUCT, Map.of("sku", Value.of("BOLT"), "name", Value.of("Bolt"), "unit",
                    Value.of("pcs"), "vat_rate", Value.of(new BigDecimal("20")), "kind", Value.of("goods"),
                    "active", Value.of(true)));
            changes.insert(Schema.PRICE, Map.of("product_id", Value.of(bolt), "price_type_id", Value.of(retail),
                    "currency", Value.of("EUR"), "amount", Value.of(new BigDecimal("100")), "valid_from",
                    Value.of(DAY)));
            return changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"), "name",
                    Value.of("Kama Steel"), "owning_branch", Value.of("MSK"), "agent", Value.of("AG1"),
                    "credit_limit", Value.of(new BigDecimal("1000")), "active", Value.of(true)));
        });
    }

    @Test
    void oneInvoicePaidAtTwoNodesKeepsTheSecondPaymentAsAnAdvance() throws Exception {
        network = Network.start(directory, null);
        String customer = customer(network.hub());
        Node msk = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
        Node agent = network.join("AG1", "Agent", "agent", Engine.SQLITE);
        String order = order(msk, customer, 2);
        String invoice = (String) msk.sales().invoice(CLERK, order, Map.of()).get("id");
        msk.sales().issue(CLERK, invoice);
        network.sync(msk);
        network.sync(agent);
        // the customer pays the branch; the agent, offline, also records the payment against the invoice
        Map<String, Object> payment = Map.of("counterparty_id", customer, "method", "bank", "amount", "240.00",
                "currency", "EUR");
        msk.payments().create(CLERK, payment);
        String second = (String) agent.payments().create(CLERK, payment).get("id");
        network.sync(msk);
        network.sync(agent);

        Conflict entry = entries("over-allocation").get(0);
        assertThat(entry.status()).isEqualTo(Conflict.DECIDED);
        assertThat(entry.incomingOrigin()).isEqualTo("AG1");
        assertThat(entry.note()).contains("480.00", "240.00", "AG1-PM-000001");
        network.sync(agent);
        network.sync(msk);
        for (Node node : List.of(msk, agent)) {
            assertThat(node.sales().get(CLERK, invoice)).containsEntry("paid", "240.00")
                    .containsEntry("outstanding", "0.00");
            assertThat(network.scopeDifferences(node)).isEmpty();
        }
        assertThat(agent.payments().get(CLERK, second)).containsEntry("status", "posted");
    }

    /** A warehouse of {@code branch} written at HQ; returns its id. */
    private String branchWarehouse(String code, String branch) {
        return network.hub().write(changes -> changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of(code),
                "name", Value.of(code), "owning_branch", Value.of(branch), "shared", Value.of(false), "active",
                Value.of(true))));
    }

    private String transfer(Node from, String source, String target, int quantity) {
        Map<String, Object> json = Map.of("kind", "transfer", "warehouse_id", source, "target_warehouse_id", target,
                "doc_date", DAY.plusDays(1).toString(), "lines", List.of(Map.of("product_id", bolt, "quantity",
                        quantity)));
        String id = (String) from.stock().create(CLERK, json).get("id");
        from.stock().post(CLERK, id);
        return id;
    }

    private String stockOf(Node node, String warehouseId) {
        StockBalances balances = new StockBalances(node.database().dialect());
        return node.database().read(c -> balances.of(c, warehouseId, List.of(bolt))).get(bolt).onHand()
                .toPlainString();
    }

    @Test
    void aTransferReceivedAtItsBranchCannotBeReversedByItsSenderAndARaceIsUndoneAtHq() throws Exception {
        List<Node> nodes = start(null);
        Node msk = nodes.get(0);
        Node spb = nodes.get(1);
        String mskStore = branchWarehouse("MSK-W", "MSK");
        String spbStore = branchWarehouse("SPB-W", "SPB");
        network.hub().write(changes -> {
            String receipt = network.hub().node().stock().createDraft(changes, CLERK, Map.of("kind",
                    Value.of("receipt"), "warehouse_id", Value.of(mskStore), "doc_date", Value.of(DAY)),
                    List.of(Map.of("product_id", Value.of(bolt), "quantity", Value.of(new BigDecimal("10")))));
            network.hub().node().stock().post(changes, CLERK, receipt);
            return null;
        });
        network.sync(msk);
        network.sync(spb);
        // received, then synced: the sender sees the receipt and may no longer reverse
        String first = transfer(msk, mskStore, spbStore, 4);
        network.sync(msk);
        network.sync(spb);
        spb.stock().receive(CLERK, first, DAY.plusDays(2));
        network.sync(spb);
        network.sync(msk);
        assertThat(catchThrowableOfType(RuleException.class, () -> msk.stock().reverse(CLERK, first, null)).code())
                .isEqualTo("already-received");

        // both offline: the sender reverses while the branch receives; HQ undoes the reversal
        String second = transfer(msk, mskStore, spbStore, 3);
        network.sync(msk);
        network.sync(spb);
        spb.stock().receive(CLERK, second, DAY.plusDays(3));
        msk.stock().reverse(CLERK, second, DAY.plusDays(3));
        network.sync(msk);
        network.sync(spb);
        Conflict entry = entries("reversed-after-receipt").get(0);
        assertThat(entry.status()).isEqualTo(Conflict.DECIDED);
        assertThat(entry.rowId()).isEqualTo(second);
        network.sync(msk);
        network.sync(spb);
        for (Node node : nodes) {
            assertThat(node.stock().get(CLERK, second)).containsEntry("status", "posted");
            assertThat(network.scopeDifferences(node)).isEmpty();
            assertThat(verify(node)).isEmpty();
        }
        assertThat(stockOf(msk, mskStore)).isEqualTo("3.000");
        assertThat(stockOf(spb, spbStore)).isEqualTo("7.000");
        assertThat(stockOf(network.hub().node(), mskStore)).isEqualTo("3.000");
    }

    @Test
    void aReversalOrAShipmentAfterTheCloseOfAnEarlierDocumentIsNoClosedPeriodChange() throws Exception {
        List<Node> nodes = start(null);
        Node msk = nodes.get(0);
        String issue = post(msk, "issue", 2, DAY);
        network.sync(msk);
        network.hub().write(changes -> changes.insert(Schema.CLOSED_PERIOD, Map.of("closed_until",
                Value.of(LocalDate.of(2026, 3, 31)), "closed_by", Value.of("hq"), "closed_at",
                Value.of(Instant.now()))));
        network.sync(msk);
        msk.stock().reverse(CLERK, issue, LocalDate.of(2026, 4, 2));
        network.sync(msk);
        assertThat(entries("closed-period")).isEmpty();
        assertThat(onHand(network.hub().node())).isEqualTo("10.000");
    }

    @Test
    void theChecksDecodeOnlyTransactionsThatNameTheirTables() {
        byte[] counterparty = "{\"table\":\"counterparty\",\"new\":{\"payment_days\":30}}".getBytes();
        byte[] payment = "{\"table\":\"payment\",\"new\":{\"amount\":\"1.00\"}}".getBytes();
        assertThat(BusinessChecks.mentionsDocuments(counterparty)).isFalse();
        assertThat(BusinessChecks.mentionsDocuments(payment)).isTrue();
    }
}
