package dev.filial.node.imports;

import static dev.filial.node.imports.ImportFixture.count;
import static dev.filial.node.imports.ImportFixture.file;
import static dev.filial.node.imports.ImportFixture.one;
import static dev.filial.node.imports.ImportFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.filial.node.Node;
import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.csv.CsvLimits;
import dev.filial.node.csv.CsvReader;
import dev.filial.node.csv.CsvRecord;
import dev.filial.node.csv.CsvTable;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CsvImportTest {

    private static final Actor MANAGER = new Actor("olga", Role.MANAGER);

    @TempDir
    Path directory;

    private Node node(Engine engine) throws IOException {
        Node node = TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")));
        ImportFixture.fill(node);
        return node;
    }

    private static CsvImport importer(Node node) {
        return new CsvImport(node.entities(), node.writer());
    }

    private static List<Object> errors(ImportReport report) {
        return report.failures().stream().flatMap(row -> row.errors().stream()
                .map(error -> (Object) tuple(row.line(), error.field(), error.code()))).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importsCounterpartiesFromASemicolonFileWithBomQuotesAndCyrillicReportingEachBadRow(Engine engine)
            throws IOException {
        try (Node node = node(engine)) {
            long auditBefore = count(node, "audit_entry");
            ImportReport report = importer(node).run(MANAGER, ImportKind.COUNTERPARTIES,
                    file("counterparties-semicolon-bom.csv"), ImportOptions.DEFAULT);

            assertThat(report.summary())
                    .isEqualTo("counterparties: 6 read, 2 created, 1 updated, 0 unchanged, 3 failed");
            assertThat(report.rows()).extracting(RowOutcome::line, row -> row.outcome().code()).containsExactly(
                    tuple(2, "created"), tuple(4, "created"), tuple(5, "updated"), tuple(6, "failed"),
                    tuple(7, "failed"), tuple(8, "failed"));
            assertThat(errors(report)).containsExactly(tuple(6, "tax_id", "duplicate"), tuple(7, "tax_id", "invalid"),
                    tuple(8, "price_type", "not-found"));
            assertThat(report.failures().get(0).errors().get(0).message()).contains("line 2");

            assertThat(count(node, "counterparty")).isEqualTo(3);
            String wholesale = (String) one(node, "price-types", "code", "wholesale").get("id");
            Map<String, Object> romashka = one(node, "counterparties", "tax_id", "7707083893");
            assertThat(romashka).containsEntry("name", "ООО \"Ромашка\", Москва").containsEntry("kind", "organisation")
                    .containsEntry("note", "Оплата\r\nпо счёту; в рублях").containsEntry("payment_days", 30L)
                    .containsEntry("price_type_id", wholesale).containsEntry("owning_branch", "MSK")
                    .containsEntry("id", report.rows().get(0).id());
            assertThat(one(node, "counterparties", "name", "Иванов Иван Иванович")).containsEntry("kind", "person")
                    .containsEntry("tax_id", null).containsEntry("category", "B");
            Map<String, Object> updated = one(node, "counterparties", "tax_id", "7701234567");
            assertThat(updated).containsEntry("name", "Обновлённое имя").containsEntry("payment_days", 15L)
                    .containsEntry("id", report.rows().get(2).id());
            assertThat(rows(node, "counterparties", "name", "Дубликат")).isEmpty();
            assertThat(rows(node, "counterparties", "name", "Плохой ИНН")).isEmpty();

            assertThat(count(node, "audit_entry")).isEqualTo(auditBefore + 3);
            assertThat(rows(node, "audit-entries", "actor", "olga")).extracting(row -> row.get("action"))
                    .containsExactlyInAnyOrder("create", "create", "update");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusesAWholeFileWithAnUnclosedQuoteOrAnUnknownOrMissingColumnWritingNothing(Engine engine)
            throws IOException {
        try (Node node = node(engine)) {
            long counterparties = count(node, "counterparty");
            long changes = count(node, "change_log");
            ImportException unclosed = catchThrowableOfType(ImportException.class, () -> importer(node).run(MANAGER,
                    ImportKind.COUNTERPARTIES, file("counterparties-unclosed-quote.csv"), ImportOptions.DEFAULT));
            assertThat(unclosed.code()).isEqualTo("unclosed-quote");
            assertThat(unclosed.line()).isEqualTo(4);
            assertThat(unclosed.hint()).contains("line 4");
            assertThat(count(node, "counterparty")).isEqualTo(counterparties);
            assertThat(rows(node, "counterparties", "name", "Первая")).isEmpty();

            ImportException unknown = catchThrowableOfType(ImportException.class, () -> importer(node).run(MANAGER,
                    ImportKind.PRODUCTS, file("products-unknown-column.csv"), ImportOptions.DEFAULT));
            assertThat(unknown.code()).isEqualTo("unknown-column");
            assertThat(unknown.getMessage()).contains("colour");
            assertThat(unknown.hint()).contains("group_code", "vat_rate");
            ImportException missing = catchThrowableOfType(ImportException.class, () -> importer(node).run(MANAGER,
                    ImportKind.PRODUCTS, file("products-missing-unit.csv"), ImportOptions.DEFAULT));
            assertThat(missing.code()).isEqualTo("missing-column");
            assertThat(missing.getMessage()).contains("unit");
            ImportException conflict = catchThrowableOfType(ImportException.class, () -> importer(node).run(MANAGER,
                    ImportKind.PRODUCTS,
                            "sku,name,unit,vat_rate,group_id,group_code\n".getBytes(StandardCharsets.UTF_8),
                    ImportOptions.DEFAULT));
            assertThat(conflict.code()).isEqualTo("column-conflict");
            ImportException tooMany = catchThrowableOfType(ImportException.class, () -> importer(node).run(MANAGER,
                    ImportKind.PRODUCTS, file("products.csv"), new ImportOptions(false, null, 500, new CsvLimits(1000,
                            3))));
            assertThat(tooMany.code()).isEqualTo("too-many-rows");
            assertThat(catchThrowableOfType(AccessDeniedException.class, () -> importer(node).run(
                    new Actor("agent", Role.AGENT), ImportKind.PRODUCTS, file("products.csv"), ImportOptions.DEFAULT)))
                    .isNotNull();
            assertThat(catchThrowableOfType(ImportException.class, () -> ImportKind.parse("sales")).code())
                    .isEqualTo("unknown-kind");

            assertThat(count(node, "product")).isZero();
            assertThat(count(node, "change_log")).isEqualTo(changes);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importsProductsInChunksSkippingBadRowsAndAReimportUpdatesOnlyChangedFields(Engine engine) throws IOException {
        try (Node node = node(engine)) {
            ImportOptions chunksOfTwo = new ImportOptions(false, null, 2, CsvLimits.DEFAULT);
            ImportReport first = importer(node).run(MANAGER, ImportKind.PRODUCTS, file("products.csv"), chunksOfTwo);
            assertThat(first.summary()).isEqualTo("products: 5 read, 3 created, 0 updated, 0 unchanged, 2 failed");
            assertThat(errors(first)).containsExactly(tuple(4, "vat_rate", "invalid"), tuple(5, "group_code",
                    "not-found"));
            // line 4 failed in the chunk of lines 4-5 and line 5 in the chunk of 5-6: the others of each went in
            assertThat(count(node, "product")).isEqualTo(3);
            String tools = (String) one(node, "product-groups", "code", "TOOLS").get("id");
            assertThat(one(node, "products", "sku", "DR-1")).containsEntry("name", "Drill, cordless")
                    .containsEntry("group_id", tools).containsEntry("vat_rate", "20.00").containsEntry("kind", "goods")
                    .containsEntry("barcode", "4006381333931").containsEntry("active", true);
            assertThat(one(node, "products", "sku", "GL-2")).containsEntry("name", "Перчатки рабочие")
                    .containsEntry("vat_rate", "10.50");
            assertThat(one(node, "products", "sku", "SC-5")).containsEntry("id", first.rows().get(4).id());
            assertThat(rows(node, "products", "sku", "HM-3")).isEmpty();

            long audit = count(node, "audit_entry");
            long changes = count(node, "change_log");
            ImportReport again = importer(node).run(MANAGER, ImportKind.PRODUCTS, file("products-changed.csv"),
                    ImportOptions.DEFAULT);
            assertThat(again.summary()).isEqualTo("products: 3 read, 0 created, 1 updated, 2 unchanged, 0 failed");
            assertThat(again.rows()).extracting(RowOutcome::line, row -> row.outcome().code())
                    .containsExactly(tuple(2, "unchanged"), tuple(3, "updated"), tuple(4, "unchanged"));
            assertThat(one(node, "products", "sku", "GL-2")).containsEntry("vat_rate", "20.00")
                    .containsEntry("id", first.rows().get(1).id());
            assertThat(count(node, "product")).isEqualTo(3);
            assertThat(count(node, "audit_entry")).isEqualTo(audit + 1);
            assertThat(count(node, "change_log")).isEqualTo(changes + 1);
            assertThat(rows(node, "audit-entries", "action", "update")).extracting(row -> row.get("summary"))
                    .containsExactly("vat_rate");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aDryRunChecksEveryRowAndWritesNothing(Engine engine) throws IOException {
        try (Node node = node(engine)) {
            long changes = count(node, "change_log");
            long audit = count(node, "audit_entry");
            ImportReport products = importer(node).run(MANAGER, ImportKind.PRODUCTS, file("products.csv"),
                    ImportOptions.DEFAULT.dryRun(true));
            assertThat(products.dryRun()).isTrue();
            assertThat(products.summary()).isEqualTo(
                    "dry run, nothing written: products: 5 read, 3 created, 0 updated, 0 unchanged, 2 failed");
            assertThat(errors(products)).containsExactly(tuple(4, "vat_rate", "invalid"),
                    tuple(5, "group_code", "not-found"));
            ImportReport counterparties = importer(node).run(MANAGER, ImportKind.COUNTERPARTIES,
                    file("counterparties-semicolon-bom.csv"), ImportOptions.DEFAULT.dryRun(true).delimiter(';'));
            assertThat(counterparties.summary()).endsWith("6 read, 2 created, 1 updated, 0 unchanged, 3 failed");

            assertThat(count(node, "product")).isZero();
            assertThat(count(node, "counterparty")).isEqualTo(1);
            assertThat(one(node, "counterparties", "tax_id", "7701234567")).containsEntry("name", "Старое имя");
            assertThat(count(node, "change_log")).isEqualTo(changes);
            assertThat(count(node, "audit_entry")).isEqualTo(audit);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importsPricesBySkuAndPriceTypeCodeAddingHistoryAndCorrectingTheSameStartDate(Engine engine)
            throws IOException {
        try (Node node = node(engine)) {
            importer(node).run(MANAGER, ImportKind.PRODUCTS, file("products.csv"), ImportOptions.DEFAULT);
            ImportReport report = importer(node).run(MANAGER, ImportKind.PRICES, file("prices.csv"),
                    ImportOptions.DEFAULT);
            assertThat(report.summary()).isEqualTo("prices: 6 read, 3 created, 0 updated, 0 unchanged, 3 failed");
            assertThat(errors(report)).containsExactly(tuple(5, "sku", "not-found"), tuple(6, "currency", "not-found"),
                    tuple(7, "valid_from", "duplicate"));
            String drill = (String) one(node, "products", "sku", "DR-1").get("id");
            String retail = (String) one(node, "price-types", "code", "retail").get("id");
            assertThat(rows(node, "prices", "product_id", drill)).hasSize(3);
            assertThat(rows(node, "prices", "price_type_id", retail)).extracting(row -> row.get("valid_from"),
                    row -> row.get("amount")).containsExactlyInAnyOrder(tuple("2026-01-01", "120.5000"),
                    tuple("2026-07-01", "125.0000"));

            ImportReport correction = importer(node).run(MANAGER, ImportKind.PRICES,
                    ("sku,price_type,currency,amount,valid_from\nDR-1,retail,EUR,119.90,2026-01-01\n"
                            + "DR-1,retail,EUR,125,2026-07-01\n")
                            .getBytes(StandardCharsets.UTF_8), ImportOptions.DEFAULT);
            assertThat(correction.summary()).isEqualTo("prices: 2 read, 0 created, 1 updated, 1 unchanged, 0 failed");
            assertThat(rows(node, "prices", "price_type_id", retail)).extracting(row -> row.get("valid_from"),
                    row -> row.get("amount")).containsExactlyInAnyOrder(tuple("2026-01-01", "119.9000"),
                    tuple("2026-07-01", "125.0000"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theErrorsFileHoldsTheFailedRowsAndImportsOnceCorrected(Engine engine) throws IOException {
        try (Node node = node(engine)) {
            ImportReport report = importer(node).run(MANAGER, ImportKind.PRODUCTS, file("products.csv"),
                    ImportOptions.DEFAULT);
            byte[] errorsFile = report.errorsCsv();
            CsvTable errors = new CsvReader(CsvLimits.DEFAULT).read(errorsFile, null);
            assertThat(errors.header()).containsExactly("sku", "name", "unit", "vat_rate", "group_code", "barcode",
                    "#line", "#field", "#code", "#message");
            assertThat(errors.records()).extracting(CsvRecord::fields).extracting(fields -> fields.subList(0, 9))
                    .containsExactly(List.of("HM-3", "Hammer", "pcs", "120", "TOOLS", "", "4", "vat_rate", "invalid"),
                            List.of("XX-4", "Unknown group", "pcs", "20", "NOPE", "", "5", "group_code", "not-found"));
            assertThat(report.toJson()).containsEntry("read", 5).containsEntry("created", 3).containsEntry("failed", 2);
            assertThat(report.toJson().get("errors")).asList().first().isEqualTo(Map.of("line", 4, "field", "vat_rate",
                    "code", "invalid", "message", "must be between 0 and 100"));

            String corrected = new String(errorsFile, StandardCharsets.UTF_8).replace(",120,", ",20,")
                    .replace(",NOPE,", ",WORK,");
            ImportReport again = importer(node).run(MANAGER, ImportKind.PRODUCTS,
                    corrected.getBytes(StandardCharsets.UTF_8), ImportOptions.DEFAULT);
            assertThat(again.summary()).isEqualTo("products: 2 read, 2 created, 0 updated, 0 unchanged, 0 failed");
            assertThat(one(node, "products", "sku", "XX-4")).containsEntry("group_id",
                    one(node, "product-groups", "code", "WORK").get("id"));
            assertThat(count(node, "product")).isEqualTo(5);
        }
    }
}
