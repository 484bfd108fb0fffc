package dev.filial.node.report;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-made data for the reports, written through the write path (the sales model exactly), the same on both
 * engines. Today is {@link #NOW} (2026-02-10, noon UTC).
 *
 * <pre>
 * customers  ALFA (tax 111, 10 payment days), "Бета, ООО" (tax 222, no payment days)
 * products   DRILL "Drill", GLOVES "Gloves, \"soft\"" (comma and quotes)
 * invoices   I1 2026-01-10 issued ALFA EUR anna MSK due 01-20: DRILL 2 x 100 (200 + 40), GLOVES 10 x 5 (50 + 10)
 *               = 250 + 50 = 300
 *            I2 2026-01-25 issued Бета RUB boris MSK due 01-25: DRILL 1 x 9000 (9000 + 1800) = 10800
 *            I3 2026-02-03 issued ALFA EUR boris SPB due 02-13: GLOVES 4 x 5 (20 + 4) = 24
 *            I4 2026-01-15 draft ALFA EUR 1000; I5 2026-01-16 cancelled ALFA EUR 500; O1 order confirmed EUR 777
 * payments   P1 ALFA EUR 100 on 01-22 to I1; P2 Бета RUB 10800 on 01-26 to I2, reversed 02-01 (allocation -10800)
 * deals      MSK: lead EUR 100 and 50, qualified EUR 200, proposal RUB 3000, won EUR 500 and RUB 1000, lost EUR 70
 *            SPB: qualified EUR 999
 * warehouses MAIN "Main store" (MSK), NORTH "North store" (SPB)
 * stock      D1 receipt MAIN 01-05 DRILL +10 GLOVES +100; D2 issue MAIN 01-20 DRILL -3; D3 receipt MAIN 02-02
 *            DRILL +5; D4 reversal of D3 02-04 DRILL -5; D5 issue MAIN 02-05 GLOVES -30; D6 reversal of D2 02-06
 *            DRILL +3; D7 receipt NORTH 01-10 GLOVES +7; reserved MAIN DRILL 2
 * activities anna (MSK): planned due 02-01, in progress due 02-20, done due 01-15, cancelled due 02-02;
 *            boris (MSK): planned due 02-15, planned without due time; boris (SPB): done due 02-05
 * </pre>
 */
final class ReportData {

    static final Instant NOW = Instant.parse("2026-02-10T12:00:00Z");

    final Map<String, String> ids = new HashMap<>();

    static ReportData write(Changes c) {
        ReportData data = new ReportData();
        data.fill(c);
        return data;
    }

    private void fill(Changes c) {
        ids.put("ALFA", c.insert(Schema.COUNTERPARTY, row("kind", "organisation", "name", "ALFA", "tax_id", "111",
                "owning_branch", "MSK", "active", true, "payment_days", 10L)));
        ids.put("BETA", c.insert(Schema.COUNTERPARTY, row("kind", "organisation", "name", "Бета, ООО",
                "tax_id", "222",
                "owning_branch", "MSK", "active", true)));
        ids.put("DRILL", product(c, "DRILL", "Drill"));
        ids.put("GLOVES", product(c, "GLOVES", "Gloves, \"soft\""));

        String i1 = invoice(c, "I1", "2026-01-10", "issued", "ALFA", "EUR", "anna", "MSK", "2026-01-20",
                "250.00", "50.00", "300.00");
        line(c, i1, 1, "DRILL", "2", "100.00", "200.00", "40.00", "240.00");
        line(c, i1, 2, "GLOVES", "10", "5.00", "50.00", "10.00", "60.00");
        String i2 = invoice(c, "I2", "2026-01-25", "issued", "BETA", "RUB", "boris", "MSK", "2026-01-25",
                "9000.00", "1800.00", "10800.00");
        line(c, i2, 1, "DRILL", "1", "9000.00", "9000.00", "1800.00", "10800.00");
        String i3 = invoice(c, "I3", "2026-02-03", "issued", "ALFA", "EUR", "boris", "SPB", "2026-02-13",
                "20.00", "4.00", "24.00");
        line(c, i3, 1, "GLOVES", "4", "5.00", "20.00", "4.00", "24.00");
        String i4 = invoice(c, "I4", "2026-01-15", "draft", "ALFA", "EUR", "anna", "MSK", "2026-01-25",
                "1000.00", "200.00", "1200.00");
        line(c, i4, 1, "DRILL", "10", "100.00", "1000.00", "200.00", "1200.00");
        String i5 = invoice(c, "I5", "2026-01-16", "cancelled", "ALFA", "EUR", "anna", "MSK", "2026-01-26",
                "500.00", "100.00", "600.00");
        line(c, i5, 1, "DRILL", "5", "100.00", "500.00", "100.00", "600.00");
        Map<String, Value> order = row("kind", "order", "number", "MSK-OR-000001", "doc_date",
                LocalDate.parse("2026-01-12"), "status", "confirmed", "counterparty_id", ids.get("ALFA"), "currency",
                "EUR", "net", dec("777.00"), "vat", dec("0.00"), "gross", dec("777.00"), "owning_branch", "MSK");
        String o1 = c.insert(Schema.SALES_DOCUMENT, order);
        line(c, o1, 1, "DRILL", "7", "111.00", "777.00", "0.00", "777.00");

        String p1 = payment(c, "PM-1", "2026-01-22", "ALFA", "100.00", "EUR", "posted");
        allocate(c, p1, i1, "100.00", "2026-01-22");
        String p2 = payment(c, "PM-2", "2026-01-26", "BETA", "10800.00", "RUB", "reversed");
        allocate(c, p2, i2, "10800.00", "2026-01-26");
        allocate(c, p2, i2, "-10800.00", "2026-02-01");

        deal(c, "lead", "100.00", "EUR", "MSK");
        deal(c, "lead", "50.00", "EUR", "MSK");
        deal(c, "qualified", "200.00", "EUR", "MSK");
        deal(c, "proposal", "3000.00", "RUB", "MSK");
        deal(c, "won", "500.00", "EUR", "MSK");
        deal(c, "won", "1000.00", "RUB", "MSK");
        deal(c, "lost", "70.00", "EUR", "MSK");
        deal(c, "qualified", "999.00", "EUR", "SPB");

        ids.put("MAIN", c.insert(Schema.WAREHOUSE, row("code", "MAIN", "name", "Main store", "owning_branch", "MSK",
                "shared", false, "active", true)));
        ids.put("NORTH", c.insert(Schema.WAREHOUSE, row("code", "NORTH", "name", "North store", "owning_branch", "SPB",
                "shared", false, "active", true)));
        String d1 = stock(c, "D1", "receipt", "2026-01-05", "MAIN", null);
        entry(c, d1, "MAIN", "DRILL", "10", "2026-01-05");
        entry(c, d1, "MAIN", "GLOVES", "100", "2026-01-05");
        String d2 = stock(c, "D2", "issue", "2026-01-20", "MAIN", null);
        entry(c, d2, "MAIN", "DRILL", "-3", "2026-01-20");
        String d3 = stock(c, "D3", "receipt", "2026-02-02", "MAIN", null);
        entry(c, d3, "MAIN", "DRILL", "5", "2026-02-02");
        String d4 = stock(c, "D4", "receipt", "2026-02-04", "MAIN", d3);
        entry(c, d4, "MAIN", "DRILL", "-5", "2026-02-04");
        String d5 = stock(c, "D5", "issue", "2026-02-05", "MAIN", null);
        entry(c, d5, "MAIN", "GLOVES", "-30", "2026-02-05");
        String d6 = stock(c, "D6", "issue", "2026-02-06", "MAIN", d2);
        entry(c, d6, "MAIN", "DRILL", "3", "2026-02-06");
        String d7 = stock(c, "D7", "receipt", "2026-01-10", "NORTH", null);
        entry(c, d7, "NORTH", "GLOVES", "7", "2026-01-10");
        c.insert(Schema.STOCK_RESERVATION, row("order_id", o1, "warehouse_id", ids.get("MAIN"), "product_id",
                ids.get("DRILL"), "quantity", dec("2"), "entry_date", LocalDate.parse("2026-01-12")));

        activity(c, "anna", "planned", "2026-02-01T09:00:00Z", "MSK");
        activity(c, "anna", "in_progress", "2026-02-20T09:00:00Z", "MSK");
        activity(c, "anna", "done", "2026-01-15T09:00:00Z", "MSK");
        activity(c, "anna", "cancelled", "2026-02-02T09:00:00Z", "MSK");
        activity(c, "boris", "planned", "2026-02-15T09:00:00Z", "MSK");
        activity(c, "boris", "planned", null, "MSK");
        activity(c, "boris", "done", "2026-02-05T09:00:00Z", "SPB");
    }

    private String product(Changes c, String sku, String name) {
        return c.insert(Schema.PRODUCT, row("sku", sku, "name", name, "unit", "pcs", "vat_rate", dec("20"),
                "kind", "goods", "active", true));
    }

    private String invoice(Changes c, String number, String date, String status, String customer, String currency,
                           String manager, String branch, String due, String net, String vat, String gross) {
        String id = c.insert(Schema.SALES_DOCUMENT, row("kind", "invoice", "number", "MSK-IN-" + number, "doc_date",
                LocalDate.parse(date), "status", status, "counterparty_id", ids.get(customer), "currency", currency,
                "due_on", LocalDate.parse(due), "net", dec(net), "vat", dec(vat), "gross", dec(gross), "manager",
                manager, "owning_branch", branch));
        ids.put(number, id);
        return id;
    }

    private void line(Changes c, String document, int lineNo, String product, String quantity, String price,
                      String net, String vat, String gross) {
        c.insert(Schema.SALES_LINE, row("document_id", document, "line_no", (long) lineNo, "product_id",
                ids.get(product),
                "quantity", dec(quantity), "list_price", dec(price), "discount", dec("0"), "price", dec(price),
                "vat_rate", dec("20"), "net", dec(net), "vat", dec(vat), "gross", dec(gross)));
    }

    private String payment(Changes c, String number, String date, String customer, String amount, String currency,
                           String status) {
        return c.insert(Schema.PAYMENT, row("number", number, "paid_on", LocalDate.parse(date), "counterparty_id",
                ids.get(customer), "method", "bank", "amount", dec(amount), "currency", currency, "status", status,
                "owning_branch", "MSK"));
    }

    private void allocate(Changes c, String payment, String invoice, String amount, String date) {
        c.insert(Schema.PAYMENT_ALLOCATION, row("payment_id", payment, "invoice_id", invoice, "amount", dec(amount),
                "allocated_on", LocalDate.parse(date)));
    }

    private void deal(Changes c, String stage, String amount, String currency, String branch) {
        c.insert(Schema.DEAL, row("name", stage + " " + amount, "counterparty_id", ids.get("ALFA"), "stage", stage,
                "amount", dec(amount), "currency", currency, "owning_branch", branch));
    }

    private String stock(Changes c, String number, String kind, String date, String warehouse, String reverses) {
        Map<String, Value> header = row("kind", kind, "number", "MSK-" + number, "doc_date", LocalDate.parse(date),
                "status", "posted", "warehouse_id", ids.get(warehouse), "owning_branch", "MSK");
        if (reverses != null) {
            header.put("reverses_id", Value.of(reverses));
        }
        return c.insert(Schema.STOCK_DOCUMENT, header);
    }

    private void entry(Changes c, String document, String warehouse, String product, String quantity, String date) {
        c.insert(Schema.STOCK_ENTRY, row("document_id", document, "warehouse_id", ids.get(warehouse), "product_id",
                ids.get(product), "quantity", dec(quantity), "entry_date", LocalDate.parse(date)));
    }

    private void activity(Changes c, String assignee, String status, String due, String branch) {
        Map<String, Value> values = row("kind", "task", "subject", assignee + " " + status, "assignee", assignee,
                "status", status, "owning_branch", branch);
        if (due != null) {
            values.put("due_at", Value.of(Instant.parse(due)));
        }
        c.insert(Schema.ACTIVITY, values);
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    /** A row from name, value pairs (text, Long, Boolean, BigDecimal, LocalDate). */
    static Map<String, Value> row(Object... pairs) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            values.put((String) pairs[i], value instanceof String text ? Value.of(text)
                    : value instanceof Long number ? Value.of(number)
                    : value instanceof Boolean flag ? Value.of(flag)
                    : value instanceof BigDecimal decimal ? Value.of(decimal)
                    : value instanceof LocalDate date ? Value.of(date)
                    : value instanceof Value given ? given : Value.NULL);
        }
        return values;
    }
}
