package dev.filial.hq.delivery;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.cli.HqCommand;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.cli.NodeCommand;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.HybridClock;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HQ and nodes that exchange through drop folders only: a shared folder (HQ reads {@code HQ/}, writes
 * {@code MSK/} and {@code AG1/}), a USB stick carried by hand through the command line, and the files
 * that do not belong in an incoming folder. Files are written atomically, end in {@code processed/} once
 * committed, in {@code rejected/} with a typed reason when refused, and are never deleted.
 */
class DropExchangeTest {

    private static final Pattern PART = Pattern.compile("MSK-HQ-(\\d{6})\\.part(\\d+)of(\\d+)\\.batch");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir
    Path directory;

    private final Random random = new Random(42);

    @Test
    void hqAndTwoNodesConvergeOverASharedFolderWithABatchInPartsArrivingOutOfOrder() throws Exception {
        Path share = Files.createDirectories(directory.resolve("share"));
        try (Network network = Network.start(directory, hqYml(share))) {
            network.euro();
            Node msk = dropNode(network, "MSK", "branch", Engine.SQLITE, share);
            Node ag1 = dropNode(network, "AG1", "agent", Engine.DERBY, share);
            HubDelivery hq = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());
            String acme = network.customer("Acme", "MSK", "AG1");
            ag1.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id",
                    Value.of(acme), "name", Value.of("Ivan Petrov"))));
            for (int round = 0; round < 2; round++) {
                round(network, hq, msk, ag1);
            }
            assertThat(Network.count(msk, "contact_person")).isEqualTo(1);

            // one batch of about 1 MB at most 64 KB a file: in parts
            long hqCounterparties = Network.count(network.hub().node(), "counterparty");
            bulk(msk, 400, 3000);
            RunReport written = single(new Delivery(msk, name -> null).syncNow("drop"));
            assertThat(written.sent()).isEqualTo(1);
            List<Path> parts = batches(share.resolve("HQ"));
            assertThat(parts).hasSizeGreaterThanOrEqualTo(10).allSatisfy(part -> {
                assertThat(part.getFileName().toString()).matches(PART);
                assertThat(Files.size(part)).isLessThanOrEqualTo(64 * 1024);
            });
            assertThat(parts.stream().map(DropExchangeTest::partCount).distinct()).containsExactly(parts.size());

            // the parts arrive last first: HQ keeps what it has and waits, then takes the batch whole
            Path carried = Files.createDirectories(directory.resolve("carried"));
            for (Path part : parts) {
                Files.move(part, carried.resolve(part.getFileName()));
            }
            List<Path> lastFirst = new ArrayList<>(parts);
            lastFirst.sort((a, b) -> Integer.compare(partIndex(b), partIndex(a)));
            for (Path part : lastFirst.subList(0, lastFirst.size() / 2)) {
                Files.move(carried.resolve(part.getFileName()), part);
            }
            RunReport half = single(hq.syncNow("drop"));
            assertThat(half.problems()).isEmpty();
            assertThat(half.received()).isZero();
            assertThat(half.waiting()).isEqualTo(parts.size() / 2);
            assertThat(Network.count(network.hub().node(), "counterparty")).isEqualTo(hqCounterparties);
            for (Path part : lastFirst.subList(lastFirst.size() / 2, lastFirst.size() - 1)) {
                Files.move(carried.resolve(part.getFileName()), part);
            }
            RunReport allButFirst = single(hq.syncNow("drop"));
            assertThat(allButFirst.received()).isZero();
            assertThat(allButFirst.waiting()).isEqualTo(parts.size() - 1);
            Path first = lastFirst.get(lastFirst.size() - 1);
            assertThat(partIndex(first)).isEqualTo(1);
            Files.move(carried.resolve(first.getFileName()), first);
            RunReport whole = single(hq.syncNow("drop"));
            assertThat(whole.problems()).isEmpty();
            assertThat(whole.received()).isEqualTo(parts.size());
            assertThat(whole.waiting()).isZero();
            assertThat(Network.count(network.hub().node(), "counterparty")).isEqualTo(hqCounterparties + 400);
            assertThat(batches(share.resolve("HQ"))).isEmpty();
            assertThat(share.resolve("HQ").resolve(DropFolder.PROCESSED))
                    .isDirectoryContaining(path -> path.getFileName().equals(first.getFileName()));
            for (Path part : parts) {
                assertThat(share.resolve("HQ").resolve(DropFolder.PROCESSED).resolve(part.getFileName()))
                        .isRegularFile();
            }

            msk.writer().write(changes -> changes.update(Schema.COUNTERPARTY, acme,
                    Map.of("note", Value.of("call after 10"))));
            for (int round = 0; round < 3; round++) {
                round(network, hq, msk, ag1);
            }
            assertThat(network.scopeDifferences(msk)).isEmpty();
            assertThat(network.scopeDifferences(ag1)).isEmpty();
            assertThat(Network.text(network.hubCounterparty(acme), "note")).isEqualTo("call after 10");
            assertThat(Network.text(ag1, Schema.COUNTERPARTY, acme, "note")).isEqualTo("call after 10");
            assertThat(msk.outbox().channel(NodeCode.parse("HQ")).backlog()).isZero();
            assertThat(network.hub().node().outbox().channel(NodeCode.parse("AG1")).backlog()).isZero();
            assertThat(network.hub().node().outbox().channel(NodeCode.parse("MSK")).backlog()).isZero();
            for (String folder : List.of("HQ", "MSK", "AG1")) {
                assertThat(batches(share.resolve(folder))).as(folder).isEmpty();
                assertThat(batches(share.resolve(folder).resolve(DropFolder.PROCESSED))).as(folder).isNotEmpty();
                assertThat(share.resolve(folder).resolve(DropFolder.REJECTED)).as(folder).doesNotExist();
            }
            assertThat(allFiles(share)).noneMatch(file -> file.getFileName().toString().startsWith("."));
        }
    }

    @Test
    void readersNeverSeeAFileBeingWrittenAndEveryFileEndsInProcessed() throws Exception {
        Path share = directory.resolve("share");
        Path incoming = Files.createDirectories(share.resolve("HQ"));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Network network = Network.start(directory, hqYml(share));
             WatchService watch = FileSystems.getDefault().newWatchService()) {
            network.euro();
            Node msk = dropNode(network, "MSK", "branch", Engine.SQLITE, share);
            Delivery delivery = new Delivery(msk, name -> null);
            HubDelivery hq = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());
            incoming.register(watch, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);

            AtomicBoolean writing = new AtomicBoolean(true);
            Future<List<RunReport>> reads = reader.submit(() -> {
                List<RunReport> reports = new ArrayList<>();
                while (writing.get()) {
                    reports.addAll(hq.syncNow("drop"));
                }
                return reports;
            });
            List<RunReport> writes = new ArrayList<>();
            long counterparties = Network.count(network.hub().node(), "counterparty");
            try {
                for (int batch = 0; batch < 4; batch++) {
                    bulk(msk, 100, 3000);
                    writes.addAll(delivery.syncNow("drop"));
                }
            } finally {
                writing.set(false);
            }
            List<RunReport> reports = new ArrayList<>(reads.get(60, TimeUnit.SECONDS));
            writes.addAll(delivery.syncNow("drop"));
            reports.addAll(hq.syncNow("drop"));

            assertThat(reports).hasSizeGreaterThan(1).allSatisfy(DropExchangeTest::assertClean);
            assertThat(writes).allSatisfy(DropExchangeTest::assertClean);
            assertThat(writes.stream().mapToInt(RunReport::sent).sum()).isGreaterThanOrEqualTo(4);
            assertThat(network.hub().node().quarantine().list()).isEmpty();
            assertThat(msk.quarantine().list()).isEmpty();
            assertThat(Network.count(network.hub().node(), "counterparty")).isEqualTo(counterparties + 400);

            // every file appeared under a temporary name starting with a dot, complete under its own name
            Set<String> temporary = new HashSet<>();
            Set<String> batches = new HashSet<>();
            List<String> problems = new ArrayList<>();
            for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        problems.add("events lost");
                        continue;
                    }
                    String name = event.context().toString();
                    boolean dotted = name.startsWith(".");
                    if (dotted) {
                        if (!name.endsWith(".batch.tmp")) {
                            problems.add("temporary name " + name);
                        } else if (event.kind() == ENTRY_CREATE) {
                            temporary.add(name);
                        }
                    } else if (name.endsWith(".batch")) {
                        if (event.kind() == ENTRY_MODIFY) {
                            problems.add("written under its final name: " + name);
                        } else if (event.kind() == ENTRY_CREATE) {
                            if (!temporary.contains("." + name + ".tmp")) {
                                problems.add("appeared without a temporary file first: " + name);
                            }
                            batches.add(name);
                        }
                    } else if (!name.equals(DropFolder.PROCESSED)) {
                        problems.add(event.kind() + " " + name);
                    }
                }
                key.reset();
            }
            assertThat(problems).isEmpty();
            assertThat(batches).hasSizeGreaterThanOrEqualTo(8).anyMatch(name -> PART.matcher(name).matches());
            assertThat(temporary).hasSameSizeAs(batches);

            // nothing is deleted: every file written is in processed/, none is left behind
            assertThat(batches(incoming)).isEmpty();
            Set<String> processed = new HashSet<>();
            batches(incoming.resolve(DropFolder.PROCESSED)).forEach(file -> processed.add(file.getFileName()
                    .toString()));
            assertThat(processed).isEqualTo(batches);
            assertThat(incoming.resolve(DropFolder.REJECTED)).doesNotExist();
            assertThat(allFiles(share)).noneMatch(file -> file.getFileName().toString().startsWith("."));
            assertThat(batches(share.resolve("MSK").resolve(DropFolder.PROCESSED))).isNotEmpty();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aUsbStickCarriedByHandConvergesANodeWithNoOtherTransport() throws Exception {
        Path stick = Files.createDirectories(directory.resolve("stick"));
        String acme;
        String contact;
        try (Network network = Network.start(directory, null)) {
            network.euro();
            Node joined = network.join("MSK", "Moscow", "branch", Engine.SQLITE);
            network.close(joined);
            Files.writeString(network.nodeHome("MSK").root().resolve(ExchangeSettings.FILE), "transports: []\n");
            acme = network.customer("Acme", "MSK", null);
            try (Node msk = Node.open(network.nodeHome("MSK"))) {
                assertThat(msk.writer().find(Schema.COUNTERPARTY, acme)).isEmpty();
                contact = msk.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                        "counterparty_id", Value.of(acme), "name", Value.of("Ivan Petrov"))));
            }
            network.stop();
            String hq = network.hqHome().root().toString();
            String msk = network.nodeHome("MSK").root().toString();
            Path toHq = stick.resolve("HQ");
            Path toMsk = stick.resolve("MSK");

            // no transport but the stick: sync has nothing to run
            assertThat(cli(() -> NodeCommand.run("sync", "--home", msk)).code()).isEqualTo(1);

            Cli written = cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk));
            assertThat(written.code()).isZero();
            assertThat(written.out()).contains("stick sent 1 batch(es)");
            assertThat(batchNames(toHq)).containsExactly("MSK-HQ-000001.batch");
            byte[] batch = Files.readAllBytes(toHq.resolve("MSK-HQ-000001.batch"));
            // written twice before HQ read it: the same file again, byte for byte
            assertThat(cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(batchNames(toHq)).containsExactly("MSK-HQ-000001.batch");
            assertThat(Files.readAllBytes(toHq.resolve("MSK-HQ-000001.batch"))).isEqualTo(batch);

            Cli read = cli(() -> HqCommand.run("drop", "read", stick.toString(), "--home", hq));
            assertThat(read.code()).isZero();
            assertThat(read.out()).contains("received 1 file(s) with 1 change(s)");
            assertThat(batchNames(toHq)).isEmpty();
            assertThat(batchNames(toHq.resolve(DropFolder.PROCESSED))).containsExactly("MSK-HQ-000001.batch");

            // the node writes again before it read HQ's answer: HQ takes the batch as a duplicate
            assertThat(cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(batchNames(toHq)).containsExactly("MSK-HQ-000001.batch");
            Cli again = cli(() -> HqCommand.run("drop", "read", stick.toString(), "--home", hq));
            assertThat(again.code()).isZero();
            assertThat(again.out()).contains("received 1 file(s) with 0 change(s)");
            // the second copy goes beside the first, which is not overwritten
            assertThat(names(toHq.resolve(DropFolder.PROCESSED)))
                    .containsExactly("MSK-HQ-000001.batch", "MSK-HQ-000001.batch.1");
            assertThat(Files.readAllBytes(toHq.resolve(DropFolder.PROCESSED).resolve("MSK-HQ-000001.batch.1")))
                    .isEqualTo(batch);

            Cli answer = cli(() -> HqCommand.run("drop", "write", stick.toString(), "--node", "MSK", "--home", hq));
            assertThat(answer.code()).isZero();
            List<String> forMsk = batchNames(toMsk);
            assertThat(forMsk).isNotEmpty().allMatch(name -> name.startsWith("HQ-MSK-") && name.endsWith(".batch"));
            assertThat(cli(() -> HqCommand.run("drop", "write", stick.toString(), "--node", "MSK", "--home", hq))
                    .code()).isZero();
            assertThat(batchNames(toMsk)).containsAll(forMsk);

            Cli taken = cli(() -> NodeCommand.run("drop", "read", stick.toString(), "--home", msk));
            assertThat(taken.code()).isZero();
            assertThat(taken.out()).contains("stick sent 0 batch(es)");
            assertThat(batchNames(toMsk)).isEmpty();
            assertThat(batchNames(toMsk.resolve(DropFolder.PROCESSED))).containsAll(forMsk);

            // the node tells HQ what it took; HQ releases what it sent
            assertThat(cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(batchNames(toHq)).singleElement().asString().startsWith("MSK-HQ-ack-");
            assertThat(cli(() -> HqCommand.run("drop", "read", stick.toString(), "--home", hq)).code()).isZero();

            // exit codes: usage, an unknown node, an unknown action, a stick that is not a folder, a refused file
            assertThat(cli(() -> NodeCommand.run("drop", "write", "--home", msk)).code()).isEqualTo(2);
            assertThat(cli(() -> NodeCommand.run("drop", "erase", stick.toString(), "--home", msk)).code())
                    .isEqualTo(1);
            assertThat(cli(() -> HqCommand.run("drop", "erase", stick.toString(), "--home", hq)).code()).isEqualTo(1);
            assertThat(cli(() -> HqCommand.run("drop", "write", stick.toString(), "--node", "KZN", "--home", hq))
                    .code()).isEqualTo(1);
            assertThat(names(stick)).doesNotContain("KZN");
            Path file = Files.writeString(directory.resolve("not-a-stick"), "a file");
            try (Node msk2 = Node.open(network.nodeHome("MSK"))) {
                msk2.writer().write(changes -> changes.update(Schema.CONTACT_PERSON, contact,
                        Map.of("position", Value.of("buyer"))));
            }
            Cli unwritable = cli(() -> NodeCommand.run("drop", "write", file.toString(), "--home", msk));
            assertThat(unwritable.code()).isEqualTo(1);
            assertThat(unwritable.out()).contains("FAILED drop-unwritable");
            assertThat(Files.readString(file)).isEqualTo("a file");
            // a stick that is not mounted: nothing is written onto the local disk in its place, nothing is read
            Path unmounted = directory.resolve("media").resolve("usb");
            Cli notMounted = cli(() -> NodeCommand.run("drop", "write", unmounted.toString(), "--home", msk));
            assertThat(notMounted.code()).isEqualTo(1);
            assertThat(notMounted.out()).contains("FAILED drop-unwritable: folder " + unmounted
                    + " not found: is the share or stick mounted?");
            Cli hqNotMounted = cli(() -> HqCommand.run("drop", "read", unmounted.toString(), "--home", hq));
            assertThat(hqNotMounted.code()).isEqualTo(1);
            assertThat(hqNotMounted.out()).contains("FAILED drop-unreadable: folder " + unmounted + " not found");
            assertThat(directory.resolve("media")).doesNotExist();
            Files.writeString(toMsk.resolve("holiday-photo.jpg"), "not a batch");
            Cli refused = cli(() -> NodeCommand.run("drop", "read", stick.toString(), "--home", msk));
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out()).contains("rejected drop:").contains("holiday-photo.jpg").contains("not-a-batch");
            assertThat(toMsk.resolve(DropFolder.REJECTED).resolve("holiday-photo.jpg")).hasContent("not a batch");
            assertThat(toMsk.resolve(DropFolder.REJECTED).resolve("holiday-photo.jpg.reason.txt")).content()
                    .startsWith("not-a-batch: ");

            // the batch that could not be written goes on the stick next time
            assertThat(cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(cli(() -> HqCommand.run("drop", "read", stick.toString(), "--home", hq)).code()).isZero();
            assertThat(cli(() -> HqCommand.run("drop", "write", stick.toString(), "--home", hq)).code()).isZero();
            assertThat(cli(() -> NodeCommand.run("drop", "read", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(cli(() -> NodeCommand.run("drop", "write", stick.toString(), "--home", msk)).code()).isZero();
            assertThat(cli(() -> HqCommand.run("drop", "read", stick.toString(), "--home", hq)).code()).isZero();

            network.restart();
            Node node = network.reopen("MSK");
            assertThat(network.scopeDifferences(node)).isEmpty();
            assertThat(Network.name(node, acme)).isEqualTo("Acme");
            assertThat(Network.text(network.hub().node(), Schema.CONTACT_PERSON, contact, "position"))
                    .isEqualTo("buyer");
            assertThat(network.hub().node().outbox().channel(NodeCode.parse("MSK")).backlog()).isZero();
            assertThat(node.outbox().channel(NodeCode.parse("HQ")).backlog()).isZero();
        }
    }

    @Test
    void filesThatDoNotBelongAreRejectedWithATypedReasonAndChangeNothing() throws Exception {
        Path share = Files.createDirectories(directory.resolve("share"));
        Path incoming = share.resolve("HQ");
        try (Network network = Network.start(directory, hqYml(share))) {
            network.euro();
            Node msk = dropNode(network, "MSK", "branch", Engine.SQLITE, share);
            HubDelivery hq = new HubDelivery(network.hub(), name -> null, Clock.systemUTC());
            String acme = network.customer("Acme", "MSK", null);
            msk.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of("counterparty_id",
                    Value.of(acme), "name", Value.of("Ivan Petrov"))));
            for (int round = 0; round < 2; round++) {
                assertClean(single(new Delivery(msk, name -> null).syncNow("drop")));
                assertClean(single(hq.syncNow("drop")));
            }
            Path processed = incoming.resolve(DropFolder.PROCESSED);
            Path old = processed.resolve("MSK-HQ-000001.batch");
            byte[] real = Files.readAllBytes(old);
            Path forMsk = batches(share.resolve("MSK").resolve(DropFolder.PROCESSED)).get(0);

            Map<String, String> expected = new LinkedHashMap<>();
            Files.writeString(incoming.resolve("readme.txt"), "Filial drop folder; do not touch");
            expected.put("readme.txt", "not-a-batch");
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            Files.write(incoming.resolve("MSK-HQ-000090.batch"), garbage);
            expected.put("MSK-HQ-000090.batch", "malformed-container");
            Files.write(incoming.resolve("MSK-HQ-000091.batch"), java.util.Arrays.copyOf(real, real.length / 2));
            expected.put("MSK-HQ-000091.batch", "truncated");
            byte[] flipped = real.clone();
            flipped[flipped.length / 2] ^= (byte) 0x5a;
            flipped[flipped.length / 2 + 1] ^= (byte) 0xa5;
            Files.write(incoming.resolve("MSK-HQ-000092.batch"), flipped);
            expected.put("MSK-HQ-000092.batch", "damaged");
            try (RandomAccessFile huge = new RandomAccessFile(incoming.resolve("MSK-HQ-000093.batch").toFile(), "rw")) {
                huge.setLength(65L * 1024 * 1024);
            }
            expected.put("MSK-HQ-000093.batch", "oversized");
            // HQ's own batch for MSK, copied into the wrong folder: HQ does not take batches signed by itself
            Files.copy(forMsk, incoming.resolve("HQ-MSK-000094.batch"));
            expected.put("HQ-MSK-000094.batch", "unknown-key");
            Files.write(incoming.resolve("MSK-AG1-000001.batch"), batchFrom(msk.home(), "MSK", "AG1", acme));
            expected.put("MSK-AG1-000001.batch", "wrong-recipient");
            Files.write(incoming.resolve("KZN-HQ-000001.batch"), batchFrom(null, "KZN", "HQ", acme));
            expected.put("KZN-HQ-000001.batch", "unknown-key");
            Files.copy(old, incoming.resolve("MSK-HQ-000001.batch"));

            Map<String, Object> before = stored(network);
            RunReport report = single(hq.syncNow("drop"));

            assertThat(report.error()).isNull();
            assertThat(report.received()).as("the replayed batch, taken as a duplicate").isEqualTo(1);
            assertThat(report.receivedChanges()).isZero();
            assertThat(report.problems()).hasSize(expected.size());
            Path rejected = incoming.resolve(DropFolder.REJECTED);
            for (Map.Entry<String, String> file : expected.entrySet()) {
                String name = file.getKey();
                assertThat(incoming.resolve(name)).as(name).doesNotExist();
                assertThat(rejected.resolve(name)).as(name).isRegularFile();
                assertThat(rejected.resolve(name + ".reason.txt")).as(name).content()
                        .startsWith(file.getValue() + ": ");
                assertThat(report.problems()).as(name).filteredOn(line -> line.contains(name)).singleElement()
                        .asString().startsWith("rejected drop:").contains(file.getValue());
            }
            assertThat(Files.size(rejected.resolve("MSK-HQ-000093.batch"))).isEqualTo(65L * 1024 * 1024);
            assertThat(rejected.resolve("readme.txt")).hasContent("Filial drop folder; do not touch");
            assertThat(Files.readAllBytes(rejected.resolve("MSK-HQ-000090.batch"))).isEqualTo(garbage);
            assertThat(Files.readAllBytes(processed.resolve("MSK-HQ-000001.batch"))).isEqualTo(real);
            assertThat(Files.readAllBytes(processed.resolve("MSK-HQ-000001.batch.1"))).isEqualTo(real);
            assertThat(names(incoming)).containsExactlyInAnyOrder(DropFolder.PROCESSED, DropFolder.REJECTED);
            assertThat(stored(network)).isEqualTo(before);
            // the refused batches are kept in the quarantine for the operator; files that are no batch are not
            assertThat(network.hub().node().quarantine().list()).extracting(entry -> entry.reasonCode())
                    .containsExactlyInAnyOrder("malformed-container", "truncated", "damaged", "unknown-key",
                            "wrong-recipient", "unknown-key");

            // the network goes on: a new batch from the node is taken next to the rejected files
            msk.writer().write(changes -> changes.update(Schema.COUNTERPARTY, acme,
                    Map.of("note", Value.of("call after 10"))));
            assertClean(single(new Delivery(msk, name -> null).syncNow("drop")));
            assertClean(single(hq.syncNow("drop")));
            assertThat(Network.text(network.hubCounterparty(acme), "note")).isEqualTo("call after 10");
            assertThat(names(rejected)).hasSize(2 * expected.size());
        }
    }

    /** What HQ stores: row counts, channel positions, held parts and backlogs. */
    private static Map<String, Object> stored(Network network) {
        Node hub = network.hub().node();
        Map<String, Object> stored = new LinkedHashMap<>();
        for (String table : List.of("counterparty", "contact_person", "currency", "inbound_held",
                "outbound_batch", "outbound_part")) {
            stored.put(table, Network.count(hub, table));
        }
        for (String peer : List.of("MSK", "KZN", "AG1")) {
            stored.put("from " + peer, hub.database().read(connection -> new ChannelStore().inbound(connection,
                    NodeCode.parse(peer)).lastCommitted()));
            stored.put("to " + peer, hub.outbox().channel(NodeCode.parse(peer)).pending());
        }
        return stored;
    }

    /**
     * A batch from {@code sender} to {@code recipient} renaming {@code counterparty}, signed with the keys in
     * {@code home} (a fresh key HQ does not know when null).
     */
    private static byte[] batchFrom(NodeHome home, String sender, String recipient, String counterparty)
            throws IOException {
        Ed25519BatchSigner signer = home == null ? Ed25519BatchSigner.generate() : home.keysOf().signer();
        NodeCode from = NodeCode.parse(sender);
        Transaction transaction = new Transaction(Uuid7.next(), from, new HybridClock().now(), List.of(
                RowChange.update("counterparty", counterparty, Map.of("name", Value.of("Hijacked")),
                        Map.of("name", Value.of("Acme")))));
        List<BatchFile> files = new BatchWriter(signer, 3, 8L * 1024 * 1024).write(new BatchEnvelope(Uuid7.next(),
                from, NodeCode.parse(recipient), 1, null, 0, null, Schema.VERSION, Instant.now()),
                List.of(transaction));
        return files.get(0).bytes();
    }

    /** HQ's settings: a drop transport into {@code share}, files of at most 64 KB. */
    private static String hqYml(Path share) {
        return "exchange:\n  transports:\n    - {type: drop, folder: \"" + yamlPath(share)
                + "\", maxFileBytes: 64KB}\n";
    }

    /** Enrolls and joins {@code code}, gives it a drop transport into {@code share}, and tells HQ so. */
    static Node dropNode(Network network, String code, String role, Engine engine, Path share) throws Exception {
        Node joined = network.join(code, code + " node", role, engine);
        network.close(joined);
        Files.writeString(network.nodeHome(code).root().resolve(ExchangeSettings.FILE), "transports:\n"
                + "  - type: drop\n    folder: \"" + yamlPath(share) + "\"\n    maxFileBytes: 64KB\n");
        network.hub().registry().setAddresses(NodeCode.parse(code), List.of(NodeAddress.parse("drop:" + share)));
        return network.reopen(code);
    }

    private static String yamlPath(Path path) {
        return path.toAbsolutePath().toString().replace("\\", "/");
    }

    /** One round: each node runs its drop transport, then HQ. */
    private static void round(Network network, HubDelivery hq, Node... nodes) {
        for (Node node : nodes) {
            assertClean(single(new Delivery(node, name -> null).syncNow("drop")));
        }
        assertClean(single(hq.syncNow("drop")));
    }

    /** Writes {@code rows} counterparties with notes of {@code noteLength} random characters, in one transaction. */
    private void bulk(Node node, int rows, int noteLength) {
        List<String> notes = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            StringBuilder note = new StringBuilder(noteLength);
            for (int i = 0; i < noteLength; i++) {
                note.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            notes.add(note.toString());
        }
        node.writer().write(changes -> {
            for (int row = 0; row < rows; row++) {
                changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"),
                        "name", Value.of("Bulk " + row + " " + notes.get(row).substring(0, 8)),
                        "owning_branch", Value.of(node.config().code().toString()), "active", Value.of(true),
                        "note", Value.of(notes.get(row))));
            }
            return null;
        });
    }

    private static RunReport single(List<RunReport> reports) {
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private static void assertClean(RunReport report) {
        assertThat(report.error()).as(report.line()).isNull();
        assertThat(report.problems()).as(report.line()).isEmpty();
    }

    /** The batch files directly in {@code folder}, by name. */
    private static List<Path> batches(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".batch")).sorted().toList();
        }
    }

    /** The names of the batch files directly in {@code folder}, sorted. */
    private static List<String> batchNames(Path folder) throws IOException {
        return batches(folder).stream().map(file -> file.getFileName().toString()).toList();
    }

    /** The names in {@code folder}, sorted; none when it does not exist. */
    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> allFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static int partIndex(Path part) {
        Matcher matcher = PART.matcher(part.getFileName().toString());
        assertThat(matcher.matches()).isTrue();
        return Integer.parseInt(matcher.group(2));
    }

    private static int partCount(Path part) {
        Matcher matcher = PART.matcher(part.getFileName().toString());
        assertThat(matcher.matches()).isTrue();
        return Integer.parseInt(matcher.group(3));
    }

    /** An exit code and what the command printed. */
    private record Cli(int code, String out) {
    }

    private static Cli cli(IntSupplier command) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = command.getAsInt();
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return new Cli(code, printed);
    }
}
