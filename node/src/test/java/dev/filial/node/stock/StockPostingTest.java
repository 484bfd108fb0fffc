package dev.filial.node.stock;

import static dev.filial.node.stock.StockFixture.CLERK;
import static dev.filial.node.stock.StockFixture.posted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Engine;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Posting, refusals, reversal, inventory counts and the derived balances, on both engines. */
class StockPostingTest {

    @TempDir
    Path directory;

    private Node open(Engine engine, String code) throws Exception {
        return TestNodes.create(directory, code, engine, new TestHub(NodeCode.parse(code)));
    }

    static long count(Node node, String sql) {
        return node.database().read(c -> {
            try (PreparedStatement select = c.prepareStatement(sql); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    static List<String> verify(Node node) {
        StockBalances balances = new StockBalances(node.database().dialect());
        return node.database().read(balances::verify);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void receiptsAndIssuesMoveTheLedgerAndTheBalances(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            Map<String, Object> receipt = posted(node, f.document("receipt", "MAIN", "NAIL", "10.5", "BOLT", 40));
            assertThat(receipt).containsEntry("status", "posted").containsEntry("number", "MSK-RC-000001")
                    .containsEntry("owning_branch", "MSK").containsEntry("author", "clerk");
            assertThat((List<Object>) receipt.get("entries")).hasSize(2);
            Map<String, Object> issue = posted(node, f.document("issue", "MAIN", "NAIL", "0.25", "BOLT", 40));
            assertThat(issue).containsEntry("number", "MSK-IS-000001");
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("10.250/0.000");
            assertThat(f.balance(node, "MAIN", "BOLT")).isEqualTo("0.000/0.000");
            assertThat(f.balance(node, "BACK", "NAIL")).isEqualTo("0.000/0.000");
            assertThat(count(node, "SELECT COUNT(*) FROM stock_entry")).isEqualTo(4);
            assertThat(verify(node)).isEmpty();
            // the whole posting is one captured transaction: document, status, entries, audit
            assertThat(count(node, "SELECT COUNT(*) FROM audit_entry WHERE action = 'post'")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void postingBeyondStockIsRefusedAndChangesNothing(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            posted(node, f.document("receipt", "MAIN", "NAIL", 10, "BOLT", 3));
            String draft = (String) node.stock().create(CLERK, f.document("write_off", "MAIN", "NAIL", 4, "BOLT", 5,
                    "GLUE", 1)).get("id");
            long log = count(node, "SELECT COUNT(*) FROM change_log");
            RuleException refused = catchThrowableOfType(RuleException.class, () -> node.stock().post(CLERK, draft));
            assertThat(refused.code()).isEqualTo("negative-stock");
            assertThat(refused.hint()).isNotBlank();
            assertThat(refused.details()).extracting(d -> d.get("sku")).containsExactly("BOLT", "GLUE");
            assertThat(refused.details().get(0)).containsEntry("on_hand", "3.000").containsEntry("requested", "5.000")
                    .containsEntry("warehouse", "MAIN");
            assertThat(node.stock().get(CLERK, draft)).containsEntry("status", "draft");
            assertThat(count(node, "SELECT COUNT(*) FROM change_log")).isEqualTo(log);
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("10.000/0.000");
            assertThat(count(node, "SELECT COUNT(*) FROM stock_entry")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPostedDocumentIsCorrectedByReversalNeverEdited(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            Map<String, Object> receipt = posted(node, f.document("receipt", "MAIN", "NAIL", 10));
            String issue = (String) posted(node, f.document("issue", "MAIN", "NAIL", 6)).get("id");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().update(CLERK, issue,
                    Map.of("note", "changed"))).code()).isEqualTo("not-draft");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().delete(CLERK, issue)).code())
                    .isEqualTo("not-draft");

            Map<String, Object> reversal = node.stock().reverse(CLERK, issue, LocalDate.of(2026, 3, 5));
            assertThat(reversal).containsEntry("reverses_id", issue).containsEntry("status", "posted")
                    .containsEntry("kind", "issue").containsEntry("doc_date", "2026-03-05");
            assertThat(node.stock().get(CLERK, issue)).containsEntry("status", "reversed");
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("10.000/0.000");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().reverse(CLERK, issue, null))
                    .code()).isEqualTo("not-posted");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().reverse(CLERK,
                    (String) reversal.get("id"), null)).code()).isEqualTo("is-reversal");

            // goods received and partly issued cannot be un-received below zero
            posted(node, f.document("issue", "MAIN", "NAIL", 7));
            RuleException refused = catchThrowableOfType(RuleException.class,
                    () -> node.stock().reverse(CLERK, (String) receipt.get("id"), null));
            assertThat(refused.code()).isEqualTo("negative-stock");
            assertThat(node.stock().get(CLERK, (String) receipt.get("id"))).containsEntry("status", "posted");
            // an agent may post but not reverse
            Actor agent = new Actor("agent", Role.AGENT);
            assertThat(catchThrowableOfType(AccessDeniedException.class, () -> node.stock().reverse(agent,
                    (String) receipt.get("id"), null))).isNotNull();
            assertThat(verify(node)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void anInventoryCountPostsTheDifference(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            posted(node, f.document("receipt", "MAIN", "NAIL", 7, "BOLT", 2));
            Map<String, Object> count = posted(node, f.document("inventory", "MAIN", "NAIL", "5.5", "BOLT", 4,
                    "GLUE", 0));
            List<Map<String, Object>> lines = (List<Map<String, Object>>) count.get("lines");
            assertThat(lines).extracting(line -> line.get("quantity")).containsExactly("-1.500", "2.000", "0.000");
            assertThat((List<Object>) count.get("entries")).hasSize(2);
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("5.500/0.000");
            assertThat(f.balance(node, "MAIN", "BOLT")).isEqualTo("4.000/0.000");
            // counted on two places: matched once against the book quantity
            posted(node, f.document("inventory", "MAIN", "NAIL", 2, "NAIL", 1));
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("3.000/0.000");
            assertThat(verify(node)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void transfersMoveBothSidesAtHomeAndWaitForTheOtherBranch(Engine engine) throws Exception {
        try (Node msk = open(engine, "MSK"); Node spb = open(engine, "SPB")) {
            StockFixture f = StockFixture.build(msk);
            posted(msk, f.document("receipt", "MAIN", "BOLT", 10));
            Map<String, Object> home = f.document("transfer", "MAIN", "BOLT", 4);
            home.put("target_warehouse_id", f.id("BACK"));
            posted(msk, home);
            assertThat(f.balance(msk, "MAIN", "BOLT")).isEqualTo("6.000/0.000");
            assertThat(f.balance(msk, "BACK", "BOLT")).isEqualTo("4.000/0.000");

            Map<String, Object> away = f.document("transfer", "MAIN", "BOLT", 5);
            away.put("target_warehouse_id", f.id("SPB-1"));
            String transfer = (String) posted(msk, away).get("id");
            assertThat(f.balance(msk, "MAIN", "BOLT")).isEqualTo("1.000/0.000");
            assertThat(f.balance(msk, "SPB-1", "BOLT")).isEqualTo("0.000/0.000");
            assertThat(catchThrowableOfType(RuleException.class, () -> msk.stock().receive(CLERK, transfer, null))
                    .code()).isEqualTo("not-here");

            // at SPB: the rows as replication brings them (warehouses, product, the posted transfer)
            copy(msk, spb, Schema.WAREHOUSE, Schema.PRODUCT, Schema.STOCK_DOCUMENT, Schema.STOCK_LINE);
            Map<String, Object> receipt = spb.stock().receive(new Actor("spb", Role.MANAGER), transfer,
                    LocalDate.of(2026, 3, 4));
            assertThat(receipt).containsEntry("kind", "receipt").containsEntry("transfer_id", transfer)
                    .containsEntry("status", "posted").containsEntry("warehouse_id", f.id("SPB-1"));
            assertThat(f.balance(spb, "SPB-1", "BOLT")).isEqualTo("5.000/0.000");
            assertThat(catchThrowableOfType(RuleException.class, () -> spb.stock().receive(CLERK, transfer, null))
                    .code()).isEqualTo("already-received");
        }
    }

    /** Copies every row of the tables from one node to the other, as replication would (not re-captured). */
    private static void copy(Node from, Node to, dev.filial.node.store.Table... tables) {
        for (dev.filial.node.store.Table table : tables) {
            Map<String, Map<String, Value>> rows = new java.util.TreeMap<>();
            from.database().read(c -> {
                new dev.filial.node.capture.RowReader(from.database().dialect()).each(c, table, rows::put);
                return null;
            });
            to.writer().write(changes -> {
                rows.forEach((id, row) -> changes.insert(table, id, row));
                return null;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reservationsLeaveLessAvailableAndAShipmentReleasesThem(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            posted(node, f.document("receipt", "MAIN", "GLUE", 7));
            String order = f.order(node);
            Reservations reservations = new Reservations(node.database().dialect());
            node.writer().write(changes -> {
                reservations.reserve(changes, order, f.id("MAIN"), Map.of(f.id("GLUE"), new BigDecimal("6")),
                        StockFixture.DAY);
                return null;
            });
            assertThat(f.balance(node, "MAIN", "GLUE")).isEqualTo("7.000/6.000");
            RuleException more = catchThrowableOfType(RuleException.class, () -> node.writer().write(changes -> {
                reservations.reserve(changes, order, f.id("MAIN"), Map.of(f.id("GLUE"), new BigDecimal("2")),
                        StockFixture.DAY);
                return null;
            }));
            assertThat(more.code()).isEqualTo("insufficient-stock");
            String issue = (String) node.stock().create(CLERK, f.document("issue", "MAIN", "GLUE", 2)).get("id");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().post(CLERK, issue)).code())
                    .isEqualTo("reserved-stock");

            Map<String, Object> shipment = f.document("shipment", "MAIN", "GLUE", 4);
            shipment.put("order_id", order);
            posted(node, shipment);
            assertThat(f.balance(node, "MAIN", "GLUE")).isEqualTo("3.000/2.000");
            node.writer().write(changes -> {
                reservations.releaseAll(changes, order, StockFixture.DAY);
                return null;
            });
            assertThat(f.balance(node, "MAIN", "GLUE")).isEqualTo("3.000/0.000");
            assertThat(node.stock().post(CLERK, issue)).containsEntry("status", "posted");
            assertThat(verify(node)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theClosedPeriodRefusesPostingButAReversalDatedLaterGoesIn(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            String receipt = (String) posted(node, f.document("receipt", "MAIN", "NAIL", 3)).get("id");
            String draft = (String) node.stock().create(CLERK, f.document("receipt", "MAIN", "NAIL", 1)).get("id");
            node.writer().write(changes -> changes.insert(Schema.CLOSED_PERIOD, Map.of("closed_until",
                    Value.of(LocalDate.of(2026, 3, 31)), "closed_by", Value.of("hq"), "closed_at",
                    Value.of(Instant.now()))));
            RuleException closed = catchThrowableOfType(RuleException.class, () -> node.stock().post(CLERK, draft));
            assertThat(closed.code()).isEqualTo("closed-period");
            assertThat(closed.getMessage()).contains("2026-03-31");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.stock().reverse(CLERK, receipt,
                    LocalDate.of(2026, 3, 20))).code()).isEqualTo("closed-period");
            node.stock().reverse(CLERK, receipt, LocalDate.of(2026, 4, 1));
            assertThat(f.balance(node, "MAIN", "NAIL")).isEqualTo("0.000/0.000");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void badDraftsGetOneFieldErrorEachAndNothingIsStored(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            Map<String, Object> json = f.document("issue", "SPB-1", "NAIL", -1, "BOLT", "1.2345");
            json.put("lines", List.of(Map.of("product_id", f.id("NAIL"), "quantity", -1),
                    Map.of("product_id", "no-such-product", "quantity", 1),
                    Map.of("product_id", f.id("BOLT"), "quantity", 1, "colour", "red")));
            json.put("number", "MSK-IS-999999");
            ValidationException invalid = catchThrowableOfType(ValidationException.class,
                    () -> node.stock().create(CLERK, json));
            assertThat(invalid.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("number",
                    "lines[2].colour");
            json.remove("number");
            json.put("lines", List.of(Map.of("product_id", f.id("NAIL"), "quantity", -1),
                    Map.of("product_id", "no-such-product", "quantity", 1)));
            invalid = catchThrowableOfType(ValidationException.class, () -> node.stock().create(CLERK, json));
            assertThat(invalid.errors()).extracting(FieldError::field, FieldError::code).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("warehouse_id", "not-here"),
                    org.assertj.core.groups.Tuple.tuple("lines[0].quantity", "invalid"),
                    org.assertj.core.groups.Tuple.tuple("lines[1].product_id", "not-found"));
            ValidationException kinds = catchThrowableOfType(ValidationException.class, () -> node.stock().create(
                    CLERK, Map.of("kind", "gift", "lines", List.of())));
            assertThat(kinds.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("kind",
                    "warehouse_id", "lines");
            ValidationException shipment = catchThrowableOfType(ValidationException.class, () -> node.stock().create(
                    CLERK, f.document("shipment", "MAIN", "NAIL", 1)));
            assertThat(shipment.errors()).extracting(FieldError::field).containsExactly("order_id");
            assertThat(count(node, "SELECT COUNT(*) FROM stock_document")).isZero();
            // the shared warehouse of HQ is open to every node
            assertThat(posted(node, f.document("receipt", "CENTRAL", "NAIL", 1))).containsEntry("status", "posted");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void balancesOnADateAndTheMovementsOfAProduct(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            posted(node, f.document("receipt", "MAIN", "NAIL", 10));
            Map<String, Object> later = f.document("issue", "MAIN", "NAIL", 4);
            later.put("doc_date", "2026-03-10");
            posted(node, later);
            StockBalances balances = new StockBalances(node.database().dialect());
            BigDecimal before = node.database().read(c -> balances.onHandOn(c, f.id("MAIN"), f.id("NAIL"),
                    LocalDate.of(2026, 3, 9)));
            BigDecimal after = node.database().read(c -> balances.onHandOn(c, f.id("MAIN"), f.id("NAIL"),
                    LocalDate.of(2026, 3, 10)));
            assertThat(before).isEqualByComparingTo("10");
            assertThat(after).isEqualByComparingTo("6");
            List<Map<String, Object>> moves = node.database().read(c -> balances.movements(c, f.id("NAIL"),
                    java.util.Optional.empty(), java.util.Optional.empty()));
            assertThat(moves).extracting(m -> m.get("number") + " " + m.get("quantity") + " " + m.get("balance"))
                    .containsExactly("MSK-RC-000001 10.000 10.000", "MSK-IS-000001 -4.000 6.000");
            // a period counts its balances back from now
            List<Map<String, Object>> since = node.database().snapshot(c -> balances.movements(c, f.id("NAIL"),
                    java.util.Optional.of(f.id("MAIN")), java.util.Optional.of(LocalDate.of(2026, 3, 5))));
            assertThat(since).extracting(m -> m.get("date") + " " + m.get("quantity") + " " + m.get("balance"))
                    .containsExactly("2026-03-10 -4.000 6.000");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSummaryFollowsTheLedgerWhateverWritesIt(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            Map<String, Object> receipt = posted(node, f.document("receipt", "MAIN", "NAIL", "2.125", "BOLT", 3));
            @SuppressWarnings("unchecked")
            String entry = (String) ((List<Map<String, Object>>) receipt.get("entries")).get(0).get("id");
            // an incoming change that rewrites an entry, and a scope eviction that deletes one
            node.writer().write(changes -> changes.update(Schema.STOCK_ENTRY, entry,
                    Map.of("quantity", Value.of(new BigDecimal("0.001")))));
            assertThat(verify(node)).isEmpty();
            node.writer().write(changes -> {
                changes.delete(Schema.STOCK_ENTRY, entry);
                return null;
            });
            assertThat(verify(node)).isEmpty();
            assertThat(count(node, "SELECT COUNT(*) FROM stock_balance")).isEqualTo(2);
            // what the ledger names stays: the product is deactivated, not deleted
            RuleException recorded = catchThrowableOfType(RuleException.class, () -> node.entities().delete(
                    new Actor("admin", Role.ADMIN), "products", f.id("BOLT")));
            assertThat(recorded.code()).isEqualTo("recorded");
            assertThat(recorded.getMessage()).contains("stock_line");
            node.entities().delete(new Actor("admin", Role.ADMIN), "products", f.id("GLUE"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anotherBranchsWarehouseIsChangedOrDeletedOnlyByItOrHq(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            StockFixture f = StockFixture.build(node);
            Actor admin = new Actor("admin", Role.ADMIN);
            ValidationException shared = catchThrowableOfType(ValidationException.class, () -> node.entities()
                    .update(admin, "warehouses", f.id("SPB-1"), Map.of("shared", true), false));
            assertThat(shared.errors()).extracting(FieldError::code).containsExactly("not-yours");
            RuleException deleted = catchThrowableOfType(RuleException.class, () -> node.entities().delete(admin,
                    "warehouses", f.id("SPB-1")));
            assertThat(deleted.code()).isEqualTo("not-yours");
            assertThat(node.entities().update(admin, "warehouses", f.id("BACK"), Map.of("name", "Back room"), false))
                    .containsEntry("name", "Back room");
            // quantities stay where the summary adds them exactly
            ValidationException huge = catchThrowableOfType(ValidationException.class, () -> node.stock().create(
                    CLERK, f.document("receipt", "MAIN", "NAIL", "9007199254740.993")));
            assertThat(huge.errors()).extracting(FieldError::field, FieldError::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("lines[0].quantity", "invalid"));
        }
    }
}
