package dev.filial.protocol.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.clock.Hlc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final String ID = Uuid7.next(1_700_000_000_000L, new Random(1));
    private static final NodeCode HQ = NodeCode.parse("HQ");
    private static final Hlc HLC = new Hlc(1_700_000_000_000L, 3);
    private static final RowChange CHANGE = RowChange.insert("product", "r1", Map.of("name", Value.of("Tea")));

    @Test
    void holdsItsChanges() {
        Transaction tx = new Transaction(ID, HQ, HLC, List.of(CHANGE));

        assertThat(tx.id()).isEqualTo(ID);
        assertThat(tx.origin()).isEqualTo(HQ);
        assertThat(tx.hlc()).isEqualTo(HLC);
        assertThat(tx.changes()).containsExactly(CHANGE);
    }

    @Test
    void changesAreCopiedAndUnmodifiable() {
        List<RowChange> changes = new ArrayList<>(List.of(CHANGE));
        Transaction tx = new Transaction(ID, HQ, HLC, changes);
        changes.add(RowChange.delete("product", "r2", null));

        assertThat(tx.changes()).containsExactly(CHANGE);
        assertThatThrownBy(() -> tx.changes().add(CHANGE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAnIdThatIsNotAUuid7() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Transaction("0190a5b2-7c3d-4e4f-8a1b-2c3d4e5f6a7b", HQ, HLC, List.of(CHANGE)))
                .withMessageContaining("transaction id must be a lower-case UUIDv7");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Transaction(ID.toUpperCase(), HQ, HLC, List.of(CHANGE)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Transaction(null, HQ, HLC, List.of(CHANGE)));
    }

    @Test
    void rejectsAnEmptyTransaction() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Transaction(ID, HQ, HLC, List.of()))
                .withMessageContaining("at least one change");
    }

    @Test
    void rejectsMissingParts() {
        assertThatNullPointerException().isThrownBy(() -> new Transaction(ID, null, HLC, List.of(CHANGE)))
                .withMessageContaining("origin");
        assertThatNullPointerException().isThrownBy(() -> new Transaction(ID, HQ, null, List.of(CHANGE)))
                .withMessageContaining("hlc");
        assertThatNullPointerException().isThrownBy(() -> new Transaction(ID, HQ, HLC, null));
    }
}
