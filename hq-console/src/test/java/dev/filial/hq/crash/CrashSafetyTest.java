package dev.filial.hq.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.Network;
import dev.filial.node.Node;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.store.CrashPoint;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A node or HQ halted for real (a child JVM, {@code Runtime.halt} at a {@link CrashPoint}) in the middle
 * of a sync, then restarted from the same home: after syncing to completion HQ and the branch hold the
 * same rows, every transaction was taken once ({@code applied_tx}, {@code hub_log}) and nothing waits
 * to be sent. Each case also checks what the crash left behind, so that it proves the point was where
 * it claims: a commit either happened whole or left no trace.
 */
class CrashSafetyTest {

    private static final int HQ_EDITS = 3;

    @TempDir
    Path directory;

    private Network network;
    private String volga;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "outbox.before-commit, SQLITE, false, false",
        "exchange.after-pack,  SQLITE, false, false",
        "exchange.after-push,  SQLITE, true,  false",
        "inbox.before-commit,  DERBY,  true,  false",
        "inbox.after-commit,   SQLITE, true,  true"})
    void aNodeHaltedInTheMiddleOfASyncRecoversOnRestart(String point, Engine engine, boolean hqTookThePush,
                                                         boolean nodeTookThePull) throws Exception {
        start(Engine.SQLITE);
        Node branch = network.join("MSK", "Moscow branch", "branch", engine);
        int branchTransactions = 3;
        branchEdits(branch, branchTransactions, 1);
        hubEdits();
        long appliedAtBranch = appliedFromHub(branch);
        network.close(branch);

        try (ChildJvm child = ChildJvm.start(directory.resolve("node.log"), point, "sync",
                network.nodeHome("MSK").root().toString(), network.url().toString())) {
            assertThat(child.exitStatus()).as(child.describe()).isEqualTo(CrashPoint.HALT_STATUS);
        }

        assertThat(contacts(network.hub().node())).hasSize(HQ_EDITS + (hqTookThePush ? branchTransactions : 0));
        Node restarted = network.reopen("MSK");
        assertThat(contacts(restarted)).hasSize(branchTransactions + (nodeTookThePull ? HQ_EDITS : 0));
        syncToCompletion(restarted);
        assertConverged(restarted, branchTransactions, branchTransactions);
        assertThat(appliedFromHub(restarted)).as("HQ's edits and the branch's own, each once")
                .isEqualTo(appliedAtBranch + HQ_EDITS + branchTransactions);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "consolidation.mid-run#2,  DERBY,  false",
        "sync.push.before-answer,  SQLITE, true",
        "sync.pull.before-answer,  SQLITE, true"})
    void hqHaltedInTheMiddleOfASyncRecoversOnRestart(String point, Engine engine, boolean hqTookThePush)
            throws Exception {
        start(engine);
        Engine other = engine == Engine.DERBY ? Engine.SQLITE : Engine.DERBY;
        Node branch = network.join("MSK", "Moscow branch", "branch", other);
        int branchTransactions = 12;
        int perTransaction = 250; // 3,000 changes: two consolidation runs (of 2,000), so #2 falls in the batch
        branchEdits(branch, branchTransactions, perTransaction);
        hubEdits();
        network.stop();

        try (ChildJvm child = ChildJvm.start(directory.resolve("hq.log"), point, "serve",
                network.hqHome().root().toString(), Integer.toString(network.port()))) {
            child.awaitLine("ready");
            assertThatThrownBy(() -> network.sync(branch)).isInstanceOf(ExchangeException.class);
            assertThat(child.exitStatus()).as(child.describe()).isEqualTo(CrashPoint.HALT_STATUS);
        }

        network.restart();
        int pushed = branchTransactions * perTransaction;
        assertThat(contacts(network.hub().node())).hasSize(HQ_EDITS + (hqTookThePush ? pushed : 0));
        assertThat(contacts(branch)).hasSize(pushed);
        syncToCompletion(branch);
        assertConverged(branch, pushed, branchTransactions);
    }

    private void start(Engine hqEngine) throws Exception {
        network = Network.start(directory, null, hqEngine);
        volga = network.customer("Volga Trade", "MSK", null);
    }

    private void branchEdits(Node branch, int transactions, int perTransaction) {
        for (int t = 0; t < transactions; t++) {
            int batch = t;
            branch.writer().write(changes -> {
                for (int i = 0; i < perTransaction; i++) {
                    changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id", Value.of(volga),
                            "name", Value.of("Branch contact " + batch + "." + i)));
                }
                return null;
            });
        }
    }

    private void hubEdits() {
        for (int i = 0; i < HQ_EDITS; i++) {
            String name = "HQ contact " + i;
            network.hub().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                    "counterparty_id", Value.of(volga), "name", Value.of(name))));
        }
    }

    /** Two syncs: the second carries the acknowledgements of the first. */
    private void syncToCompletion(Node branch) {
        for (int round = 0; round < 2; round++) {
            assertThat(network.sync(branch).refused()).isEmpty();
        }
    }

    private void assertConverged(Node branch, int branchRows, int branchTransactions) {
        Node hq = network.hub().node();
        assertThat(contacts(branch)).hasSize(HQ_EDITS + branchRows).isEqualTo(contacts(hq));
        assertThat(Network.number(hq, "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", "MSK"))
                .isEqualTo(branchTransactions);
        assertThat(Network.number(hq, "SELECT COUNT(*) FROM hub_log WHERE origin = ?", "MSK"))
                .isEqualTo(branchTransactions);
        assertThat(Network.number(hq, "SELECT COUNT(DISTINCT tx_id) FROM hub_log WHERE origin = ?", "MSK"))
                .isEqualTo(branchTransactions);
        assertThat(Network.count(branch, "change_log")).isZero();
        assertThat(branch.outbox().channel(branch.config().hub()).backlog()).isZero();
        for (Node node : List.of(hq, branch)) {
            assertThat(Network.count(node, "quarantine")).isZero();
            assertThat(Network.count(node, "inbound_held")).isZero();
        }
    }

    private static long appliedFromHub(Node node) {
        return Network.number(node, "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", "HQ");
    }

    /** Every contact as "id name", in id order. */
    private static List<String> contacts(Node node) {
        return node.database().read(connection -> {
            List<String> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name FROM contact_person ORDER BY id"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
            return found;
        });
    }
}
