package dev.filial.hq.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.hq.sync.CuttingProxy.Cut;
import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs cut off by a real TCP proxy between the node and HQ, on push and on pull, part way through
 * the request, after the request but before the answer, and part way through the answer: the sync
 * fails with {@link ExchangeException}, the next one completes, and every transaction arrives exactly
 * once (rows, {@code applied_tx} and the hub log counted on both sides).
 */
class InterruptedTransferTest {

    private static final String PUSH = "POST /sync/v1/batches";
    private static final String PULL = "GET /sync/v1/batches/next";
    private static final int EDITS = 3;

    @TempDir
    Path directory;

    private Network network;
    private CuttingProxy proxy;
    private Hub hub;
    private Node branch;
    private String volga;
    private long appliedBefore;

    @BeforeEach
    void start() throws Exception {
        network = Network.start(directory, null);
        hub = network.hub();
        volga = network.customer("Volga Trade", "MSK", null);
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
        proxy = new CuttingProxy(network.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        network.close();
    }

    @Test
    void aPushCutMidRequestIsSentAgainByTheNextSync() {
        branchEdits();
        proxy.arm(PUSH, Cut.REQUEST_AFTER_BYTES, 700);

        assertCutOff();
        assertThat(Network.count(hub.node(), "contact_person")).isZero();

        Network.sync(branch, proxy.url());
        assertPushedOnce();
    }

    @Test
    void aPushWhoseAnswerIsLostIsNotAppliedTwice() {
        branchEdits();
        proxy.arm(PUSH, Cut.BEFORE_RESPONSE, 0);

        assertCutOff();
        assertThat(Network.count(hub.node(), "contact_person")).as("HQ took it before the cut").isEqualTo(EDITS);

        Network.sync(branch, proxy.url());
        assertPushedOnce();
    }

    @Test
    void aPullCutMidResponseIsAskedForAgain() {
        hubEdits();
        proxy.arm(PULL, Cut.RESPONSE_AFTER_BYTES, 400);

        assertCutOff();
        assertThat(Network.count(branch, "contact_person")).isZero();

        Network.sync(branch, proxy.url());
        assertPulledOnce();
    }

    @Test
    void aPullWhoseAnswerIsLostGetsTheSameBatchAgain() {
        hubEdits();
        proxy.arm(PULL, Cut.BEFORE_RESPONSE, 0);

        assertCutOff();
        long packed = hubBatchesFor("MSK");
        assertThat(Network.count(branch, "contact_person")).isZero();

        Network.sync(branch, proxy.url());
        assertPulledOnce();
        assertThat(hubBatchesFor("MSK")).as("the stored batch is served again, not packed anew").isEqualTo(packed);
    }

    private void branchEdits() {
        for (int i = 0; i < EDITS; i++) {
            String name = "Contact " + i;
            branch.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                    "counterparty_id", Value.of(volga), "name", Value.of(name))));
        }
    }

    private void hubEdits() {
        appliedBefore = appliedFromHub();
        for (int i = 0; i < EDITS; i++) {
            String name = "Contact " + i;
            hub.write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                    "counterparty_id", Value.of(volga), "name", Value.of(name))));
        }
    }

    private void assertCutOff() {
        assertThatThrownBy(() -> Network.sync(branch, proxy.url())).isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo("unreachable"));
        assertThat(proxy.cuts()).isEqualTo(1);
    }

    /** The branch's edits are at HQ once each and acknowledged; nothing is left to send. */
    private void assertPushedOnce() {
        assertThat(Network.count(hub.node(), "contact_person")).isEqualTo(EDITS);
        assertThat(Network.number(hub.node(), "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", "MSK"))
                .isEqualTo(EDITS);
        assertThat(Network.number(hub.node(), "SELECT COUNT(*) FROM hub_log WHERE origin = ?", "MSK"))
                .isEqualTo(EDITS);
        assertThat(Network.count(hub.node(), "hub_conflict")).isZero();
        assertThat(Network.count(hub.node(), "quarantine")).isZero();
        assertThat(Network.count(branch, "contact_person")).isEqualTo(EDITS);
        assertThat(Network.count(branch, "change_log")).isZero();
        assertThat(branch.outbox().channel(branch.config().hub()).backlog()).isZero();
    }

    /** HQ's edits are at the branch once each, and the branch committed every batch HQ stored for it. */
    private void assertPulledOnce() {
        assertThat(Network.count(branch, "contact_person")).isEqualTo(EDITS);
        assertThat(Network.count(branch, "quarantine")).isZero();
        long committed = branch.database().read(connection ->
                new ChannelStore().inbound(connection, branch.config().hub()).lastCommitted());
        assertThat(committed).isEqualTo(hubBatchesFor("MSK"));
        assertThat(appliedFromHub()).isEqualTo(appliedBefore + EDITS);
    }

    private long appliedFromHub() {
        return Network.number(branch, "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", "HQ");
    }

    /** The highest sequence HQ has packed for {@code node}. */
    private long hubBatchesFor(String node) {
        return hub.node().outbox().channel(NodeCode.parse(node)).lastAssigned();
    }
}
