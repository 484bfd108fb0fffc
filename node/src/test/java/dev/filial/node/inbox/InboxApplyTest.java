package dev.filial.node.inbox;

import static dev.filial.node.inbox.InboxTest.currency;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What applying a batch does to rows and tombstones when its changes are written as JDBC batches:
 * order within the batch, upserts, skips, tombstones settled by each row's last change, exactly-once
 * across batches and across the runs a batch is applied in, and nothing left behind by a batch that
 * fails after some of its runs were written.
 */
class InboxApplyTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");

    @TempDir
    Path directory;

    private static RowChange rename(String id, String from, String to) {
        return RowChange.update("currency", id, Map.of("name", Value.of(to)), Map.of("name", Value.of(from)));
    }

    private static RowChange delete(String id) {
        return RowChange.delete("currency", id, Map.of());
    }

    private static Optional<Map<String, Value>> row(Node node, String id) {
        return node.writer().find(Schema.CURRENCY, id);
    }

    private static Optional<String> tombstone(Node node, String id) {
        return node.database().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT hlc FROM tombstone WHERE table_name = 'currency' AND row_id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** {@code count} inserts of new currencies with codes {@code prefix} + a letter. */
    private static List<RowChange> currencies(String prefix, int count) {
        List<RowChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(currency(Uuid7.next(), prefix + (char) ('A' + i % 26), prefix + " currency " + i));
        }
        return changes;
    }

    private static Receipt receive(Node node, TestHub hub, Transaction... transactions) {
        return node.inbox().receive("test", hub.send(transactions).get(0).bytes());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void appliesChangesInOrderAndSettlesTombstonesByEachRowsLastChange(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String kept = Uuid7.next();
            String gone = Uuid7.next();
            String back = Uuid7.next();
            String never = Uuid7.next();
            assertThat(receive(node, hub, hub.transaction(currency(kept, "EUR", "Euro"), currency(back, "USD", "Dollar")))
                    .code()).isEqualTo("applied");

            Transaction deleteBack = hub.transaction(delete(back));
            Transaction deleteGone = hub.transaction(delete(gone));
            Receipt receipt = receive(node, hub,
                    hub.transaction(currency(kept, "EUR", "Euro again"), rename(kept, "Euro again", "Euro (final)")),
                    hub.transaction(currency(gone, "GBP", "Pound")),
                    deleteGone,
                    deleteBack,
                    hub.transaction(currency(back, "USD", "Dollar (back)")),
                    hub.transaction(rename(never, "x", "y"), delete(never)));

            assertThat(receipt.code()).isEqualTo("applied");
            assertThat(receipt.changes()).as("applied row changes; the update and delete of a missing row are skipped")
                    .isEqualTo(6);
            assertThat(row(node, kept).orElseThrow()).containsEntry("name", Value.of("Euro (final)"));
            assertThat(row(node, gone)).isEmpty();
            assertThat(tombstone(node, gone)).contains(deleteGone.hlc().toString());
            assertThat(row(node, back).orElseThrow()).containsEntry("name", Value.of("Dollar (back)"));
            assertThat(tombstone(node, back)).as("re-inserted after its delete in the same batch").isEmpty();
            assertThat(row(node, never)).isEmpty();

            assertThat(receive(node, hub, hub.transaction(currency(gone, "GBP", "Pound (back)"))).code())
                    .isEqualTo("applied");
            assertThat(row(node, gone)).isPresent();
            assertThat(tombstone(node, gone)).as("cleared by a later batch's insert").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTransactionInTwoBatchesIsAppliedOnce(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            String id = Uuid7.next();
            Transaction insert = hub.transaction(currency(id, "EUR", "Euro"));
            assertThat(receive(node, hub, insert).code()).isEqualTo("applied");

            String other = Uuid7.next();
            Transaction insertOther = hub.transaction(currency(other, "USD", "Dollar"));
            List<Transaction> second = new ArrayList<>(List.of(hub.transaction(delete(id)), insert,
                    insertOther, insertOther, hub.transaction(delete(other))));
            second.add(hub.transaction(currencies("F", BatchApplication.RUN_CHANGES).toArray(RowChange[]::new)));
            second.add(insert);
            second.add(insertOther);
            Receipt receipt = receive(node, hub, second.toArray(Transaction[]::new));

            assertThat(receipt.code()).isEqualTo("applied");
            assertThat(receipt.changes()).as("two deletes, one insert and the filler; no transaction twice")
                    .isEqualTo(3 + BatchApplication.RUN_CHANGES);
            assertThat(row(node, other))
                    .as("inserted twice in one run, deleted, and inserted again in a later run: applied once")
                    .isEmpty();
            assertThat(row(node, id)).as("the repeated insert was not applied again after the delete").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBatchThatFailsAfterItsFirstRunLeavesNothingBehind(Engine engine) throws Exception {
        TestHub hub = new TestHub(MSK);
        try (Node node = TestNodes.create(directory, "MSK", engine, hub)) {
            List<RowChange> good = new ArrayList<>();
            List<Transaction> transactions = new ArrayList<>();
            while (good.size() < BatchApplication.RUN_CHANGES + 50) {
                List<RowChange> changes = currencies("C", 50);
                good.addAll(changes);
                transactions.add(hub.transaction(changes.toArray(RowChange[]::new)));
            }
            transactions.add(hub.transaction(currency(Uuid7.next(), "TOOLONG", "refused by the column's size")));
            Receipt failed = receive(node, hub, transactions.toArray(Transaction[]::new));

            assertThat(failed.code()).isEqualTo("apply-failed");
            assertThat(failed.hint()).contains("code");
            String local = node.writer().write(changes -> changes.insert(Schema.CURRENCY,
                    Map.of("code", Value.of("SEK"), "name", Value.of("Krona"), "minor_units", Value.of(2))));

            assertThat(row(node, local)).isPresent();
            assertThat(good).allSatisfy(change -> assertThat(row(node, change.rowId())).isEmpty());
            assertThat(node.quarantine().list()).hasSize(1);
        }
    }
}
