package dev.filial.hq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.node.Node;
import dev.filial.node.capture.Changes;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code filial-hq report}: HQ's sales report covers the invoices of every branch once they have synced. */
class HqReportCommandTest {

    @TempDir
    Path directory;

    @Test
    void salesAtHqCoverInvoicesFromTwoNodes() throws Exception {
        Path csv = directory.resolve("sales.csv");
        try (Network network = Network.start(directory, null)) {
            network.euro();
            String volga = network.customer("Volga Trade", "MSK", null);
            String neva = network.customer("Neva Trade", "SPB", null);
            String drill = network.hub().write(changes -> changes.insert(Schema.PRODUCT, Map.of("sku",
                    Value.of("DRILL"), "name", Value.of("Drill"), "unit", Value.of("pcs"), "vat_rate",
                    Value.of(new BigDecimal("20")), "kind", Value.of("goods"), "active", Value.of(true))));
            Node moscow = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
            Node petersburg = network.join("SPB", "Petersburg branch", "branch", Engine.DERBY);

            moscow.writer().write(changes -> invoice(changes, "MSK-IN-000001", "issued", volga, drill, "MSK", "3",
                    "100.00"));
            petersburg.writer().write(changes -> invoice(changes, "SPB-IN-000001", "issued", neva, drill, "SPB", "1",
                    "50.00"));
            petersburg.writer().write(changes -> invoice(changes, "SPB-IN-000002", "draft", neva, drill, "SPB", "9",
                    "999.00"));
            for (Node node : new Node[] {moscow, petersburg}) {
                SyncReport report = network.sync(node);
                assertThat(report.refused()).as(node.config().code().toString()).isEmpty();
            }
            network.stop();

            assertThat(run("report", "sales", "--home", network.hqHome().root().toString(), "--group", "branch",
                    "-o", csv.toString())).contains("sales: 2 row(s) written");
            assertThat(Files.readString(csv)).isEqualTo("branch,currency,invoices,quantity,net,vat,gross\r\n"
                    + "MSK,EUR,1,3.000,300.00,60.00,360.00\r\n"
                    + "SPB,EUR,1,1.000,50.00,10.00,60.00\r\n");
            assertThat(run("report", "sales", "--home", network.hqHome().root().toString(), "--branch", "SPB"))
                    .contains("EUR              1     1.000  50.00  10.00  60.00", "(1 row)");
        }
    }

    private static String invoice(Changes changes, String number, String status, String customer, String product,
                                  String branch, String quantity, String price) {
        BigDecimal net = new BigDecimal(price).multiply(new BigDecimal(quantity)).setScale(2);
        BigDecimal vat = net.multiply(new BigDecimal("0.20")).setScale(2);
        Map<String, Value> header = new LinkedHashMap<>();
        header.put("kind", Value.of("invoice"));
        header.put("number", Value.of(number));
        header.put("doc_date", Value.of(LocalDate.of(2026, 2, 2)));
        header.put("status", Value.of(status));
        header.put("counterparty_id", Value.of(customer));
        header.put("currency", Value.of("EUR"));
        header.put("due_on", Value.of(LocalDate.of(2026, 2, 2)));
        header.put("net", Value.of(net));
        header.put("vat", Value.of(vat));
        header.put("gross", Value.of(net.add(vat)));
        header.put("owning_branch", Value.of(branch));
        String id = changes.insert(Schema.SALES_DOCUMENT, header);
        Map<String, Value> line = new LinkedHashMap<>();
        line.put("document_id", Value.of(id));
        line.put("line_no", Value.of(1));
        line.put("product_id", Value.of(product));
        line.put("quantity", Value.of(new BigDecimal(quantity)));
        line.put("list_price", Value.of(new BigDecimal(price)));
        line.put("discount", Value.of(BigDecimal.ZERO));
        line.put("price", Value.of(new BigDecimal(price)));
        line.put("vat_rate", Value.of(new BigDecimal("20")));
        line.put("net", Value.of(net));
        line.put("vat", Value.of(vat));
        line.put("gross", Value.of(net.add(vat)));
        changes.insert(Schema.SALES_LINE, line);
        return id;
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(HqCommand.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
