package dev.filial.hq.consolidation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.node.Node;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conflict policies of {@code hq.yml} end to end: HQ on a real server, a branch (SQLite, owner of
 * the counterparties) and an agent (Derby, assigned to them) syncing over HTTP. Each test checks HQ's
 * row, every node's row and the conflict log entry with both values, the policy and the decision.
 */
class PolicyTest {

    @TempDir
    Path directory;

    private Network network;
    private Hub hub;
    private Node branch;
    private Node agent;
    private String volga;
    private String kama;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void hqWinsKeepsHqsValueOverALaterEditOfTheOwner() throws Exception {
        start("conflicts:\n  tables:\n    counterparty:\n      columns: {name: hq-wins}\n");
        setAtHq(volga, "name", "Volga HQ");
        Thread.sleep(5);
        set(branch, volga, "name", "Volga MSK");

        syncAll();

        assertName(volga, "Volga HQ");
        assertThat(hub.conflicts().list(null, 10)).singleElement().satisfies(conflict -> {
            assertDecided(conflict, "column", "hq-wins", "current");
            assertThat(conflict.column()).isEqualTo("name");
            assertThat(conflict.incomingOrigin()).isEqualTo("MSK");
            assertThat(conflict.incomingValue()).isEqualTo("\"Volga MSK\"");
            assertThat(conflict.currentOrigin()).isEqualTo("HQ");
            assertThat(conflict.currentValue()).isEqualTo("\"Volga HQ\"");
        });
    }

    @Test
    void ownerWinsGivesTheOwningBranchTheColumnOverHqAndOverALaterAgent() throws Exception {
        start("conflicts:\n  tables:\n    counterparty: {default: owner-wins}\n");
        set(branch, volga, "name", "Volga MSK");
        Thread.sleep(5);
        setAtHq(volga, "name", "Volga HQ");
        Thread.sleep(5);
        set(agent, volga, "name", "Volga AG1");

        syncAll();

        assertName(volga, "Volga MSK");
        List<Conflict> conflicts = hub.conflicts().list(null, 10);
        assertThat(conflicts).hasSize(2);
        Conflict overHq = byOrigin(conflicts, "MSK");
        assertDecided(overHq, "column", "owner-wins", "incoming");
        assertThat(overHq.incomingValue()).isEqualTo("\"Volga MSK\"");
        assertThat(overHq.currentValue()).isEqualTo("\"Volga HQ\"");
        assertThat(overHq.currentOrigin()).isEqualTo("HQ");
        Conflict overAgent = byOrigin(conflicts, "AG1");
        assertDecided(overAgent, "column", "owner-wins", "current");
        assertThat(overAgent.incomingValue()).isEqualTo("\"Volga AG1\"");
        assertThat(overAgent.currentValue()).isEqualTo("\"Volga MSK\"");
        assertThat(overAgent.currentOrigin()).isEqualTo("MSK");
    }

    @Test
    void manualAppliesTheLatestValueEverywhereAndLeavesTheEntryOpen() throws Exception {
        start("conflicts:\n  tables:\n    counterparty:\n      columns: {note: manual}\n");
        setAtHq(volga, "note", "HQ first");
        set(branch, kama, "note", "MSK first");
        Thread.sleep(5);
        set(branch, volga, "note", "MSK later");
        setAtHq(kama, "note", "HQ later");

        syncAll();

        assertColumn(volga, "note", "MSK later");
        assertColumn(kama, "note", "HQ later");
        assertThat(hub.conflicts().list(Conflict.DECIDED, 10)).isEmpty();
        List<Conflict> open = hub.conflicts().list(Conflict.OPEN, 10);
        assertThat(open).hasSize(2).allSatisfy(conflict -> {
            assertThat(conflict.kind()).isEqualTo("column");
            assertThat(conflict.policy()).isEqualTo("manual");
            assertThat(conflict.column()).isEqualTo("note");
            assertThat(conflict.incomingOrigin()).isEqualTo("MSK");
            assertThat(conflict.note()).startsWith("provisional");
        });
        Conflict nodeLater = byRow(open, volga);
        assertThat(nodeLater.decision()).isEqualTo("incoming");
        assertThat(nodeLater.incomingValue()).isEqualTo("\"MSK later\"");
        assertThat(nodeLater.currentValue()).isEqualTo("\"HQ first\"");
        Conflict hqLater = byRow(open, kama);
        assertThat(hqLater.decision()).isEqualTo("current");
        assertThat(hqLater.incomingValue()).isEqualTo("\"MSK first\"");
        assertThat(hqLater.currentValue()).isEqualTo("\"HQ later\"");
    }

    @Test
    void deleteWinsAppliesADeleteOfARowHqChangedAndLogsIt() throws Exception {
        start(null);
        setAtHq(volga, "note", "changed at HQ");
        branch.writer().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, volga);
            return null;
        });

        syncAll();

        for (Node node : List.of(hub.node(), branch, agent)) {
            assertThat(node.writer().find(Schema.COUNTERPARTY, volga)).as(node.config().code().toString()).isEmpty();
            assertThat(node.writer().find(Schema.COUNTERPARTY, kama)).as(node.config().code().toString()).isPresent();
        }
        assertThat(hub.conflicts().list(null, 10)).singleElement().satisfies(conflict -> {
            assertDecided(conflict, "update-delete", "delete-wins", "incoming");
            assertThat(conflict.rowId()).isEqualTo(volga);
            assertThat(conflict.incomingOrigin()).isEqualTo("MSK");
            assertThat(conflict.incomingValue()).isNull();
            assertThat(conflict.currentValue()).contains("\"note\":\"changed at HQ\"")
                    .contains("\"name\":\"Volga Trade\"");
        });
    }

    @Test
    void updateWinsRefusesADeleteOfARowHqChangedAndSendsTheRowBack() throws Exception {
        start("conflicts:\n  updateVsDelete: update-wins\n");
        setAtHq(volga, "note", "changed at HQ");
        branch.writer().write(changes -> {
            changes.delete(Schema.COUNTERPARTY, volga);
            return null;
        });

        syncAll();

        assertColumn(volga, "note", "changed at HQ");
        assertName(volga, "Volga Trade");
        assertThat(hub.conflicts().list(null, 10)).singleElement().satisfies(conflict -> {
            assertDecided(conflict, "update-delete", "update-wins", "current");
            assertThat(conflict.rowId()).isEqualTo(volga);
            assertThat(conflict.incomingValue()).isNull();
            assertThat(conflict.currentValue()).contains("\"note\":\"changed at HQ\"");
        });
    }

    @Test
    void anUpdateOfARowHqDeletedIsDroppedUnderDeleteWinsAndTheRowDeletedAtTheNode() throws Exception {
        start(null);
        deleteAtHq(kama);
        set(branch, kama, "note", "MSK note");

        syncAll();

        for (Node node : List.of(hub.node(), branch, agent)) {
            assertThat(node.writer().find(Schema.COUNTERPARTY, kama)).as(node.config().code().toString()).isEmpty();
        }
        assertThat(hub.conflicts().list(null, 10)).singleElement().satisfies(conflict -> {
            assertDecided(conflict, "update-delete", "delete-wins", "current");
            assertThat(conflict.rowId()).isEqualTo(kama);
            assertThat(conflict.incomingValue()).isEqualTo("{\"note\":\"MSK note\"}");
            assertThat(conflict.currentValue()).isNull();
        });
    }

    @Test
    void anUpdateOfARowHqDeletedBringsItBackEverywhereUnderUpdateWins() throws Exception {
        start("conflicts:\n  updateVsDelete: update-wins\n");
        deleteAtHq(kama);
        set(branch, kama, "note", "MSK note");

        syncAll();

        for (Node node : List.of(hub.node(), branch, agent)) {
            Map<String, Value> row = node.writer().find(Schema.COUNTERPARTY, kama).orElseThrow();
            assertThat(Network.text(row, "name")).as(node.config().code().toString()).isEqualTo("Kama Foods");
            assertThat(Network.text(row, "note")).as(node.config().code().toString()).isEqualTo("MSK note");
        }
        assertThat(hub.conflicts().list(null, 10)).singleElement().satisfies(conflict -> {
            assertDecided(conflict, "update-delete", "update-wins", "incoming");
            assertThat(conflict.incomingValue()).isEqualTo("{\"note\":\"MSK note\"}");
            assertThat(conflict.currentValue()).contains("\"name\":\"Kama Foods\"");
        });
    }

    private void deleteAtHq(String id) {
        hub.write(changes -> {
            changes.delete(Schema.COUNTERPARTY, id);
            return null;
        });
    }

    /** HQ with {@code settings} as hq.yml, two counterparties of MSK assigned to AG1, and both nodes joined. */
    private void start(String settings) throws Exception {
        network = Network.start(directory, settings);
        hub = network.hub();
        volga = network.customer("Volga Trade", "MSK", "AG1");
        kama = network.customer("Kama Foods", "MSK", "AG1");
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        agent = network.join("AG1", "Agent Petrov", "agent", Engine.DERBY);
    }

    /** A node's edit of one column of a counterparty. */
    private static void set(Node node, String id, String column, String value) {
        node.writer().write(changes -> changes.update(Schema.COUNTERPARTY, id, Map.of(column, Value.of(value))));
    }

    /** HQ's edit of one column of a counterparty. */
    private void setAtHq(String id, String column, String value) {
        hub.write(changes -> changes.update(Schema.COUNTERPARTY, id, Map.of(column, Value.of(value))));
    }

    /** Branch, agent, then both again, so every decision has reached every node. */
    private void syncAll() {
        for (int round = 0; round < 2; round++) {
            assertThat(network.sync(branch).refused()).isEmpty();
            assertThat(network.sync(agent).refused()).isEmpty();
        }
    }

    private void assertName(String id, String expected) {
        assertColumn(id, "name", expected);
    }

    private void assertColumn(String id, String column, String expected) {
        for (Node node : List.of(hub.node(), branch, agent)) {
            assertThat(Network.text(node, Schema.COUNTERPARTY, id, column))
                    .as(column + " at " + node.config().code()).isEqualTo(expected);
        }
    }

    private static void assertDecided(Conflict conflict, String kind, String policy, String decision) {
        assertThat(conflict.kind()).isEqualTo(kind);
        assertThat(conflict.status()).isEqualTo(Conflict.DECIDED);
        assertThat(conflict.policy()).isEqualTo(policy);
        assertThat(conflict.decidedBy()).isEqualTo(policy);
        assertThat(conflict.decision()).isEqualTo(decision);
    }

    private static Conflict byOrigin(List<Conflict> conflicts, String origin) {
        return conflicts.stream().filter(c -> c.incomingOrigin().equals(origin)).findFirst().orElseThrow();
    }

    private static Conflict byRow(List<Conflict> conflicts, String id) {
        return conflicts.stream().filter(c -> c.rowId().equals(id)).findFirst().orElseThrow();
    }
}
