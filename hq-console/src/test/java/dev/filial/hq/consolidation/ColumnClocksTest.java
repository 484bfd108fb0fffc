package dev.filial.hq.consolidation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.capture.RowKey;
import dev.filial.node.store.Database;
import dev.filial.node.store.Engine;
import dev.filial.protocol.clock.Hlc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Column stamps written back run after run on a real database: updated in place, replaced by a row write. */
class ColumnClocksTest {

    private static final RowKey COUNTERPARTY = new RowKey("counterparty", "01a20b6e-6478-7970-b530-9a4ed65c7262");
    private static final Stamp INSERTED = new Stamp(new Hlc(1_000, 0), "MSK");
    private static final Stamp RENAMED = new Stamp(new Hlc(2_000, 0), "AG1");
    private static final Stamp RENAMED_AGAIN = new Stamp(new Hlc(3_000, 1), "MSK");
    private static final Stamp DELETED = new Stamp(new Hlc(4_000, 0), "HQ");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void updatesStoredStampsInPlaceAndARowWriteReplacesTheColumnStamps(Engine engine) {
        try (Database database = Database.open(engine, engine.location(directory))) {
            run(database, true, clocks -> clocks.wrote(COUNTERPARTY, ColumnClocks.ROW, INSERTED));
            run(database, true, clocks -> {
                assertThat(clocks.of(COUNTERPARTY, "name")).isEqualTo(INSERTED);
                clocks.wrote(COUNTERPARTY, "name", RENAMED);
            });
            run(database, true, clocks -> clocks.wrote(COUNTERPARTY, "name", RENAMED_AGAIN));
            run(database, true, clocks -> {
                assertThat(clocks.of(COUNTERPARTY, "name")).isEqualTo(RENAMED_AGAIN);
                assertThat(clocks.of(COUNTERPARTY, "note")).isEqualTo(INSERTED);
                clocks.wrote(COUNTERPARTY, ColumnClocks.ROW, DELETED);
            });
            run(database, true, clocks -> {
                assertThat(clocks.of(COUNTERPARTY, "name")).isEqualTo(DELETED);
                assertThat(clocks.of(COUNTERPARTY, "note")).isEqualTo(DELETED);
            });
            assertThat(stored(database)).containsExactly("*");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void writesTheStampsOfARowWhoseStoredStampsWereNotLoaded(Engine engine) {
        try (Database database = Database.open(engine, engine.location(directory))) {
            run(database, true, clocks -> {
                clocks.wrote(COUNTERPARTY, ColumnClocks.ROW, INSERTED);
                clocks.wrote(COUNTERPARTY, "name", RENAMED);
            });
            run(database, false, clocks -> {
                clocks.wrote(COUNTERPARTY, "name", RENAMED_AGAIN);
                clocks.wrote(COUNTERPARTY, "note", RENAMED_AGAIN);
            });
            run(database, true, clocks -> {
                assertThat(clocks.of(COUNTERPARTY, "name")).isEqualTo(RENAMED_AGAIN);
                assertThat(clocks.of(COUNTERPARTY, "note")).isEqualTo(RENAMED_AGAIN);
                assertThat(clocks.of(COUNTERPARTY, "manager")).isEqualTo(INSERTED);
            });
            assertThat(stored(database)).containsExactlyInAnyOrder("*", "name", "note");
        }
    }

    /** One run: a fresh {@link ColumnClocks}, the row's stamps loaded or not, {@code work}, then the flush. */
    private static void run(Database database, boolean load, Consumer<ColumnClocks> work) {
        database.write(connection -> {
            ColumnClocks clocks = new ColumnClocks();
            if (load) {
                clocks.load(connection, COUNTERPARTY.table(), List.of(COUNTERPARTY.id()));
            }
            work.accept(clocks);
            clocks.flush(connection);
            return null;
        });
    }

    private static List<String> stored(Database database) {
        return database.read(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT column_name FROM hub_column_clock WHERE row_id = ? ORDER BY column_name")) {
                select.setString(1, COUNTERPARTY.id());
                try (var rows = select.executeQuery()) {
                    List<String> columns = new ArrayList<>();
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                    }
                    return columns;
                }
            }
        });
    }
}
