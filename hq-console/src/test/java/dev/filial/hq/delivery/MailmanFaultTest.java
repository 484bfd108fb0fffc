package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.delivery.Mailman.Fault;
import dev.filial.hq.delivery.Mailman.Letter;
import dev.filial.hq.delivery.Mailman.Spoiled;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.hq.routing.Scope;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.inbox.Quarantine;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.RejectReason;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HQ (SQLite) and two nodes (MSK on SQLite, AG1 on Derby) that exchange only by e-mail, through a
 * {@link Mailman} that loses, repeats, delays, damages and misdelivers their messages on a real mail
 * server. Each test lets one kind of fault (or a seeded mix) act on some rounds, then runs clean rounds
 * until nothing moves, and checks that every fault ended in convergence after resends or in a typed,
 * reported rejection, never in a lost or twice-applied transaction. The mailman's seed is printed; run
 * again with {@code -Dfilial.mailman.seed=N} to replay the same faults.
 */
class MailmanFaultTest {

    private static final String SEED_PROPERTY = "filial.mailman.seed";
    private static final List<String> SIDES = List.of("HQ", "MSK", "AG1");
    private static final Set<String> REASONS = Arrays.stream(RejectReason.values()).map(RejectReason::code)
            .collect(Collectors.toSet());
    private static final int QUIET_WITHIN = 12;

    @TempDir
    Path directory;

    @Test
    void droppedBatchesAreSentAgainUntilTheyArrive(TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed(1), test)) {
            trial.verify(() -> {
                trial.write(false);
                trial.mailman.policy(Mailman.onBatches(Fault.DROP));
                trial.round();
                trial.round();
                trial.untilQuiet();
                assertThat(senders(trial.mailman.faulted(Fault.DROP))).containsExactlyInAnyOrderElementsOf(SIDES);
                trial.assertSound();
            });
        }
    }

    @Test
    void duplicatedMessagesAreTakenOnce(TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed(2), test)) {
            trial.verify(() -> {
                trial.write(false);
                trial.mailman.policy((letter, random) -> Fault.DUPLICATE);
                trial.round();
                trial.write(false);
                trial.round();
                trial.untilQuiet();
                assertThat(senders(trial.mailman.faulted(Fault.DUPLICATE).stream().filter(Letter::batch).toList()))
                        .containsExactlyInAnyOrderElementsOf(SIDES);
                for (String side : SIDES) {
                    assertThat(trial.repeated(side, "Filial-Processed")).as("messages %s took twice", side)
                            .isNotEmpty();
                }
                trial.assertSound();
            });
        }
    }

    @Test
    void heldBackBatchesArriveAfterLaterOnesAndWait(TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed(3), test)) {
            trial.verify(() -> {
                trial.write(false);
                trial.mailman.policy(Mailman.holdFirstOnes());
                trial.round();
                trial.write(false);
                trial.round();
                trial.untilQuiet();
                assertThat(senders(trial.mailman.faulted(Fault.HOLD))).containsExactlyInAnyOrderElementsOf(SIDES);
                assertThat(trial.mailman.late()).as("held back, then sent")
                        .isEqualTo(trial.mailman.faulted(Fault.HOLD).size());
                for (String side : SIDES) {
                    assertThat(trial.reports(side)).as("%s left a later batch waiting for the held one", side)
                            .anySatisfy(report -> assertThat(report.waiting()).isPositive());
                }
                trial.assertSound();
            });
        }
    }

    @Test
    void truncatedAttachmentsAreRejectedAndTheBatchIsSentAgain(TestInfo test) throws Exception {
        spoiling(Fault.TRUNCATE, seed(4), test);
    }

    @Test
    void flippedBytesAreRejectedAndTheBatchIsSentAgain(TestInfo test) throws Exception {
        spoiling(Fault.FLIP, seed(5), test);
    }

    @Test
    void messagesDeliveredToTheWrongNodeAreRejectedThereAndSentAgain(TestInfo test) throws Exception {
        spoiling(Fault.MISROUTE, seed(6), test);
    }

    private void spoiling(Fault fault, long seed, TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed, test)) {
            trial.verify(() -> {
                trial.write(false);
                trial.mailman.policy(Mailman.onBatches(fault));
                trial.round();
                trial.untilQuiet();
                assertThat(trial.mailman.spoiled()).extracting(Spoiled::fault).containsOnly(fault);
                assertThat(senders(trial.mailman.spoiled().stream().map(Spoiled::letter).toList()))
                        .containsExactlyInAnyOrderElementsOf(SIDES);
                trial.assertSound();
            });
        }
    }

    @Test
    void oldBatchesReplayedLaterChangeNothing(TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed(7), test)) {
            trial.verify(() -> {
                trial.write(false);
                trial.untilQuiet();
                trial.write(false);
                trial.untilQuiet();
                int before = trial.mailman.pass();
                trial.write(false);
                trial.mailman.policy(Mailman.onBatches(Fault.REPLAY));
                trial.round();
                trial.round();
                trial.untilQuiet();
                List<Letter> replayed = trial.mailman.replayed();
                assertThat(replayed).as("batches sent again from before the last writes").isNotEmpty()
                        .allSatisfy(letter -> assertThat(letter.pass()).isLessThanOrEqualTo(before));
                assertThat(senders(replayed)).containsExactlyInAnyOrderElementsOf(SIDES);
                for (String side : SIDES) {
                    assertThat(trial.repeated(side, "Filial-Processed")).as("old batches %s took again as duplicates",
                            side).isNotEmpty();
                }
                trial.assertSound();
            });
        }
    }

    @Test
    void aPartDeliveredTwiceAndAnotherNeverWaitsForTheResend(TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed(8), test)) {
            trial.verify(() -> {
                trial.write(true);
                trial.mailman.policy(Mailman.partTwiceAnotherNever());
                trial.round();
                trial.untilQuiet();
                List<Letter> twice = trial.mailman.faulted(Fault.DUPLICATE);
                List<Letter> never = trial.mailman.faulted(Fault.DROP);
                assertThat(twice).singleElement().satisfies(letter -> assertThat(letter.parts()).isGreaterThan(1));
                assertThat(never).singleElement().satisfies(letter -> {
                    assertThat(letter.sequence()).isEqualTo(twice.get(0).sequence());
                    assertThat(letter.sender()).isEqualTo(twice.get(0).sender());
                    assertThat(letter.part()).isNotEqualTo(twice.get(0).part());
                });
                assertThat(trial.reports(twice.get(0).recipient()))
                        .as("the parts that came waited for the missing one")
                        .anySatisfy(report -> assertThat(report.waiting()).isGreaterThanOrEqualTo(2));
                trial.assertSound();
            });
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomFaultsEndInConvergenceOrReportedRejections(long seed, TestInfo test) throws Exception {
        try (Trial trial = Trial.open(directory, seed, test)) {
            trial.verify(() -> {
                for (int cycle = 0; cycle < 2; cycle++) {
                    trial.write(cycle == 0);
                    trial.mailman.policy(Mailman.mixed());
                    trial.round();
                    trial.write(false);
                    trial.round();
                    trial.untilQuiet();
                    trial.assertConverged();
                }
                int faulted = trial.mailman.counts().entrySet().stream().filter(e -> e.getKey() != Fault.PASS)
                        .mapToInt(Map.Entry::getValue).sum();
                assertThat(faulted).as("messages the mailman did not simply pass").isGreaterThanOrEqualTo(10);
                trial.assertSound();
            });
        }
    }

    static Stream<Long> seeds() {
        Long chosen = Long.getLong(SEED_PROPERTY);
        return chosen != null ? Stream.of(chosen) : LongStream.of(20_250_611L, 7_340_033L, 1_000_003L).boxed();
    }

    /** The seed given by {@code -Dfilial.mailman.seed}, else {@code fixed}. */
    private static long seed(long fixed) {
        return Long.getLong(SEED_PROPERTY, fixed);
    }

    private static Set<String> senders(List<Letter> letters) {
        return new TreeSet<>(letters.stream().map(Letter::sender).toList());
    }

    /** An assertion block. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** The network under test, the mailman between its sides, what was written, and every run's report. */
    private static final class Trial implements AutoCloseable {

        private final MailServers mail;
        private final Mailman mailman;
        private final Network network;
        private final Node msk;
        private final Node ag1;
        private final HubDelivery hq;
        private final String acme;
        private final Random data;
        private final Map<String, List<RunReport>> reports = new LinkedHashMap<>();
        /** Transactions written at each node. */
        private final Map<String, Integer> transactions = new HashMap<>();
        /** Contact persons inserted at the nodes, by id. */
        private final Map<String, Map<String, Value>> contacts = new LinkedHashMap<>();
        private String note;
        private String segment;
        private int step;

        private Trial(MailServers mail, Mailman mailman, Network network, Node msk, Node ag1, String acme, long seed) {
            this.mail = mail;
            this.mailman = mailman;
            this.network = network;
            this.msk = msk;
            this.ag1 = ag1;
            this.acme = acme;
            this.hq = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC());
            this.data = new Random(seed);
            SIDES.forEach(side -> reports.put(side, new ArrayList<>()));
        }

        static Trial open(Path directory, long seed, TestInfo test) throws Exception {
            System.out.println("MailmanFaultTest." + test.getTestMethod().map(m -> m.getName()).orElse("?") + " "
                    + test.getDisplayName() + ": mailman seed " + seed + " (again: -D" + SEED_PROPERTY + "=" + seed
                    + ")");
            MailServers mail = new MailServers();
            Network network = null;
            try {
                Mailman mailman = new Mailman(mail, seed, SIDES.toArray(String[]::new));
                network = Network.start(directory, "exchange:\n  transports:\n"
                        + mail.transportYaml("HQ", null, "64KB", "0s"));
                network.euro();
                // written before the nodes join, so that their enrollment snapshots hold it
                String acme = network.customer("Acme", "MSK", "AG1");
                Node msk = node(network, mail, "MSK", "branch", Engine.SQLITE);
                Node ag1 = node(network, mail, "AG1", "agent", Engine.DERBY);
                return new Trial(mail, mailman, network, msk, ag1, acme, seed);
            } catch (Exception | Error e) {
                if (network != null) {
                    network.close();
                }
                mail.close();
                throw e;
            }
        }

        /** Joins {@code code} and has it and HQ address each other's relay mailbox. */
        private static Node node(Network network, MailServers mail, String code, String role, Engine engine)
                throws Exception {
            Node joined = network.join(code, code + " node", role, engine);
            network.close(joined);
            Files.writeString(network.nodeHome(code).root().resolve(ExchangeSettings.FILE),
                    "transports:\n" + mail.transportYaml(code, Mailman.relayAddress("HQ"), "64KB", "0s"));
            network.hub().registry().setAddresses(NodeCode.parse(code),
                    List.of(NodeAddress.parse("mail:" + Mailman.relayAddress(code))));
            return network.reopen(code);
        }

        /**
         * Writes at every side: HQ sets Acme's segment, MSK its note and adds a contact person, AG1 adds one.
         * When {@code big}, MSK's contact persons are many, with long notes, so its batch (and HQ's to AG1,
         * Acme's agent) needs several parts.
         */
        void write(boolean big) {
            int at = ++step;
            segment = "segment " + at;
            network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, acme,
                    Map.of("segment", Value.of(segment))));
            contacts(msk, "MSK", at, big ? 40 : 1, big ? 3000 : 40);
            note = "note " + at;
            msk.writer().write(changes -> changes.update(Schema.COUNTERPARTY, acme, Map.of("note", Value.of(note))));
            transactions.merge("MSK", 1, Integer::sum);
            contacts(ag1, "AG1", at, 1, 40);
        }

        /** Inserts {@code count} contact persons of Acme at {@code node}, in one transaction. */
        private void contacts(Node node, String code, int at, int count, int noteLength) {
            List<Map<String, Value>> written = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                written.add(Map.of("counterparty_id", Value.of(acme), "name", Value.of(code + " contact " + at + "."
                        + i), "note", Value.of(text(noteLength))));
            }
            Map<String, Map<String, Value>> inserted = node.writer().write(changes -> {
                Map<String, Map<String, Value>> rows = new LinkedHashMap<>();
                written.forEach(row -> rows.put(changes.insert(Schema.CONTACT_PERSON, row), row));
                return rows;
            });
            contacts.putAll(inserted);
            transactions.merge(code, 1, Integer::sum);
        }

        /** Text that does not compress: base64 of random bytes. */
        private String text(int length) {
            byte[] bytes = new byte[length];
            data.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes).substring(0, length);
        }

        /**
         * One round: each node runs its mail transport (reads its mailbox, sends to HQ's relay mailbox), the
         * mailman carries, HQ runs its, the mailman carries.
         *
         * @return the messages the mailman handled
         */
        int round() {
            reports.get("MSK").addAll(new Delivery(msk, mail.environment()).syncNow("mail"));
            reports.get("AG1").addAll(new Delivery(ag1, mail.environment()).syncNow("mail"));
            int handled = mailman.relay();
            reports.get("HQ").addAll(hq.syncNow("mail"));
            return handled + mailman.relay();
        }

        /** Clean rounds (the mailman passes everything) until a round carries nothing and nothing is held. */
        void untilQuiet() {
            mailman.policy(Mailman.CLEAN);
            for (int i = 0; i < QUIET_WITHIN; i++) {
                if (round() == 0 && mailman.idle()) {
                    return;
                }
            }
            throw new AssertionError("messages still flow after " + QUIET_WITHIN + " clean rounds");
        }

        List<RunReport> reports(String side) {
            return reports.get(side);
        }

        /** Runs {@code check}; when it fails, the failure carries the mailman's log. */
        void verify(Check check) throws Exception {
            try {
                check.run();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + mailman.log(), e);
            }
        }

        /** Convergence, nothing left in transit, nothing lost, nothing applied twice, every rejection reported. */
        void assertSound() throws Exception {
            for (String side : SIDES) {
                assertThat(reports(side)).as("%s's runs", side).allSatisfy(report -> assertThat(report.error())
                        .isNull());
            }
            assertConverged();
            assertNothingInTransit();
            assertNothingLost();
            assertNothingAppliedTwice();
            assertRejectionsReported();
        }

        void assertConverged() {
            for (Node node : List.of(msk, ag1)) {
                assertThat(network.scopeDifferences(node)).as("how %s differs from its scope at HQ",
                        node.config().code()).isEmpty();
            }
        }

        private void assertNothingInTransit() throws Exception {
            for (String side : SIDES) {
                assertThat(messageIds(Mailman.login(side), "INBOX")).as("%s's inbox", side).isEmpty();
                assertThat(messageIds("relay-" + Mailman.login(side), "INBOX")).as("%s's relay mailbox", side)
                        .isEmpty();
                assertThat(Network.count(site(side), "inbound_held")).as("parts held at %s", side).isZero();
            }
            for (Node node : List.of(msk, ag1)) {
                NodeCode code = node.config().code();
                assertThat(node.outbox().channel(node.config().hub()).backlog()).as("%s's unacknowledged batches", code)
                        .isZero();
                assertThat(network.hub().node().outbox().channel(code).backlog())
                        .as("HQ's unacknowledged batches to %s", code).isZero();
                assertThat(Network.count(node, "change_log")).as("%s's unacknowledged changes", code).isZero();
            }
        }

        /** Every contact person the nodes wrote is at HQ as written; the last note and segment are everywhere. */
        private void assertNothingLost() {
            Map<String, Map<String, Value>> central = Scope.held(network.hub().node().database()).tables()
                    .get("contact_person");
            contacts.forEach((id, row) -> assertThat(central.get(id)).as("contact person %s at HQ", id).isNotNull()
                    .containsAllEntriesOf(row));
            for (Node node : List.of(network.hub().node(), msk, ag1)) {
                assertThat(Network.text(node, Schema.COUNTERPARTY, acme, "note")).as("Acme's note at %s",
                        node.config().code()).isEqualTo(note);
                assertThat(Network.text(node, Schema.COUNTERPARTY, acme, "segment")).as("Acme's segment at %s",
                        node.config().code()).isEqualTo(segment);
            }
            // MSK owns Acme and AG1 is its agent: both hold every contact person of it
            assertThat(Network.count(msk, "contact_person")).isEqualTo(contacts.size());
            assertThat(Network.count(ag1, "contact_person")).isEqualTo(contacts.size());
        }

        /**
         * HQ's hub log holds each node transaction once, under its origin, and HQ's {@code applied_tx} names
         * each once; each node's {@code applied_tx} holds exactly the hub log entries routed to it.
         */
        private void assertNothingAppliedTwice() {
            Node central = network.hub().node();
            assertThat(Network.number(central, "SELECT COUNT(*) FROM (SELECT tx_id FROM hub_log GROUP BY tx_id "
                    + "HAVING COUNT(*) > 1) twice")).as("transactions twice in HQ's hub log").isZero();
            for (Node node : List.of(msk, ag1)) {
                String code = node.config().code().toString();
                long written = transactions.get(code);
                assertThat(Network.number(central, "SELECT COUNT(*) FROM hub_log WHERE origin = ?", code))
                        .as("%s's transactions in HQ's hub log", code).isEqualTo(written);
                assertThat(Network.number(central, "SELECT COUNT(*) FROM applied_tx WHERE peer = ?", code))
                        .as("%s's transactions HQ applied", code).isEqualTo(written);
                assertThat(appliedTransactions(node)).as("transactions %s applied", code)
                        .isEqualTo(routedTo(code));
            }
        }

        private Set<String> appliedTransactions(Node node) {
            return node.database().read(connection -> {
                Set<String> ids = new TreeSet<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT tx_id FROM applied_tx");
                     ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            });
        }

        /** The hub log entries routed to {@code code} since its channel started (its enrollment snapshot). */
        private Set<String> routedTo(String code) {
            Node central = network.hub().node();
            long start = Network.number(central, "SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM node_setting "
                    + "WHERE name = ?", "outbox.start." + code);
            return central.database().read(connection -> {
                Set<String> ids = new TreeSet<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT tx_id, routes FROM hub_log WHERE seq > ?")) {
                    select.setLong(1, start);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            if (routed(rows.getString(2), code)) {
                                ids.add(rows.getString(1));
                            }
                        }
                    }
                }
                return ids;
            });
        }

        private static boolean routed(String routes, String code) {
            for (String route : routes.split("\\|", -1)) {
                if (route.equals("*") || List.of(route.split(",")).contains(code)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Each side's rejected folder holds exactly the spoiled messages delivered to it; its quarantine holds
         * each, and nothing else, with a reject reason code; its run reports name each once, with that code.
         */
        private void assertRejectionsReported() throws Exception {
            for (String side : SIDES) {
                List<Spoiled> spoiled = mailman.spoiled().stream().filter(s -> s.side().equals(side)).toList();
                assertThat(messageIds(Mailman.login(side), "Filial-Rejected")).as("%s's rejected folder", side)
                        .containsExactlyInAnyOrderElementsOf(spoiled.stream().map(Spoiled::messageId).toList());
                List<Quarantine.Entry> quarantine = site(side).quarantine().list();
                List<String> problems = reports(side).stream().flatMap(report -> report.problems().stream()).toList();
                assertThat(quarantine).as("%s's quarantine", side).hasSameSizeAs(spoiled);
                assertThat(problems).as("problems %s reported", side).hasSameSizeAs(spoiled);
                for (Spoiled message : spoiled) {
                    Quarantine.Entry entry = quarantine.stream().filter(e -> e.source().contains(message.messageId()))
                            .findFirst().orElseThrow(() -> new AssertionError(message + " is not in " + side
                                    + "'s quarantine: " + quarantine));
                    assertThat(entry.reasonCode()).as("why %s refused %s", side, message).isIn(reasons(message));
                    assertThat(problems).as("%s's report of %s", side, message)
                            .filteredOn(line -> line.contains(message.messageId())).singleElement().asString()
                            .contains(": " + entry.reasonCode() + " ");
                }
            }
        }

        /**
         * The reasons a spoiled message may be refused for. One for another side is refused as addressed
         * elsewhere by a node, which trusts HQ's key, and for its unknown key by HQ (which trusts only the
         * nodes' keys) and by a node getting another node's batch.
         */
        private static Set<String> reasons(Spoiled message) {
            return switch (message.fault()) {
                case MISROUTE -> Set.of(message.letter().sender().equals("HQ") && !message.side().equals("HQ")
                        ? "wrong-recipient" : "unknown-key");
                case TRUNCATE -> Set.of("truncated", "malformed-container");
                default -> REASONS;
            };
        }

        private Node site(String side) {
            return switch (side) {
                case "HQ" -> network.hub().node();
                case "MSK" -> msk;
                default -> ag1;
            };
        }

        /** The Message-IDs found more than once in {@code folder} of {@code side}'s mailbox. */
        Set<String> repeated(String side, String folder) throws Exception {
            List<String> ids = messageIds(Mailman.login(side), folder);
            return new TreeSet<>(ids.stream().filter(id -> ids.indexOf(id) != ids.lastIndexOf(id)).toList());
        }

        List<String> messageIds(String login, String folder) throws Exception {
            return mail.messageIds(login, folder);
        }

        @Override
        public void close() {
            Map<String, List<String>> refused = new LinkedHashMap<>();
            SIDES.forEach(side -> refused.put(side, site(side).quarantine().list().stream()
                    .map(Quarantine.Entry::reasonCode).toList()));
            System.out.println("mailman seed " + mailman.seed() + ": " + mailman.counts() + ", " + mailman.late()
                    + " late, " + mailman.replayed().size() + " replayed, " + mailman.spoiled().size() + " spoiled; "
                    + "quarantined " + refused);
            mailman.close();
            network.close();
            mail.close();
        }
    }
}
