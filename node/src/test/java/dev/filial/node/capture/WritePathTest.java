package dev.filial.node.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proves that replicated tables are written only by the write path: no main source file outside
 * {@code capture/RowSql.java} contains SQL that inserts into, updates or deletes from a replicated
 * table, nor builds such SQL from a table name. Migrations create the tables and write no rows.
 */
class WritePathTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Path WRITE_PATH = MAIN.resolve("dev/filial/node/capture/RowSql.java");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|REPLACE\\s+INTO)\\s+\"?\\s*\\+?\\s*([a-z_.()]+)");

    @Test
    void onlyTheWritePathWritesReplicatedTables() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.equals(WRITE_PATH)) {
                    continue;
                }
                Matcher matcher = WRITE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String target = matcher.group(2).toLowerCase();
                    boolean replicated = Schema.TABLES.stream().map(Table::name).anyMatch(target::equals);
                    boolean dynamic = target.contains("table") || target.contains("name()");
                    if (replicated || dynamic) {
                        offenders.add(MAIN.relativize(file) + ": " + matcher.group());
                    }
                }
            }
        }
        assertThat(offenders).as("writes to replicated tables outside the write path").isEmpty();
    }

    @Test
    void migrationsCreateReplicatedTablesButWriteNoRowsIntoThem() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher matcher = WRITE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String target = matcher.group(2).toLowerCase();
                    assertThat(Schema.TABLES.stream().map(Table::name)).as(file + ": " + matcher.group()).doesNotContain(target);
                }
            }
        }
    }

    @Test
    void theCheckRecognisesAWriteWhenItSeesOne() {
        assertThat(WRITE.matcher("\"DELETE FROM counterparty WHERE id = ?\"").find()).isTrue();
        Matcher dynamic = WRITE.matcher("\"UPDATE \" + table.name() + \" SET \"");
        assertThat(dynamic.find()).isTrue();
        assertThat(dynamic.group(2)).contains("table");
    }
}
