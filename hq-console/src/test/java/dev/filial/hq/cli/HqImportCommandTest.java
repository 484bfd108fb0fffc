package dev.filial.hq.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Hub;
import dev.filial.node.access.Actor;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.identity.NodeHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code filial-hq import}: rows imported at HQ go into the hub log at once, to be routed to the nodes. */
class HqImportCommandTest {

    @TempDir
    Path directory;

    @Test
    void importsAtHqAndMovesTheRowsIntoTheHubLog() throws Exception {
        String home = directory.resolve("hq").toString();
        assertThat(HqCommand.run("init", "--home", home)).isZero();
        assertThat(HqCommand.run("enroll", "--home", home, "--code", "MSK", "--name", "Moscow", "--role", "branch",
                "--out", directory.resolve("msk.filial").toString())).isZero();
        long logBefore;
        try (Hub hub = Hub.open(new NodeHome(Path.of(home)))) {
            hub.node().entities().create(Actor.SYSTEM, "product-groups", Map.of("code", "TOOLS", "name", "Tools"),
                    false);
            hub.consolidator().drainLocal();
            logBefore = hub.node().database().read(c -> hub.log().last(c));
        }
        Path file = directory.resolve("products.csv");
        Files.writeString(file,
                "sku;name;unit;vat_rate;group_code\nDR-1;Дрель;pcs;20;TOOLS\nHM-2;Hammer;pcs;120;TOOLS\n");

        assertThat(HqCommand.run("import", "--home", home, "products", file.toString(), "--dry-run")).isEqualTo(1);
        assertThat(HqCommand.run("import", "--home", home, "products", file.toString())).isEqualTo(1);
        Files.writeString(file, "sku;name;unit;vat_rate;group_code\nHM-2;Hammer;pcs;20;TOOLS\n");
        assertThat(HqCommand.run("import", "--home", home, "products", file.toString())).isZero();

        try (Hub hub = Hub.open(new NodeHome(Path.of(home)))) {
            assertThat(hub.node().entities().list(Actor.SYSTEM, "products", new ListQuery(List.of(),
                    List.of(new ListQuery.Sort("sku", false)), 0, 10)).items()).extracting(row -> row.get("sku"))
                    .containsExactly("DR-1", "HM-2");
            long logAfter = hub.node().database().read(c -> hub.log().last(c));
            assertThat(logAfter).as("one hub log entry per import transaction, none for the dry run")
                    .isEqualTo(logBefore + 2);
            long unrouted = hub.node().database().read(c -> hub.node().changeLog().countAndLast(c)[0]);
            assertThat(unrouted)
                    .as("nothing left unrouted").isZero();
        }
    }
}
