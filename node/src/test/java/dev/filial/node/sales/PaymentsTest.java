package dev.filial.node.sales;

import static dev.filial.node.sales.SalesFixture.ADMIN;
import static dev.filial.node.sales.SalesFixture.AGENT;
import static dev.filial.node.sales.SalesFixture.MANAGER;
import static dev.filial.node.sales.SalesFixture.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.filial.node.Node;
import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.document.RuleException;
import dev.filial.node.store.Engine;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.ValidationException;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Payments, their allocation to invoices, reversal, and the receivables read from them. */
class PaymentsTest {

    @TempDir
    Path directory;

    private static String id(Map<String, Object> row) {
        return (String) row.get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allocations(Map<String, Object> payment) {
        return (List<Map<String, Object>>) payment.get("allocations");
    }

    /** An issued invoice of {@code drills} drills for JAN (no discount: 144.00 each), dated {@code date}. */
    private static Map<String, Object> invoice(Node node, SalesFixture f, String customer, String date, String drills) {
        Map<String, Object> order = f.draft(AGENT, "order", customer, date, "EUR", List.of(line(f.drill, drills)));
        node.sales().confirm(AGENT, id(order));
        Map<String, Object> invoice = node.sales().invoice(AGENT, id(order), Map.of("doc_date", date));
        return node.sales().issue(AGENT, id(invoice));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void paymentsSettleTheOldestInvoicesFirstAndReverse(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            SalesFixture f = SalesFixture.build(node);
            // JAN pays in 10 days; the later dated invoice is entered first
            Map<String, Object> newer = invoice(node, f, f.jan, "2025-06-10", "1"); // 144.00, due 06-20
            Map<String, Object> older = invoice(node, f, f.jan, "2025-06-01", "2"); // 288.00, due 06-11
            Map<String, Object> other = invoice(node, f, f.baumarkt, "2025-06-01", "1"); // 126.00, due 07-01
            assertThat(older).containsEntry("gross", "288.00").containsEntry("due_on", "2025-06-11");

            Map<String, Object> first = node.payments().create(AGENT, Map.of("counterparty_id", f.jan,
                    "paid_on", "2025-06-12", "method", "bank", "amount", "300", "currency", "eur"));
            assertThat(first).containsEntry("number", "MSK-PM-000001").containsEntry("status", "posted")
                    .containsEntry("currency", "EUR").containsEntry("unallocated", "0.00");
            assertThat(allocations(first)).extracting(a -> a.get("invoice_id"), a -> a.get("amount"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(id(older), "288.00"),
                            org.assertj.core.groups.Tuple.tuple(id(newer), "12.00"));
            assertThat(node.sales().get(AGENT, id(newer))).containsEntry("outstanding", "132.00")
                    .containsEntry("paid", "12.00");

            // refused: more than outstanding, another customer's invoice, more than the payment
            Map<String, Long> before = f.counts();
            ValidationException over = catchThrowableOfType(ValidationException.class, () -> node.payments()
                    .create(AGENT, Map.of("counterparty_id", f.jan, "method", "cash", "amount", "500",
                            "currency", "EUR", "allocations", List.of(Map.of("invoice_id", id(newer),
                                    "amount", "132.01"), Map.of("invoice_id", id(other), "amount", "1")))));
            assertThat(over.errors()).extracting(FieldError::field, FieldError::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("allocations[0].amount", "over-allocation"),
                    org.assertj.core.groups.Tuple.tuple("allocations[1].invoice_id", "invalid"));
            ValidationException more = catchThrowableOfType(ValidationException.class, () -> node.payments()
                    .create(AGENT, Map.of("counterparty_id", f.jan, "method", "cash", "amount", "10",
                            "currency", "EUR", "allocations", List.of(Map.of("invoice_id", id(newer),
                                    "amount", "20")))));
            assertThat(more.errors()).extracting(FieldError::field).containsExactly("allocations");
            ValidationException method = catchThrowableOfType(ValidationException.class, () -> node.payments()
                    .create(AGENT, Map.of("counterparty_id", f.jan, "method", "cheque", "amount", "-1",
                            "currency", "EUR")));
            assertThat(method.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("method", "amount");
            assertThat(f.counts()).isEqualTo(before);

            // the rest of the newer invoice and an advance of 18.00
            Map<String, Object> second = node.payments().create(AGENT, Map.of("counterparty_id", f.jan,
                    "paid_on", "2025-06-25", "method", "card", "amount", "150", "currency", "EUR"));
            assertThat(allocations(second)).singleElement().satisfies(a -> assertThat(a)
                    .containsEntry("invoice_id", id(newer)).containsEntry("amount", "132.00"));
            assertThat(second).containsEntry("unallocated", "18.00");

            // a paid invoice cannot be cancelled until its payment is reversed
            assertThat(catchThrowableOfType(RuleException.class, () -> node.sales().cancel(AGENT, id(older))).code())
                    .isEqualTo("has-payments");
            catchThrowableOfType(AccessDeniedException.class, () -> node.payments().reverse(AGENT, id(first), null));
            Map<String, Object> reversed = node.payments().reverse(MANAGER, id(first), LocalDate.of(2025, 6, 30));
            assertThat(reversed).containsEntry("status", "reversed");
            assertThat(allocations(reversed)).extracting(a -> a.get("amount"))
                    .containsExactlyInAnyOrder("288.00", "12.00", "-288.00", "-12.00");
            assertThat(node.sales().get(AGENT, id(older))).containsEntry("outstanding", "288.00");
            assertThat(node.sales().get(AGENT, id(newer))).containsEntry("outstanding", "12.00");
            assertThat(catchThrowableOfType(RuleException.class, () -> node.payments().reverse(ADMIN, id(first),
                    null)).code()).isEqualTo("wrong-status");
            assertThat(node.sales().cancel(AGENT, id(older))).containsEntry("status", "cancelled");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    @SuppressWarnings("unchecked")
    void balancesDebtorsAndOverdueInvoices(Engine engine) throws Exception {
        try (Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")))) {
            SalesFixture f = SalesFixture.build(node);
            Map<String, Object> older = invoice(node, f, f.jan, "2025-06-01", "2"); // 288.00 due 06-11
            Map<String, Object> newer = invoice(node, f, f.jan, "2025-06-10", "1"); // 144.00 due 06-20
            invoice(node, f, f.baumarkt, "2025-06-01", "1"); // 126.00 due 07-01
            // USD: 3 x 133.3333 = 400.00 + 80.00 = 480.00 USD for JAN, due 06-25
            Map<String, Object> usdOrder = f.draft(AGENT, "order", f.jan, "2025-06-15", "USD",
                    List.of(line(f.drill, "3")));
            node.sales().confirm(AGENT, id(usdOrder));
            node.sales().issue(AGENT, id(node.sales().invoice(AGENT, id(usdOrder), Map.of("doc_date", "2025-06-15"))));
            node.payments().create(AGENT, Map.of("counterparty_id", f.jan, "paid_on", "2025-06-12",
                    "method", "bank", "amount", "300", "currency", "EUR"));
            node.payments().create(AGENT, Map.of("counterparty_id", f.jan, "paid_on", "2025-06-16",
                    "method", "cash", "amount", "80", "currency", "USD"));

            Map<String, Object> balance = new Receivables(node.database()).balance(f.jan);
            assertThat((List<Map<String, Object>>) balance.get("balances")).containsExactly(
                    Map.of("currency", "EUR", "invoiced", "432.00", "paid", "300.00", "balance", "132.00"),
                    Map.of("currency", "USD", "invoiced", "480.00", "paid", "80.00", "balance", "400.00"));

            List<Map<String, Object>> debtors = new Receivables(node.database()).debtors(LocalDate.of(2025, 6, 21));
            assertThat(debtors).extracting(d -> d.get("name"), d -> d.get("currency"), d -> d.get("outstanding"),
                    d -> d.get("overdue")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("BAUMARKT", "EUR", "126.00", "0.00"),
                    org.assertj.core.groups.Tuple.tuple("JAN", "EUR", "132.00", "132.00"),
                    org.assertj.core.groups.Tuple.tuple("JAN", "USD", "400.00", "0.00"));

            List<Map<String, Object>> overdue = new Receivables(node.database()).overdue(LocalDate.of(2025, 6, 26));
            assertThat(overdue).extracting(o -> o.get("number"), o -> o.get("outstanding"), o -> o.get("days_overdue"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(newer.get("number"), "132.00", 6L),
                            org.assertj.core.groups.Tuple.tuple("MSK-IN-000004", "400.00", 1L));
            assertThat(overdue.get(1)).containsEntry("currency", "USD").containsEntry("due_on", "2025-06-25");
            assertThat(older).containsEntry("due_on", "2025-06-11");
        }
    }
}
