package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RowChangeTest {

    private static final String ROW = "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";

    @Test
    void insertCarriesNewValuesAndNoOld() {
        RowChange change = RowChange.insert("product", ROW, Map.of("name", Value.of("Tea"), "price",
                Value.of(new BigDecimal("1.50"))));

        assertThat(change.operation()).isEqualTo(Operation.INSERT);
        assertThat(change.table()).isEqualTo("product");
        assertThat(change.rowId()).isEqualTo(ROW);
        assertThat(change.newValues()).containsOnlyKeys("name", "price");
        assertThat(change.oldValues()).isEmpty();
    }

    @Test
    void insertWithoutNewValuesIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RowChange.insert("product", ROW, Map.of()))
                .withMessageContaining("insert needs new values");
        assertThatIllegalArgumentException().isThrownBy(() -> RowChange.insert("product", ROW, null))
                .withMessageContaining("insert needs new values");
    }

    @Test
    void insertWithOldValuesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RowChange("product", ROW, Operation.INSERT,
                        Map.of("name", Value.of("Tea")), Map.of("name", Value.NULL)))
                .withMessageContaining("insert has no old values");
    }

    @Test
    void updateCarriesOldValuesForTheSameColumns() {
        RowChange change = RowChange.update("product", ROW,
                Map.of("name", Value.of("Green tea"), "price", Value.of(new BigDecimal("2.00"))),
                Map.of("price", Value.of(new BigDecimal("1.50")), "name", Value.of("Tea")));

        assertThat(change.operation()).isEqualTo(Operation.UPDATE);
        assertThat(change.oldValues().keySet()).isEqualTo(change.newValues().keySet());
        assertThat(change.oldValues()).containsEntry("name", Value.of("Tea"));
    }

    @Test
    void updateMayChangeAColumnFromNull() {
        RowChange change = RowChange.update("product", ROW, Map.of("note", Value.of("x")),
                Map.of("note", Value.NULL));

        assertThat(change.oldValues()).containsEntry("note", Value.NULL);
    }

    @Test
    void updateWithDifferentColumnsInOldAndNewIsRejected() {
        String message = "update carries old values for exactly the columns it changes";
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.update("product", ROW, Map.of("name", Value.of("a")), Map.of()))
                .withMessageContaining(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.update("product", ROW, Map.of("name", Value.of("a")),
                        Map.of("name", Value.of("b"), "price", Value.of(1))))
                .withMessageContaining(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.update("product", ROW,
                        Map.of("name", Value.of("a"), "price", Value.of(2)), Map.of("name", Value.of("b"))))
                .withMessageContaining(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.update("product", ROW, Map.of("name", Value.of("a")),
                        Map.of("title", Value.of("b"))))
                .withMessageContaining(message);
    }

    @Test
    void updateWithoutNewValuesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.update("product", ROW, Map.of(), Map.of()))
                .withMessageContaining("update needs new values");
    }

    @Test
    void deleteHasNoNewValuesAndMayCarryOldOnes() {
        RowChange bare = RowChange.delete("product", ROW, null);
        RowChange withOld = RowChange.delete("product", ROW, Map.of("name", Value.of("Tea")));

        assertThat(bare.operation()).isEqualTo(Operation.DELETE);
        assertThat(bare.newValues()).isEmpty();
        assertThat(bare.oldValues()).isEmpty();
        assertThat(withOld.newValues()).isEmpty();
        assertThat(withOld.oldValues()).containsExactly(Map.entry("name", Value.of("Tea")));
    }

    @Test
    void deleteWithNewValuesIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RowChange("product", ROW, Operation.DELETE,
                        Map.of("name", Value.of("Tea")), Map.of()))
                .withMessageContaining("delete has no new values");
    }

    @Test
    void missingOperationIsRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> new RowChange("product", ROW, null, Map.of("a", Value.of(1)), null))
                .withMessageContaining("operation");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Product", "1product", "_product", "pro-duct", "pro duct", "product;", "produ\u0441t",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidTableNamesAreRejectedWithAMessage(String table) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.insert(table, ROW, Map.of("name", Value.of("x"))))
                .withMessageContaining("table name must match")
                .withMessageContaining(String.valueOf(table));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "product", "stock_item", "t2", "a_", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validNamesAreAccepted(String name) {
        assertThat(RowChange.isValidName(name)).isTrue();
        RowChange change = RowChange.insert(name, ROW, Map.of(name, Value.of(1)));
        assertThat(change.table()).isEqualTo(name);
        assertThat(change.newValues()).containsKey(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Name", "9lives", "na-me", "name ", "\"name\"",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidColumnNamesAreRejectedWithAMessage(String column) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.insert("product", ROW, Map.of(column, Value.of("x"))))
                .withMessageContaining("column name must match")
                .withMessageContaining(column);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.delete("product", ROW, Map.of(column, Value.of("x"))))
                .withMessageContaining("column name must match");
    }

    @Test
    void nullColumnNameIsRejected() {
        Map<String, Value> values = new HashMap<>();
        values.put(null, Value.of(1));

        assertThatIllegalArgumentException().isThrownBy(() -> RowChange.insert("product", ROW, values))
                .withMessageContaining("column name must match");
    }

    @Test
    void javaNullValueIsRejectedPointingToValueNull() {
        Map<String, Value> values = new HashMap<>();
        values.put("name", null);

        assertThatNullPointerException().isThrownBy(() -> RowChange.insert("product", ROW, values))
                .withMessageContaining("name")
                .withMessageContaining("Value.NULL");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"01234567890123456789012345678901234567890123456789012345678901234"})
    void invalidRowIdsAreRejectedWithAMessage(String rowId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RowChange.insert("product", rowId, Map.of("name", Value.of("x"))))
                .withMessageContaining("row id must have 1 to 64 characters");
    }

    @Test
    void rowIdOfSixtyFourCharactersIsAccepted() {
        String rowId = "x".repeat(64);

        assertThat(RowChange.insert("product", rowId, Map.of("name", Value.of("x"))).rowId()).isEqualTo(rowId);
    }

    @Test
    void mapsAreCopied() {
        Map<String, Value> newValues = new LinkedHashMap<>(Map.of("name", Value.of("Green tea")));
        Map<String, Value> oldValues = new LinkedHashMap<>(Map.of("name", Value.of("Tea")));
        RowChange change = RowChange.update("product", ROW, newValues, oldValues);

        newValues.put("name", Value.of("changed"));
        newValues.put("price", Value.of(1));
        oldValues.clear();

        assertThat(change.newValues()).containsExactly(Map.entry("name", Value.of("Green tea")));
        assertThat(change.oldValues()).containsExactly(Map.entry("name", Value.of("Tea")));
    }

    @Test
    void mapsAreUnmodifiable() {
        RowChange change = RowChange.update("product", ROW,
                new HashMap<>(Map.of("name", Value.of("Green tea"))), new HashMap<>(Map.of("name", Value.of("Tea"))));
        RowChange delete = RowChange.delete("product", ROW, null);

        assertThatThrownBy(() -> change.newValues().put("price", Value.of(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> change.oldValues().remove("name"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> change.newValues().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> delete.newValues().put("a", Value.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> delete.oldValues().put("a", Value.NULL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsColumnOrderOfTheGivenMap() {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("zeta", Value.of(1));
        values.put("alpha", Value.of(2));
        values.put("mid", Value.of(3));

        assertThat(RowChange.insert("t", ROW, values).newValues().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void equalChangesAreEqual() {
        RowChange a = RowChange.insert("t", ROW, Map.of("p", Value.of(new BigDecimal("1.50"))));
        RowChange b = RowChange.insert("t", ROW, new HashMap<>(Map.of("p", Value.of(new BigDecimal("1.50")))));
        RowChange c = RowChange.insert("t", ROW, Map.of("p", Value.of(new BigDecimal("1.5"))));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(c);
    }
}
