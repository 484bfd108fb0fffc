package dev.filial.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.csv.CsvLimits;
import dev.filial.node.csv.CsvReader;
import dev.filial.node.csv.CsvRecord;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code filial-node import}: exit codes, the printed report, the errors file, dry runs. */
class ImportCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return NodeCommand.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path resource(String name) throws Exception {
        Path file = directory.resolve(name);
        try (InputStream in = ImportCommandTest.class.getResourceAsStream("/imports/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private static List<String> skus(Path home) {
        try (Node node = Node.open(new NodeHome(home))) {
            return node.entities().list(Actor.SYSTEM, "products", new ListQuery(List.of(),
                    List.of(new ListQuery.Sort("sku", false)), 0, 100)).items().stream()
                    .map(row -> (String) row.get("sku")).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importsAFileReportsFailedRowsInAnErrorsFileAndAnswersTheExitCode(Engine engine) throws Exception {
        Path home = directory.resolve("msk");
        assertThat(NodeCommand.run("init", "--home", home.toString(), "--code", "MSK", "--engine", engine.code()))
                .isZero();
        try (Node node = Node.open(new NodeHome(home))) {
            for (String code : List.of("TOOLS", "WORK")) {
                node.entities().create(Actor.SYSTEM, "product-groups", Map.of("code", code, "name", code), false);
            }
        }
        Path products = resource("products.csv");
        Path errors = directory.resolve("products-errors.csv");

        assertThat(run("import", "--home", home.toString(), "products", products.toString(), "--dry-run")).isEqualTo(1);
        assertThat(skus(home)).as("a dry run writes nothing").isEmpty();

        assertThat(run("import", "--home", home.toString(), "products", products.toString(), "--errors",
                errors.toString())).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("products: 5 read, 3 created, 0 updated, 0 unchanged, 2 failed")
                .contains("line 4: vat_rate invalid: must be between 0 and 100")
                .contains("line 5: group_code not-found:");
        assertThat(skus(home)).containsExactly("DR-1", "GL-2", "SC-5");
        assertThat(new CsvReader(CsvLimits.DEFAULT).read(Files.readAllBytes(errors), null).records())
                .extracting(CsvRecord::fields).extracting(fields -> fields.get(0)).containsExactly("HM-3", "XX-4");

        Files.writeString(errors, Files.readString(errors).replace(",120,", ",20,").replace(",NOPE,", ",WORK,"));
        assertThat(run("import", "--home", home.toString(), "products", errors.toString())).isZero();
        assertThat(skus(home)).containsExactly("DR-1", "GL-2", "HM-3", "SC-5", "XX-4");

        printed.reset();
        Path unclosed = directory.resolve("unclosed.csv");
        Files.writeString(unclosed, "sku,name,unit,vat_rate\nZZ-1,\"Zed,pcs,20\n");
        assertThat(run("import", "--home", home.toString(), "products", unclosed.toString())).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("error: line 2:")
                .contains("hint: close the quote");
        assertThat(run("import", "--home", home.toString(), "sales", unclosed.toString())).isEqualTo(1);
        assertThat(run("import", "--home", home.toString(), "products")).isEqualTo(2);
        assertThat(skus(home)).hasSize(5);
    }
}
