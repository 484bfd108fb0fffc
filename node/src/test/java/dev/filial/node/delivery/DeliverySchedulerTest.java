package dev.filial.node.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery scheduler: when a transport runs next (the cron's next time after a success, the last
 * error plus the backoff after failures), and a real scheduler running a drop transport that fails
 * (its folder is a regular file), backs off, and recovers once the folder is there.
 */
class DeliverySchedulerTest {

    private static final NodeCode MSK = NodeCode.parse("MSK");
    private static final Instant NOW = Instant.parse("2026-03-14T10:07:30Z");

    @TempDir
    Path directory;

    /** A node whose {@code exchange.yml} is {@code yaml}. */
    private Node node(String yaml) throws Exception {
        NodeHome home;
        try (Node created = TestNodes.create(directory, "MSK", Engine.SQLITE, new TestHub(MSK))) {
            home = created.home();
        }
        Files.writeString(home.root().resolve(ExchangeSettings.FILE), yaml);
        return Node.open(home);
    }

    @Test
    void nextRunIsTheCronsNextTimeAfterSuccessAndTheLastErrorPlusTheBackoffAfterFailures() throws Exception {
        try (Node node = node("""
                transports:
                  - {type: drop, folder: share, schedule: "0 */15 * * * *"}
                  - {type: http, url: "http://127.0.0.1:9"}
                backoff: {first: 30s, max: 1h}
                """)) {
            Delivery delivery = new Delivery(node, name -> null);
            ExchangeSettings settings = node.exchange();
            TransportSettings quarterly = settings.transports().get(0);
            TransportSettings manual = settings.transports().get(1);
            DeliveryScheduler scheduler = new DeliveryScheduler(settings, delivery, delivery.board(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            Instant cron = Instant.parse("2026-03-14T10:15:00Z");

            assertThat(scheduler.nextRun(quarterly, TransportStatus.never("drop"))).contains(cron);
            // a success after errors: the last error is kept, the schedule applies again
            assertThat(scheduler.nextRun(quarterly, status("2026-03-14T10:00:00Z", "2026-03-14T09:45:00Z", 0)))
                    .contains(cron);

            Instant failed = NOW.minusSeconds(10);
            for (int failures = 1; failures <= 12; failures++) {
                Instant expected = failed.plus(settings.backoff(failures));
                assertThat(scheduler.nextRun(quarterly, status(null, failed.toString(), failures)))
                        .as("after %d failure(s)", failures).contains(expected);
            }
            assertThat(scheduler.nextRun(quarterly, status(null, failed.toString(), 1)))
                    .contains(NOW.plusSeconds(20));
            assertThat(scheduler.nextRun(quarterly, status(null, failed.toString(), 4)))
                    .contains(failed.plus(Duration.ofMinutes(4)));
            // the backoff wins over the schedule both ways: sooner than the cron, and later than it
            assertThat(scheduler.nextRun(quarterly, status(null, failed.toString(), 3)).orElseThrow())
                    .isBefore(cron);
            assertThat(scheduler.nextRun(quarterly, status(null, failed.toString(), 30)))
                    .contains(failed.plus(Duration.ofHours(1)));
            // a retry whose time has passed (the node was down) runs at once, not in the past
            assertThat(scheduler.nextRun(quarterly, status(null, NOW.minus(Duration.ofDays(1)).toString(), 2)))
                    .contains(NOW);

            assertThat(scheduler.nextRun(manual, TransportStatus.never("drop"))).isEmpty();
            assertThat(scheduler.nextRun(manual, status(null, failed.toString(), 5))).isEmpty();
            assertThat(scheduler.start().next()).containsOnlyKeys("drop");
            scheduler.close();
        }
    }

    private static TransportStatus status(String lastSuccess, String lastErrorAt, int failures) {
        return new TransportStatus("drop", lastErrorAt, lastSuccess, lastErrorAt,
                lastErrorAt == null ? null : "drop-unwritable: cannot write", failures);
    }

    @Test
    void aFailingTransportIsRecordedBacksOffAndRecoversWithoutLosingTheBatch() throws Exception {
        Path share = directory.resolve("share");
        Files.writeString(share, "a file where the folder should be");
        try (Node node = node("""
                transports:
                  - type: drop
                    folder: %s
                    schedule: "* * * * * *"
                backoff: {first: PT0.5S, max: 2s}
                """.formatted(share.toString().replace("\\", "/")))) {
            node.writer().write(changes -> changes.insert(Schema.CURRENCY, Map.of("code", Value.of("EUR"),
                    "name", Value.of("Euro"), "minor_units", Value.of(2))));
            Delivery delivery = new Delivery(node, name -> null);
            StatusBoard board = delivery.board();
            List<TransportStatus> failures = new ArrayList<>();
            try (DeliveryScheduler scheduler = new DeliveryScheduler(node.exchange(), delivery, board,
                    Clock.systemUTC()).start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                while (failures.size() < 3 && System.nanoTime() < deadline) {
                    TransportStatus status = board.get("drop");
                    if (status.failures() > failures.size()) {
                        failures.add(status);
                    }
                    Thread.sleep(10);
                }
                assertThat(failures).extracting(TransportStatus::failures).containsExactly(1, 2, 3);
                assertThat(failures).allSatisfy(status -> {
                    assertThat(status.lastError()).startsWith("drop-unreadable: " + share + " is a file, not a folder");
                    assertThat(status.lastSuccess()).isNull();
                });
                // the retries wait longer and longer (0.5 s, 1 s, then 2 s at most), not the cron's every second
                Instant first = Instant.parse(failures.get(0).lastErrorAt());
                Instant second = Instant.parse(failures.get(1).lastErrorAt());
                Instant third = Instant.parse(failures.get(2).lastErrorAt());
                assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
                assertThat(Duration.between(second, third)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
                Instant retry = third.plus(Duration.ofSeconds(2));
                assertThat(scheduler.nextRun(node.exchange().transports().get(0), failures.get(2))).contains(retry);
                deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                while (!retry.equals(scheduler.next().get("drop")) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(scheduler.next()).containsEntry("drop", retry);
                assertThat(board.get("drop").failures()).isEqualTo(3);

                Files.delete(share);
                Files.createDirectories(share);
                deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (board.get("drop").failures() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            TransportStatus recovered = board.get("drop");
            assertThat(recovered.failures()).isZero();
            assertThat(recovered.lastSuccess()).isNotNull();
            assertThat(Instant.parse(recovered.lastSuccess())).isAfter(Instant.parse(recovered.lastErrorAt()));
            assertThat(recovered.lastError()).startsWith("drop-unreadable: " + share + " is a file, not a folder");
            assertThat(recovered.lastErrorAt()).isGreaterThanOrEqualTo(failures.get(2).lastErrorAt());
            // the batch whose first write failed went out with the run that worked, not an hour later
            assertThat(share.resolve("HQ").resolve("MSK-HQ-000001.batch")).isRegularFile();
            assertThat(node.outbox().channel(TestHub.CODE).backlog()).isEqualTo(1);
        }
    }
}
