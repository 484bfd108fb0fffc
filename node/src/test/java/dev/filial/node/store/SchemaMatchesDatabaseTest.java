package dev.filial.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaMatchesDatabaseTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyReplicatedTableHasExactlyTheDeclaredColumnsAndNullability(Engine engine) {
        try (Database database = Database.open(engine, engine.location(directory))) {
            for (Table table : Schema.TABLES) {
                Map<String, Boolean> expected = new LinkedHashMap<>();
                expected.put(Table.ID, true);
                table.columns().forEach(column -> expected.put(column.name(), column.required()));
                Map<String, Boolean> actual = database.read(connection -> {
                    DatabaseMetaData meta = connection.getMetaData();
                    String name = engine == Engine.DERBY ? table.name().toUpperCase(Locale.ROOT) : table.name();
                    Map<String, Boolean> found = new LinkedHashMap<>();
                    try (ResultSet columns = meta.getColumns(null, null, name, null)) {
                        while (columns.next()) {
                            found.put(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                                    columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls);
                        }
                    }
                    return found;
                });
                assertThat(actual).as(engine + " " + table.name()).containsExactlyEntriesOf(expected);
            }
        }
    }
}
