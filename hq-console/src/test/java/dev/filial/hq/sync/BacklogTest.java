package dev.filial.hq.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.hq.Hub;
import dev.filial.hq.Network;
import dev.filial.hq.sync.CuttingProxy.Cut;
import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.outbox.Outbox;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large backlogs over HTTP: many batches of {@link Outbox#BATCH_CHANGES} changes pushed and pulled in
 * one sync, and batches bigger than a file (several parts) cut off between their parts on push and on
 * pull and resumed by the next sync.
 */
class BacklogTest {

    private static final int RATES = 60_000;
    private static final int PER_TRANSACTION = 1_000;

    @TempDir
    Path directory;

    private Network network;
    private Hub hub;
    private Node branch;

    @BeforeEach
    void start() throws Exception {
        network = Network.start(directory, null);
        hub = network.hub();
        hub.write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"), "name", Value.of("Euro"),
                "minor_units", Value.of(2))));
        branch = network.join("MSK", "Moscow branch", "branch", Engine.SQLITE);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void sixtyThousandChangesCrossInSeveralBatchesBothWays() throws Exception {
        Node agent = network.join("AG1", "Agent Petrov", "agent", Engine.DERBY);
        LocalDate first = LocalDate.of(1900, 1, 1);
        for (int start = 0; start < RATES; start += PER_TRANSACTION) {
            int from = start;
            branch.writer().write(changes -> {
                for (int i = from; i < from + PER_TRANSACTION; i++) {
                    changes.insert(Schema.EXCHANGE_RATE, Map.of("currency", Value.of("EUR"),
                            "rate_date", Value.of(first.plusDays(i)), "rate", Value.of(BigDecimal.valueOf(i, 4))));
                }
                return null;
            });
        }

        SyncReport pushed = network.sync(branch);
        SyncReport pulled = network.sync(agent);

        int batches = RATES / Outbox.BATCH_CHANGES;
        assertThat(pushed.pushed()).isEqualTo(batches);
        assertThat(pushed.pushedChanges()).isEqualTo(RATES);
        assertThat(pushed.pulled()).as("the branch's own changes come back").isGreaterThanOrEqualTo(batches);
        assertThat(pushed.pulledChanges()).isEqualTo(RATES);
        assertThat(pulled.pulled()).isGreaterThanOrEqualTo(batches);
        assertThat(pulled.pulledChanges()).isEqualTo(RATES);
        for (Node node : new Node[] {hub.node(), branch, agent}) {
            assertThat(Network.count(node, "exchange_rate")).as(node.config().code().toString()).isEqualTo(RATES);
        }
        assertThat(Network.number(hub.node(), "SELECT COUNT(*) FROM hub_log WHERE origin = ?", "MSK"))
                .isEqualTo(RATES / PER_TRANSACTION);
        assertThat(Network.number(hub.node(), "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", "MSK"))
                .isEqualTo(RATES / PER_TRANSACTION);
        assertThat(Network.count(branch, "change_log")).isZero();
    }

    @Test
    void aBatchOfSeveralPartsCutBetweenItsPartsIsResumedOnPushAndOnPull() throws Exception {
        Random random = new Random(20_240_601);
        int counterparties = 3_200;
        for (int start = 0; start < counterparties; start += 100) {
            branch.writer().write(changes -> {
                for (int i = 0; i < 100; i++) {
                    Map<String, Value> values = new LinkedHashMap<>();
                    values.put("kind", Value.of("organisation"));
                    values.put("name", Value.of("Counterparty " + random.nextInt()));
                    values.put("owning_branch", Value.of("MSK"));
                    values.put("active", Value.of(true));
                    values.put("note", Value.of(noise(random, 4_000)));
                    changes.insert(Schema.COUNTERPARTY, values);
                }
                return null;
            });
        }
        long committed = branch.database().read(connection ->
                new ChannelStore().inbound(connection, branch.config().hub()).lastCommitted());
        try (CuttingProxy proxy = new CuttingProxy(network.port())) {
            proxy.arm("POST /sync/v1/batches", Cut.REQUEST_AFTER_BYTES, 100_000, 1);
            assertThatThrownBy(() -> Network.sync(branch, proxy.url())).isInstanceOf(ExchangeException.class);
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(Network.count(branch, "outbound_part")).as("parts of the batch").isGreaterThan(1);
            assertThat(Network.count(hub.node(), "inbound_held")).as("part 1 held at HQ").isEqualTo(1);
            assertThat(Network.count(hub.node(), "counterparty")).isZero();

            proxy.arm("GET /sync/v1/batches/next?after=" + committed + "&part=2", Cut.RESPONSE_AFTER_BYTES, 100_000);
            assertThatThrownBy(() -> Network.sync(branch, proxy.url())).isInstanceOf(ExchangeException.class);
            assertThat(proxy.cuts()).isEqualTo(2);
            assertThat(Network.count(hub.node(), "counterparty")).isEqualTo(counterparties);
            assertThat(Network.count(hub.node(), "inbound_held")).isZero();
            assertThat(Network.count(branch, "inbound_held")).as("a pull fetches every part before taking one")
                    .isZero();

            Network.sync(branch, proxy.url());
        }

        assertThat(Network.count(branch, "inbound_held")).isZero();
        assertThat(Network.count(branch, "outbound_part")).isZero();
        assertThat(Network.count(branch, "change_log")).isZero();
        assertThat(Network.count(branch, "counterparty")).isEqualTo(counterparties);
        assertThat(Network.number(hub.node(), "SELECT COUNT(*) FROM hub_log WHERE origin = ?", "MSK"))
                .isEqualTo(counterparties / 100);
        assertThat(Network.count(hub.node(), "quarantine")).isZero();
        assertThat(Network.count(branch, "quarantine")).isZero();
    }

    /** Text that zstd cannot shrink much, so that a few thousand rows make a batch bigger than a file. */
    private static String noise(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
