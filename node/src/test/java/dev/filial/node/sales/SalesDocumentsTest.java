package dev.filial.node.sales;

import static dev.filial.node.sales.SalesFixture.ADMIN;
import static dev.filial.node.sales.SalesFixture.AGENT;
import static dev.filial.node.sales.SalesFixture.MANAGER;
import static dev.filial.node.sales.SalesFixture.VIEWER;
import static dev.filial.node.sales.SalesFixture.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.AccessDeniedException;
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
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quotes, orders and invoices on a real node: pricing, discount limits, transitions, stock and credit. */
class SalesDocumentsTest {

    @TempDir
    Path directory;

    private Node open(Engine engine, String code) throws Exception {
        return TestNodes.create(directory, code, engine, new TestHub(NodeCode.parse(code)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> document) {
        return (List<Map<String, Object>>) document.get("lines");
    }

    private static String id(Map<String, Object> row) {
        return (String) row.get("id");
    }

    private static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ordersAreRuleDiscountedAndConvertedExactlyOnTheirDate(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> order = f.draft(AGENT, "order", f.baumarkt, "2025-06-15", "usd",
                    List.of(line(f.drill, "3"), line(f.gloves, "10")));

            // USD is 0.90 EUR from 2025-06-01; BAUMARKT's rule gives 12.5 %.
            // DRILL: list 120 / 0.9 = 133.33333 -> 133.3333; price 120 x 87.5 / 90 = 116.66667 -> 116.6667;
            //        net 116.6667 x 3 = 350.0001 -> 350.00; VAT 20 % 70.00; gross 420.00
            // GLOVES: list 8.99 / 0.9 = 9.98888 -> 9.9889; price 8.99 x 87.5 / 90 = 8.74028 -> 8.7403;
            //        net 87.403 -> 87.40; VAT 17.48; gross 104.88
            assertThat(order).containsEntry("number", "MSK-OR-000001").containsEntry("status", "draft")
                    .containsEntry("currency", "USD").containsEntry("owning_branch", "MSK")
                    .containsEntry("manager", "andrei");
            assertThat(lines(order).get(0)).containsEntry("list_price", "133.3333").containsEntry("discount", "12.50")
                    .containsEntry("price", "116.6667").containsEntry("quantity", "3.000")
                    .containsEntry("vat_rate", "20.00").containsEntry("net", "350.00").containsEntry("vat", "70.00")
                    .containsEntry("gross", "420.00");
            assertThat(lines(order).get(1)).containsEntry("list_price", "9.9889").containsEntry("price", "8.7403")
                    .containsEntry("net", "87.40").containsEntry("vat", "17.48").containsEntry("gross", "104.88");
            assertThat(order).containsEntry("net", "437.40").containsEntry("vat", "87.48")
                    .containsEntry("gross", "524.88");

            // in May the rate is 0.80: DRILL price 120 x 87.5 / 80 = 131.25 exactly; net 393.75
            Map<String, Object> may = node.sales().update(AGENT, id(order), Map.of("doc_date", "2025-05-15"));
            assertThat(lines(may).get(0)).containsEntry("price", "131.2500").containsEntry("net", "393.75");
            assertThat(node.sales().get(VIEWER, id(order))).containsEntry("doc_date", "2025-05-15");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void manualDiscountsStayWithinTheRolesLimit(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            node.entities().create(ADMIN, "discount-limits", Map.of("role", "agent", "max_percent", "15"), false);

            // within the agent's 15 %: 120 x 85 / 100 = 102.0000
            Map<String, Object> within = f.draft(AGENT, "quote", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1", "15")));
            assertThat(lines(within).get(0)).containsEntry("discount", "15.00").containsEntry("price", "102.0000");
            assertThat(within).containsEntry("number", "MSK-QT-000001");

            Map<String, Long> before = f.counts();
            ValidationException beyond = catchThrowableOfType(ValidationException.class, () -> f.draft(AGENT, "quote",
                    f.baumarkt, "2025-06-15", "EUR", List.of(line(f.gloves, "1"), line(f.drill, "1", "15.01"))));
            assertThat(beyond.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("lines[1].discount");
                assertThat(error.code()).isEqualTo("over-limit");
            });
            // a manager has no limit row: nothing beyond the rule's 12.5 %, less is allowed
            ValidationException manager = catchThrowableOfType(ValidationException.class, () -> f.draft(MANAGER,
                    "quote", f.baumarkt, "2025-06-15", "EUR", List.of(line(f.drill, "1", "13"))));
            assertThat(fields(manager)).containsExactly("lines[0].discount");
            assertThat(f.counts()).isEqualTo(before);
            assertThat(lines(f.draft(MANAGER, "quote", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1", "12.5")))).get(0)).containsEntry("price", "105.0000");
            assertThat(lines(f.draft(MANAGER, "quote", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1", "5")))).get(0)).containsEntry("price", "114.0000");
            // an admin may give any discount
            assertThat(lines(f.draft(ADMIN, "quote", f.jan, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1", "50")))).get(0)).containsEntry("price", "60.0000");
            // viewers only read
            catchThrowableOfType(AccessDeniedException.class, () -> f.draft(VIEWER, "quote", f.jan, "2025-06-15",
                    "EUR", List.of(line(f.drill, "1"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void quoteBecomesAnOrderWithItsLines(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> quote = f.draft(AGENT, "quote", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "2")));
            RuleException early = catchThrowableOfType(RuleException.class,
                    () -> node.sales().accept(AGENT, id(quote)));
            assertThat(early.code()).isEqualTo("wrong-status");
            assertThat(node.sales().send(AGENT, id(quote))).containsEntry("status", "sent");
            assertThat(node.sales().accept(AGENT, id(quote))).containsEntry("status", "accepted");
            Map<String, Object> order = node.sales().order(AGENT, id(quote), Map.of("doc_date", "2025-06-16"));
            assertThat(order).containsEntry("kind", "order").containsEntry("base_id", id(quote))
                    .containsEntry("status", "draft").containsEntry("doc_date", "2025-06-16")
                    .containsEntry("gross", quote.get("gross"));
            assertThat(lines(order).get(0)).containsEntry("price", lines(quote).get(0).get("price"));
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().order(AGENT, id(quote),
                    Map.of())).code()).isEqualTo("already-ordered");
            // a quote cannot be confirmed; an order cannot be sent
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().confirm(AGENT, id(quote)))
                    .code()).isEqualTo("wrong-kind");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().send(AGENT, id(order)))
                    .code()).isEqualTo("wrong-kind");
            Map<String, Object> other = f.draft(AGENT, "quote", f.jan, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1")));
            node.sales().send(AGENT, id(other));
            assertThat(node.sales().reject(AGENT, id(other))).containsEntry("status", "rejected");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void confirmingReservesStockAndCancellingReleasesIt(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            f.receive(f.drill, "10");
            Map<String, Object> order = node.sales().create(AGENT, Map.of("kind", "order", "counterparty_id", f.jan,
                    "doc_date", "2025-06-15", "warehouse_id", f.main, "lines", List.of(line(f.drill, "4"))));
            Map<String, Object> confirmed = node.sales().confirm(AGENT, id(order));
            assertThat(confirmed).containsEntry("status", "confirmed").containsEntry("reserved", true);
            assertThat(f.balance(f.drill).available()).isEqualByComparingTo("6");
            assertThat(f.balance(f.drill).onHand()).isEqualByComparingTo("10");

            // not a draft any more: it cannot be changed or deleted
            Map<String, Long> before = f.counts();
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().update(AGENT, id(order),
                    Map.of("note", "x"))).code()).isEqualTo("not-draft");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().delete(AGENT, id(order)))
                    .code()).isEqualTo("not-draft");
            assertThat(f.counts()).isEqualTo(before);

            assertThat(node.sales().cancel(AGENT, id(order))).containsEntry("status", "cancelled");
            assertThat(f.balance(f.drill).available()).isEqualByComparingTo("10");
            assertThat(f.balance(f.drill).reserved()).isEqualByComparingTo("0");

            // more than is available: refused, nothing reserved, still a draft
            Map<String, Object> big = node.sales().create(AGENT, Map.of("kind", "order", "counterparty_id", f.jan,
                    "doc_date", "2025-06-15", "warehouse_id", f.main, "lines", List.of(line(f.drill, "11"))));
            Map<String, Long> counts = f.counts();
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().confirm(AGENT, id(big))).code())
                    .isEqualTo("insufficient-stock");
            assertThat(f.counts()).isEqualTo(counts);
            assertThat(node.sales().get(AGENT, id(big))).containsEntry("status", "draft");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shippingIssuesStockAndReleasesTheReservation(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            f.receive(f.drill, "10");
            Map<String, Object> order = node.sales().create(AGENT, Map.of("kind", "order", "counterparty_id", f.jan,
                    "doc_date", "2025-06-15", "warehouse_id", f.main, "lines", List.of(line(f.drill, "4"))));
            node.sales().confirm(AGENT, id(order));

            Map<String, Object> part = node.sales().ship(AGENT, id(order), Map.of("doc_date", "2025-06-16",
                    "lines", List.of(line(f.drill, "1"))));
            assertThat(part).containsEntry("status", "confirmed");
            Map<String, Object> shipment = node.stock().get(AGENT, (String) part.get("shipment"));
            assertThat(shipment).containsEntry("kind", "shipment").containsEntry("status", "posted")
                    .containsEntry("order_id", id(order)).containsEntry("number", "MSK-SH-000001");
            assertThat(f.balance(f.drill).onHand()).isEqualByComparingTo("9");
            assertThat(f.balance(f.drill).reserved()).isEqualByComparingTo("3");

            ValidationException over = catchThrowableOfType(ValidationException.class, () -> node.sales().ship(AGENT,
                    id(order), Map.of("lines", List.of(line(f.drill, "4")))));
            assertThat(fields(over)).containsExactly("lines[0].quantity");

            Map<String, Object> rest = node.sales().ship(AGENT, id(order), Map.of("doc_date", "2025-06-17"));
            assertThat(rest).containsEntry("status", "shipped");
            assertThat(f.balance(f.drill).onHand()).isEqualByComparingTo("6");
            assertThat(f.balance(f.drill).reserved()).isEqualByComparingTo("0");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().ship(AGENT, id(order), Map.of()))
                    .code()).isEqualTo("wrong-status");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().cancel(AGENT, id(order)))
                    .code()).isEqualTo("wrong-status");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shippingMoreThanOnHandAndHeldOrdersAreRefused(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            f.receive(f.drill, "10");
            // no warehouse on the order: confirmed without reserving
            Map<String, Object> order = f.draft(AGENT, "order", f.jan, "2025-06-15", "EUR",
                    List.of(line(f.drill, "12")));
            Map<String, Object> confirmed = node.sales().confirm(AGENT, id(order));
            assertThat(confirmed).containsEntry("reserved", false);
            assertThat((String) confirmed.get("note")).contains("no warehouse");

            Map<String, Long> before = f.counts();
            ValidationException where = catchThrowableOfType(ValidationException.class,
                    () -> node.sales().ship(AGENT, id(order), Map.of()));
            assertThat(fields(where)).containsExactly("warehouse_id");
            RuleException negative = catchThrowableOfType(RuleException.class, () -> node.sales().ship(AGENT,
                    id(order), Map.of("warehouse_id", f.main, "doc_date", "2025-06-16")));
            assertThat(negative.code()).isEqualTo("negative-stock");
            assertThat(f.counts()).isEqualTo(before);
            assertThat(f.balance(f.drill).onHand()).isEqualByComparingTo("10");
            assertThat(node.sales().get(AGENT, id(order))).containsEntry("status", "confirmed");

            // HQ put the order on hold: it does not ship
            node.writer().write(c -> c.update(Schema.SALES_DOCUMENT, id(order), Map.of("status", Value.of("on_hold"))));
            RuleException held = catchThrowableOfType(RuleException.class, () -> node.sales().ship(AGENT, id(order),
                    Map.of("warehouse_id", f.main, "lines", List.of(line(f.drill, "1")))));
            assertThat(held.code()).isEqualTo("on-hold");
            assertThat(held.hint()).contains("HQ");
            assertThat(f.balance(f.drill).onHand()).isEqualByComparingTo("10");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void creditLimitCountsOpenOrdersAndOutstandingInvoices(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            // BAUMARKT's limit is 1000 EUR. An order of 4 drills: 4 x 105.00 = 420.00 + 84.00 VAT = 504.00
            Map<String, Object> first = f.draft(AGENT, "order", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "4")));
            assertThat(first).containsEntry("gross", "504.00");
            node.sales().confirm(AGENT, id(first));
            // invoiced and issued: it counts once, as an outstanding invoice
            Map<String, Object> invoice = node.sales().invoice(AGENT, id(first), Map.of("doc_date", "2025-06-15"));
            node.sales().issue(AGENT, id(invoice));
            // an order in USD of 3 drills: 3 x 116.6667 = 350.00 + 70.00 = 420.00 USD = 378.00 EUR; 882.00 in all
            Map<String, Object> second = f.draft(AGENT, "order", f.baumarkt, "2025-06-15", "USD",
                    List.of(line(f.drill, "3")));
            node.sales().confirm(AGENT, id(second));
            CustomerExposure.Exposure exposure = node.database().read(c -> new CustomerExposure(node.database())
                    .of(c, f.baumarkt, "EUR", LocalDate.of(2025, 6, 15)));
            assertThat(exposure.outstanding()).isEqualByComparingTo("504.00");
            assertThat(exposure.openOrders()).isEqualByComparingTo("378.00");
            assertThat(exposure.limit()).isEqualByComparingTo("1000.00");

            // 1 drill more: 126.00 -> 1008.00 > 1000
            Map<String, Object> third = f.draft(AGENT, "order", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1")));
            Map<String, Long> before = f.counts();
            RuleException refused = catchThrowableOfType(RuleException.class,
                    () -> node.sales().confirm(AGENT, id(third)));
            assertThat(refused.code()).isEqualTo("credit-limit");
            assertThat(refused.getMessage()).contains("1000.00").contains("882.00").contains("126.00");
            assertThat(refused.details()).singleElement().satisfies(detail -> assertThat(detail)
                    .containsEntry("credit_limit", "1000.00").containsEntry("exposure", "882.00")
                    .containsEntry("gross", "126.00"));
            assertThat(f.counts()).isEqualTo(before);
            assertThat(node.sales().get(AGENT, id(third))).containsEntry("status", "draft");

            // a payment of 10.00 makes room: 872.00 + 126.00 = 998.00
            node.payments().create(AGENT, Map.of("counterparty_id", f.baumarkt, "paid_on", "2025-06-20",
                    "method", "bank", "amount", "10", "currency", "EUR"));
            assertThat(node.sales().confirm(AGENT, id(third))).containsEntry("status", "confirmed");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void invoiceFromOrderIsDueAfterThePaymentDays(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> order = f.draft(AGENT, "order", f.baumarkt, "2025-06-15", "EUR",
                    List.of(line(f.drill, "1"), line(f.gloves, "2")));
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().invoice(AGENT, id(order),
                    Map.of())).code()).isEqualTo("wrong-status");
            node.sales().confirm(AGENT, id(order));
            Map<String, Object> invoice = node.sales().invoice(AGENT, id(order), Map.of("doc_date", "2025-06-20"));
            assertThat(invoice).containsEntry("kind", "invoice").containsEntry("number", "MSK-IN-000001")
                    .containsEntry("status", "draft").containsEntry("base_id", id(order))
                    .containsEntry("due_on", "2025-07-20").containsEntry("gross", order.get("gross"));
            assertThat(lines(invoice)).extracting(l -> l.get("net")).containsExactlyElementsOf(
                    lines(order).stream().map(l -> l.get("net")).toList());
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().invoice(AGENT, id(order),
                    Map.of())).code()).isEqualTo("already-invoiced");
            assertThat(node.sales().issue(AGENT, id(invoice))).containsEntry("status", "issued")
                    .containsEntry("outstanding", order.get("gross"));
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().cancel(AGENT, id(order)))
                    .code()).isEqualTo("invoiced");
            assertThat(node.sales().cancel(AGENT, id(invoice))).containsEntry("status", "cancelled");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void closedPeriodOtherNodesDocumentsAndBadInputAreRefused(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> june = f.draft(AGENT, "order", f.jan, "2025-06-15", "EUR", List.of(line(f.drill, "1")));
            node.entities().create(ADMIN, "closed-periods", Map.of("closed_until", "2025-06-30",
                    "closed_by", "root"), false);
            catchThrowableOfType(AccessDeniedException.class, () -> node.entities().create(MANAGER, "closed-periods",
                    Map.of("closed_until", "2025-07-31", "closed_by", "maria"), false));

            Map<String, Long> before = f.counts();
            assertThat(catchThrowableOfType(RuleException.class, () -> f.draft(AGENT, "order", f.jan, "2025-06-30",
                    "EUR", List.of(line(f.drill, "1")))).code()).isEqualTo("closed-period");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().confirm(AGENT, id(june)))
                    .code()).isEqualTo("closed-period");
            assertThat(f.counts()).isEqualTo(before);
            assertThat(f.draft(AGENT, "order", f.jan, "2025-07-01", "EUR", List.of(line(f.drill, "1"))))
                    .containsEntry("status", "draft");

            // an order replicated from SPB: this node does not change it
            String spb = node.writer().write(c -> {
                Map<String, Value> row = new HashMap<>();
                row.put("kind", Value.of("order"));
                row.put("number", Value.of("SPB-OR-000001"));
                row.put("doc_date", Value.of(LocalDate.of(2025, 7, 2)));
                row.put("status", Value.of("draft"));
                row.put("counterparty_id", Value.of(f.jan));
                row.put("currency", Value.of("EUR"));
                row.put("net", Value.of(BigDecimal.ZERO));
                row.put("vat", Value.of(BigDecimal.ZERO));
                row.put("gross", Value.of(BigDecimal.ZERO));
                row.put("owning_branch", Value.of("SPB"));
                return c.insert(Schema.SALES_DOCUMENT, row);
            });
            before = f.counts();
            for (Runnable call : List.<Runnable>of(() -> node.sales().update(AGENT, spb, Map.of("note", "mine")),
                    () -> node.sales().delete(AGENT, spb), () -> node.sales().confirm(AGENT, spb))) {
                assertThat(catchThrowableOfType(RuleException.class, call::run).code()).isEqualTo("not-yours");
            }
            assertThat(f.counts()).isEqualTo(before);

            ValidationException bad = catchThrowableOfType(ValidationException.class, () -> node.sales().create(AGENT,
                    Map.of("kind", "order", "counterparty_id", f.jan, "doc_date", "2025-07-01", "number", "X-1",
                            "lines", List.of(line(f.drill, "0"), Map.of("product_id", "nope", "quantity", "1"),
                                    Map.of("product_id", f.drill, "quantity", "1", "price", "1")))));
            assertThat(fields(bad)).contains("number", "lines[2].price");
            assertThat(f.counts()).isEqualTo(before);
            ValidationException lines = catchThrowableOfType(ValidationException.class, () -> node.sales().create(
                    AGENT, Map.of("kind", "order", "counterparty_id", f.jan, "doc_date", "2025-07-01", "lines",
                            List.of(line(f.drill, "0"), Map.of("product_id", "nope", "quantity", "1")))));
            assertThat(fields(lines)).containsExactly("lines[0].quantity", "lines[1].product_id");
            assertThat(f.counts()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoNodesNeverHandOutTheSameNumber(Engine engine) throws Exception {
        try (Node msk = open(engine, "MSK"); Node spb = open(engine, "SPB")) {
            SalesFixture a = SalesFixture.build(msk);
            SalesFixture b = SalesFixture.build(spb);
            List<String> numbers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                numbers.add((String) a.draft(AGENT, "order", a.jan, "2025-06-15", "EUR",
                        List.of(line(a.drill, "1"))).get("number"));
                numbers.add((String) b.draft(AGENT, "order", b.jan, "2025-06-15", "EUR",
                        List.of(line(b.drill, "1"))).get("number"));
            }
            numbers.add((String) msk.payments().create(AGENT, Map.of("counterparty_id", a.jan, "method", "cash",
                    "amount", "5", "currency", "EUR")).get("number"));
            numbers.add((String) spb.payments().create(AGENT, Map.of("counterparty_id", b.jan, "method", "cash",
                    "amount", "5", "currency", "EUR")).get("number"));
            assertThat(numbers).doesNotHaveDuplicates().containsExactly("MSK-OR-000001", "SPB-OR-000001",
                    "MSK-OR-000002", "SPB-OR-000002", "MSK-OR-000003", "SPB-OR-000003", "MSK-PM-000001",
                    "SPB-PM-000001");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dealsMoveThroughTheFunnel(Engine engine) throws Exception {
        try (Node node = open(engine, "MSK")) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> deal = node.entities().create(AGENT, "deals", Map.of("name", "Drills for Baumarkt",
                    "counterparty_id", f.baumarkt, "amount", "5000", "currency", "eur"), false);
            assertThat(deal).containsEntry("stage", "lead").containsEntry("owning_branch", "MSK")
                    .containsEntry("currency", "EUR");
            assertThat(node.entities().update(AGENT, "deals", id(deal), Map.of("stage", "won"), false))
                    .containsEntry("stage", "won");
            ValidationException bad = catchThrowableOfType(ValidationException.class, () -> node.entities()
                    .update(AGENT, "deals", id(deal), Map.of("stage", "maybe", "counterparty_id", "nope"), false));
            assertThat(fields(bad)).containsExactlyInAnyOrder("stage", "counterparty_id");
            catchThrowableOfType(AccessDeniedException.class, () -> node.entities().create(AGENT, "sales-documents",
                    Map.of("kind", "order"), false));
            catchThrowableOfType(AccessDeniedException.class, () -> node.entities().create(AGENT, "discount-limits",
                    Map.of("role", "agent", "max_percent", "90"), false));
        }
    }
}
