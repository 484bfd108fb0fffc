package dev.filial.node.bench;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.stock.Balance;
import dev.filial.node.stock.StockBalances;
import dev.filial.node.store.ColumnType;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Warehouse figures of issue 6 (docs/benchmarks.md), each next to a baseline run in the same process:
 * posting 50-line stock documents (rate, and as a share of plain JDBC writing the same ledger rows), and
 * the stock balance report over a ledger of 1,000,000 rows (time, and the same balances summed from the
 * ledger itself).
 *
 * <pre>
 * ./mvnw -q -pl node test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.filial.node.bench.StockBenchmark -Dexec.args="engines=sqlite"
 * </pre>
 */
public final class StockBenchmark {

    static final double POST_TARGET = 1_000;
    static final double REPORT_TARGET_SECONDS = 1.0;
    private static final Actor CLERK = new Actor("bench", Role.MANAGER);
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private final Map<String, String> args = new LinkedHashMap<>();
    private final List<String> verdicts = new ArrayList<>();

    public static void main(String[] argv) throws Exception {
        StockBenchmark bench = new StockBenchmark();
        bench.args.put("engines", "sqlite");
        bench.args.put("rounds", "5");
        bench.args.put("docs", "1000");        // documents posted per measured round
        bench.args.put("lines", "50");
        bench.args.put("products", "1000");
        bench.args.put("warehouses", "4");
        bench.args.put("ledger", "1000000");   // ledger rows before the report is timed
        bench.args.put("dir", System.getProperty("java.io.tmpdir"));
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !bench.args.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; keys and defaults: " + bench.args);
            }
            bench.args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flywaydb"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Path base = Files.createTempDirectory(Path.of(bench.args.get("dir")), "filial-stock-bench-");
        System.out.printf(Locale.ROOT, "StockBenchmark %s%nJava %s, %d CPUs, load average %s%n", bench.args,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                NodeBenchmark.loadAverage());
        try {
            for (String code : bench.args.get("engines").split(",")) {
                bench.run(Engine.parse(code.trim()), base);
            }
        } finally {
            NodeBenchmark.delete(base);
        }
        System.out.printf(Locale.ROOT, "%nTargets (medians of this run)%n");
        bench.verdicts.forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "load average at the end %s%n", NodeBenchmark.loadAverage());
    }

    private int integer(String key) {
        return Integer.parseInt(args.get(key).replace("_", ""));
    }

    private void run(Engine engine, Path base) throws Exception {
        int rounds = integer("rounds");
        int docs = integer("docs");
        int lines = integer("lines");
        Path dir = Files.createTempDirectory(base, engine.code() + "-");
        try (Node node = TestNodes.create(dir, "MSK", engine, new TestHub(NodeBenchmark.MSK))) {
            List<String> warehouses = new ArrayList<>();
            List<String> products = new ArrayList<>();
            catalog(node, warehouses, products);
            Random random = new Random(20261124L);
            createTable(node);
            double[] post = new double[rounds];
            double[] createPost = new double[rounds];
            double[] plain = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                List<String> drafts = new ArrayList<>();
                for (int i = 0; i < docs; i++) {
                    Map<String, Object> json = issue(random, warehouses, products, lines);
                    drafts.add((String) node.stock().create(CLERK, json).get("id"));
                }
                long start = System.nanoTime();
                drafts.forEach(id -> node.stock().post(CLERK, id));
                double posting = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                for (int i = 0; i < docs; i++) {
                    Map<String, Object> json = issue(random, warehouses, products, lines);
                    String id = (String) node.stock().create(CLERK, json).get("id");
                    node.stock().post(CLERK, id);
                }
                double both = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                for (int i = 0; i < docs; i++) {
                    plainPosting(node, random, warehouses, products, lines);
                }
                double jdbc = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    post[round] = posting;
                    createPost[round] = both;
                    plain[round] = jdbc;
                }
                NodeBenchmark.progress("%s posting round %d: %.0f docs/s posted, %.0f created and posted, %.0f plain",
                        engine, round + 1, docs / posting, docs / both, docs / jdbc);
            }
            double rate = docs / NodeBenchmark.median(post);
            double plainRate = docs / NodeBenchmark.median(plain);
            System.out.printf(Locale.ROOT, "%n[%s] Posting %d-line issue documents (drafts made beforehand; each post "
                            + "reads the lines and balances, checks, writes %d ledger rows, the status and an audit "
                            + "entry, and captures it all)%n", engine, lines, lines);
            System.out.printf(Locale.ROOT, "  posted             %,8.0f docs/s (best %,.0f)%n", rate,
                    docs / NodeBenchmark.min(post));
            System.out.printf(Locale.ROOT, "  created and posted %,8.0f docs/s%n",
                    docs / NodeBenchmark.median(createPost));
            System.out.printf(Locale.ROOT, "  plain JDBC         %,8.0f docs/s (the same %d rows and a status "
                    + "update per "
                    + "transaction, no checks, no capture, no triggers)%n", plainRate, lines);
            verdict(String.format(Locale.ROOT, "%-6s posting %d-line documents: %,.0f docs/s (>= %,.0f), %.2f x plain "
                    + "JDBC", engine, lines, rate, POST_TARGET, rate / plainRate), rate >= POST_TARGET);
            report(node, engine, warehouses, products);
        } finally {
            NodeBenchmark.delete(dir);
        }
    }

    /** Grows the ledger to {@code ledger} rows, then times the balance report against summing the ledger. */
    private void report(Node node, Engine engine, List<String> warehouses, List<String> products) throws Exception {
        int target = integer("ledger");
        long have = count(node, "SELECT COUNT(*) FROM stock_entry");
        Random random = new Random(7);
        long start = System.nanoTime();
        String document = node.writer().write(changes -> changes.insert(Schema.STOCK_DOCUMENT, Map.of(
                "kind", Value.of("receipt"), "number", Value.of("MSK-RC-999999"), "doc_date", Value.of(DAY),
                "status", Value.of("posted"), "warehouse_id", Value.of(warehouses.get(0)),
                "owning_branch", Value.of("MSK"))));
        while (have < target) {
            int chunk = (int) Math.min(20_000, target - have);
            node.writer().write(changes -> {
                for (int i = 0; i < chunk; i++) {
                    changes.insert(Schema.STOCK_ENTRY, Map.of("document_id", Value.of(document),
                            "warehouse_id", Value.of(warehouses.get(random.nextInt(warehouses.size()))),
                            "product_id", Value.of(products.get(random.nextInt(products.size()))),
                            "quantity", Value.of(BigDecimal.valueOf(1 + random.nextInt(5))),
                            "entry_date", Value.of(DAY.plusDays(random.nextInt(300)))));
                }
                return null;
            });
            node.database().write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM change_log");
                }
                return null;
            });
            have += chunk;
        }
        NodeBenchmark.progress("%s ledger grown to %,d rows in %.0f s", engine, have,
                (System.nanoTime() - start) / 1e9);
        int rounds = integer("rounds");
        double[] summary = new double[rounds];
        double[] named = new double[rounds];
        double[] ledger = new double[rounds];
        StockBalances balances = new StockBalances(node.database().dialect());
        int pairs = 0;
        for (int round = -1; round < rounds; round++) {
            long t = System.nanoTime();
            List<Balance> all = node.database().read(c -> balances.all(c, Optional.empty()));
            double a = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            int rows = node.database().read(StockBenchmark::namedReport);
            double b = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            Map<String, BigDecimal> summed = node.database().read(c -> sumLedger(c, node));
            double c = (System.nanoTime() - t) / 1e9;
            if (summed.size() != all.size() || rows != all.size()) {
                throw new IllegalStateException("the summary has " + all.size() + " balances, the ledger "
                        + summed.size() + ", the named report " + rows);
            }
            pairs = all.size();
            if (round >= 0) {
                summary[round] = a;
                named[round] = b;
                ledger[round] = c;
            }
        }
        double median = NodeBenchmark.median(named);
        System.out.printf(Locale.ROOT, "%n[%s] Stock balance report, %,d ledger rows, %,d warehouse-product balances%n",
                engine, have, pairs);
        System.out.printf(Locale.ROOT, "  from the summary          %8.3f s%n", NodeBenchmark.median(summary));
        System.out.printf(Locale.ROOT, "  with warehouse and product names %8.3f s%n", median);
        System.out.printf(Locale.ROOT, "  summing the ledger itself %8.3f s%n", NodeBenchmark.median(ledger));
        verdict(String.format(Locale.ROOT, "%-6s balance report over %,d ledger rows: %.3f s (< %.1f s); summing the "
                + "ledger takes %.0f x as long", engine, have, median, REPORT_TARGET_SECONDS,
                NodeBenchmark.median(ledger) / median), median < REPORT_TARGET_SECONDS);
    }

    /** The report as a user gets it: every balance with its warehouse code and product SKU and name. */
    private static int namedReport(Connection connection) throws SQLException {
        int rows = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT w.code, p.sku, p.name, b.on_hand, "
                + "b.reserved FROM stock_balance b JOIN warehouse w ON w.id = b.warehouse_id "
                + "JOIN product p ON p.id = b.product_id ORDER BY w.code, p.sku");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                result.getString(1);
                result.getString(2);
                result.getString(3);
                result.getString(4);
                result.getString(5);
                rows++;
            }
        }
        return rows;
    }

    private static Map<String, BigDecimal> sumLedger(Connection connection, Node node) throws SQLException {
        Map<String, BigDecimal> sums = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT warehouse_id, product_id, quantity FROM stock_entry")) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Value quantity = node.database().dialect().read(rows, 3, ColumnType.DECIMAL);
                    sums.merge(rows.getString(1) + rows.getString(2), ((Value.Decimal) quantity).value(),
                            BigDecimal::add);
                }
            }
        }
        return sums;
    }

    /** Warehouses and products, and a receipt of a large quantity of every product into every warehouse. */
    private void catalog(Node node, List<String> warehouses, List<String> products) {
        int productCount = integer("products");
        int warehouseCount = integer("warehouses");
        node.writer().write(changes -> {
            for (int i = 0; i < warehouseCount; i++) {
                warehouses.add(changes.insert(Schema.WAREHOUSE, Map.of("code", Value.of("W" + i), "name",
                        Value.of("Warehouse " + i), "owning_branch", Value.of("MSK"), "shared", Value.of(false),
                        "active", Value.of(true))));
            }
            for (int i = 0; i < productCount; i++) {
                products.add(changes.insert(Schema.PRODUCT, Map.of("sku", Value.of(String.format("P%05d", i)),
                        "name", Value.of("Product " + i), "unit", Value.of("pcs"), "vat_rate",
                        Value.of(new BigDecimal("20")), "kind", Value.of("goods"), "active", Value.of(true))));
            }
            return null;
        });
        for (String warehouse : warehouses) {
            List<Map<String, Object>> lines = new ArrayList<>();
            products.forEach(product -> lines.add(Map.of("product_id", product, "quantity", 10_000_000)));
            Map<String, Object> receipt = Map.of("kind", "receipt", "warehouse_id", warehouse, "doc_date",
                    DAY.toString(), "lines", lines);
            node.stock().post(CLERK, (String) node.stock().create(CLERK, receipt).get("id"));
        }
    }

    private Map<String, Object> issue(Random random, List<String> warehouses, List<String> products, int lines) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "issue");
        json.put("warehouse_id", warehouses.get(random.nextInt(warehouses.size())));
        json.put("doc_date", DAY.toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        int first = random.nextInt(products.size());
        for (int i = 0; i < lines; i++) {
            rows.add(Map.of("product_id", products.get((first + i * 7) % products.size()), "quantity",
                    1 + random.nextInt(3)));
        }
        json.put("lines", rows);
        return json;
    }

    private void createTable(Node node) {
        node.database().write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bench_entry (id VARCHAR(36) NOT NULL PRIMARY KEY, document_id "
                        + "VARCHAR(36) NOT NULL, warehouse_id VARCHAR(36) NOT NULL, product_id VARCHAR(36) NOT NULL, "
                        + "quantity VARCHAR(40) NOT NULL, entry_date VARCHAR(10) NOT NULL)");
                statement.execute("CREATE TABLE bench_document (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                        + "status VARCHAR(16) NOT NULL)");
            }
            return null;
        });
    }

    /** The same ledger rows as a posting, written with plain JDBC: the physical floor of posting. */
    private void plainPosting(Node node, Random random, List<String> warehouses, List<String> products, int lines) {
        String document = Uuid7.next();
        String warehouse = warehouses.get(random.nextInt(warehouses.size()));
        int first = random.nextInt(products.size());
        node.database().write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_entry (id, document_id, "
                    + "warehouse_id, product_id, quantity, entry_date) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement status = connection.prepareStatement(
                         "INSERT INTO bench_document (id, status) VALUES (?, 'posted')")) {
                for (int i = 0; i < lines; i++) {
                    insert.setString(1, Uuid7.next());
                    insert.setString(2, document);
                    insert.setString(3, warehouse);
                    insert.setString(4, products.get((first + i * 7) % products.size()));
                    insert.setString(5, "-" + (1 + random.nextInt(3)));
                    insert.setString(6, DAY.toString());
                    insert.addBatch();
                }
                insert.executeBatch();
                status.setString(1, document);
                status.executeUpdate();
            }
            return null;
        });
    }

    private static long count(Node node, String sql) {
        return node.database().read(c -> {
            try (PreparedStatement select = c.prepareStatement(sql); ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void verdict(String line, boolean pass) {
        String text = line + "  " + (pass ? "PASS" : "FAIL");
        verdicts.add(text);
        System.out.println("  => " + text);
    }
}
