package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At HQ, one node's unreachable share is reported for that node and keeps no other node from its batches. */
class HubSendErrorTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final NodeCode AG1 = NodeCode.parse("AG1");

    @TempDir
    Path directory;

    @Test
    void aNodesMissingShareIsItsLastSendErrorUntilItIsBack() throws Exception {
        Path hqDrop = Files.createDirectories(directory.resolve("hq-drop"));
        Path mskShare = directory.resolve("msk-share");
        try (Network network = Network.start(directory, "exchange:\n  transports:\n    - {type: drop, folder: '"
                + hqDrop + "'}\n")) {
            Node msk = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
            Node ag1 = network.join("AG1", "Agent", "agent", Engine.SQLITE);
            network.close(msk);
            network.close(ag1);
            network.hub().registry().setAddresses(MSK, List.of(NodeAddress.parse("drop:" + mskShare)));
            network.hub().registry().setAddresses(AG1, List.of(NodeAddress.parse("drop:" + hqDrop)));
            network.euro();
            HubDelivery hq = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());

            RunReport run = hq.syncNow("drop").get(0);

            assertThat(run.error()).isNull();
            assertThat(run.sent()).isEqualTo(1);
            assertThat(hqDrop.resolve("AG1")).isDirectoryContaining("glob:**/HQ-AG1-*.batch");
            assertThat(run.problems()).anyMatch(line -> line.startsWith("MSK: drop-unwritable"));
            assertThat(hq.lastSendError(MSK)).hasValueSatisfying(error -> assertThat(error)
                    .contains(" drop drop-unwritable: ").contains("mounted"));
            assertThat(hq.lastSendError(AG1)).isEmpty();
            assertThat(HubTransports.nodes(network.hub(), hq)).filteredOn(node -> node.node().equals("MSK"))
                    .singleElement().satisfies(node -> assertThat(node.lastSendError()).contains("drop-unwritable"));

            Files.createDirectories(mskShare);
            RunReport again = hq.syncNow("drop").get(0);

            assertThat(again.problems()).isEmpty();
            assertThat(again.sent()).isEqualTo(1);
            assertThat(hq.lastSendError(MSK)).isEmpty();
        }
    }
}
