package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.routing.Scope;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.inbox.Quarantine;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox (HQ's, and a node's) that holds, next to a real batch, mail that is no batch for it: a plain
 * text mail, an HTML mail, a mail with another attachment, a {@code .batch} attachment that is garbage, a
 * valid batch of a node this HQ never enrolled (signed with a key nobody here trusts), and a valid batch
 * addressed to another node. Every one of them is moved to the rejected folder, none deleted and none
 * left in the inbox to be read again, the run report names each with its reason, the batches among them
 * are quarantined with their reject reason code, the real batch is applied all the same, and nothing
 * stored before changes.
 */
class MailboxJunkTest {

    private static final String REJECTED = "Filial-Rejected";
    private static final String PROCESSED = "Filial-Processed";

    @TempDir
    Path directory;

    @Test
    void hqRejectsEachJunkMailWithItsReasonAndStillAppliesTheRealBatch() throws Exception {
        byte[] stranger = strangersBatch();
        try (MailServers mail = new MailServers(); Network network = Network.start(directory.resolve("filial"),
                "exchange:\n  transports:\n" + mail.transportYaml("HQ", null, "10MB", "0s"))) {
            String hqMailbox = mail.mailbox("HQ");
            String acme = network.customer("Acme", "MSK", "AG1");
            Node msk = MailExchangeTest.mailNode(network, mail, "MSK", "branch", Engine.SQLITE, hqMailbox);
            Node ag1 = MailExchangeTest.mailNode(network, mail, "AG1", "agent", Engine.SQLITE, hqMailbox);
            HubDelivery hq = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC());
            Supplier<List<RunReport>> hqRun = () -> hq.syncNow("mail");
            settle(mail, hqRun, msk, ag1);
            Map<String, Map<String, Map<String, Value>>> before = Scope.held(network.hub().node().database()).tables();

            String contact = msk.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON, Map.of(
                    "counterparty_id", Value.of(acme), "name", Value.of("Real contact from MSK"))));
            assertOk(new Delivery(msk, mail.environment()).syncNow("mail"));
            List<String> real = mail.messageIds("hq", "INBOX");
            assertThat(real).as("MSK's real batch in HQ's inbox").hasSize(1);
            // a batch MSK's key signed for AG1: HQ trusts the key, but the batch is not for HQ
            byte[] forAg1 = new BatchWriter(msk.keys().signer(), BatchWriter.DEFAULT_LEVEL, 1 << 20).write(
                    new BatchEnvelope(Uuid7.next(), NodeCode.parse("MSK"), NodeCode.parse("AG1"), 1, null, 0, null,
                            Schema.VERSION, Instant.now()),
                    List.of(new Transaction(Uuid7.next(), NodeCode.parse("MSK"), new Hlc(System.currentTimeMillis(), 0),
                            List.of(RowChange.insert("contact_person", Uuid7.next(), Map.of("counterparty_id",
                                    Value.of(acme), "name", Value.of("Only for AG1"))))))).get(0).bytes();
            Map<String, String> junk = junk(mail, hqMailbox, stranger);
            junk.put(send(mail, hqMailbox, "misaddressed", batchMail("misaddressed", "MSK-AG1-000001.batch", forAg1)),
                    "wrong-recipient");

            List<RunReport> reports = hqRun.get();

            assertJunkRejected(mail, "hq", reports, junk, network.hub().node().quarantine().list());
            assertThat(mail.messageIds("hq", PROCESSED)).containsAll(real);
            Map<String, Map<String, Map<String, Value>>> after = Scope.held(network.hub().node().database()).tables();
            assertThat(after.get("contact_person")).as("the real batch was applied").containsKey(contact);
            Map<String, Map<String, Map<String, Value>>> expected = new LinkedHashMap<>(before);
            expected.put("contact_person", new TreeMap<>(before.get("contact_person")));
            expected.get("contact_person").put(contact, after.get("contact_person").get(contact));
            assertThat(after).as("HQ's rows: as before, and the one the real batch brought").isEqualTo(expected);
            assertThat(hqRun.get()).as("a second run finds nothing to read again").allSatisfy(report -> {
                assertThat(report.problems()).isEmpty();
                assertThat(report.received()).isZero();
            });
            assertThat(mail.messageIds("hq", REJECTED)).containsExactlyInAnyOrderElementsOf(junk.keySet());
        }
    }

    @Test
    void aNodeRejectsEachJunkMailWithItsReasonAndStillAppliesTheRealBatch() throws Exception {
        byte[] stranger = strangersBatch();
        try (MailServers mail = new MailServers(); Network network = Network.start(directory.resolve("filial"),
                "exchange:\n  transports:\n" + mail.transportYaml("HQ", null, "10MB", "0s"))) {
            String hqMailbox = mail.mailbox("HQ");
            String acme = network.customer("Acme", "MSK", "AG1");
            Node msk = MailExchangeTest.mailNode(network, mail, "MSK", "branch", Engine.SQLITE, hqMailbox);
            Node ag1 = MailExchangeTest.mailNode(network, mail, "AG1", "agent", Engine.SQLITE, hqMailbox);
            HubDelivery hq = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC());
            Supplier<List<RunReport>> mskRun = () -> new Delivery(msk, mail.environment()).syncNow("mail");
            settle(mail, () -> hq.syncNow("mail"), msk, ag1);
            Map<String, Map<String, Map<String, Value>>> before = Scope.held(msk.database()).tables();

            network.hub().write(changes -> changes.update(Schema.COUNTERPARTY, acme,
                    Map.of("note", Value.of("from HQ, for MSK and AG1"))));
            assertOk(hq.syncNow("mail"));
            List<String> real = mail.messageIds("msk", "INBOX");
            assertThat(real).as("HQ's real batch in MSK's inbox").hasSize(1);
            String mskMailbox = "msk@" + MailServers.DOMAIN;
            Map<String, String> junk = junk(mail, mskMailbox, stranger);
            // HQ's batch for AG1, delivered to MSK's mailbox too
            junk.put(send(mail, mskMailbox, null, only(mail, "ag1", "INBOX")), "wrong-recipient");

            List<RunReport> reports = mskRun.get();

            assertJunkRejected(mail, "msk", reports, junk, msk.quarantine().list());
            assertThat(mail.messageIds("msk", PROCESSED)).containsAll(real);
            assertThat(Network.text(msk, Schema.COUNTERPARTY, acme, "note")).as("the real batch was applied")
                    .isEqualTo("from HQ, for MSK and AG1");
            Map<String, Map<String, Map<String, Value>>> expected = new LinkedHashMap<>(before);
            expected.put("counterparty", new TreeMap<>(before.get("counterparty")));
            Map<String, Value> noted = new LinkedHashMap<>(before.get("counterparty").get(acme));
            noted.put("note", Value.of("from HQ, for MSK and AG1"));
            expected.get("counterparty").put(acme, noted);
            assertThat(Scope.held(msk.database()).tables()).as("MSK's rows: as before, but the note the real batch "
                    + "brought").isEqualTo(expected);
            assertThat(mskRun.get()).as("a second run finds nothing to read again").allSatisfy(report -> {
                assertThat(report.problems()).isEmpty();
                assertThat(report.received()).isZero();
            });
            assertThat(mail.messageIds("msk", REJECTED)).containsExactlyInAnyOrderElementsOf(junk.keySet());
        }
    }

    /**
     * The rejected folder holds exactly the junk, the inbox nothing; the report has one problem per junk
     * mail, naming it and its reason; the quarantine holds the junk that was a batch, with its reason.
     *
     * @param junk each junk mail's Message-ID and the reason it must be rejected for
     */
    private static void assertJunkRejected(MailServers mail, String login, List<RunReport> reports,
                                           Map<String, String> junk, List<Quarantine.Entry> quarantine)
            throws Exception {
        assertThat(mail.messageIds(login, "INBOX")).as("left in the inbox").isEmpty();
        assertThat(mail.messageIds(login, REJECTED)).as("the rejected folder")
                .containsExactlyInAnyOrderElementsOf(junk.keySet());
        assertThat(mail.messageIds(login, PROCESSED)).as("the processed folder").doesNotContainAnyElementsOf(
                junk.keySet());
        assertThat(reports).allSatisfy(report -> assertThat(report.error()).isNull());
        List<String> problems = reports.stream().flatMap(report -> report.problems().stream()).toList();
        assertThat(problems).hasSameSizeAs(junk.keySet());
        Map<String, String> batches = new LinkedHashMap<>();
        junk.forEach((id, reason) -> {
            assertThat(problems).as("the report of %s", id).filteredOn(line -> line.contains(id)).singleElement()
                    .asString().contains(": " + reason);
            if (!reason.equals("not-a-batch")) {
                batches.put(id, reason);
            }
        });
        assertThat(quarantine).as("the quarantine").hasSameSizeAs(batches.keySet());
        batches.forEach((id, reason) -> assertThat(quarantine).as("the quarantine of %s", id)
                .filteredOn(entry -> entry.source().contains(id)).singleElement()
                .satisfies(entry -> assertThat(entry.reasonCode()).isEqualTo(reason)));
    }

    /**
     * Sends {@code to} a plain text mail, an HTML mail, a mail with a PDF, one with a garbage {@code .batch}
     * attachment and one with the {@code stranger}'s batch.
     *
     * @return each mail's Message-ID and the reason it must be rejected for
     */
    private static Map<String, String> junk(MailServers mail, String to, byte[] stranger) throws Exception {
        Map<String, String> junk = new LinkedHashMap<>();
        Session session = session();
        MimeMessage plain = new Identified(session, "plain");
        plain.setSubject("Lunch on Friday?");
        plain.setText("Shall we meet at noon?", "UTF-8");
        junk.put(send(mail, to, "plain", plain), "not-a-batch");
        MimeMessage html = new Identified(session, "html");
        html.setSubject("Newsletter");
        html.setContent("<html><body><h1>Spring offers</h1><p>Everything 10% off.</p></body></html>",
                "text/html; charset=UTF-8");
        junk.put(send(mail, to, "html", html), "not-a-batch");
        MimeMessage invoice = new Identified(session, "invoice");
        invoice.setSubject("Invoice 2024-117");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find the invoice attached.", "UTF-8");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource("%PDF-1.4\n%junk\n".getBytes(),
                "application/pdf")));
        pdf.setFileName("invoice-2024-117.pdf");
        pdf.setDisposition(Part.ATTACHMENT);
        invoice.setContent(new MimeMultipart(text, pdf));
        junk.put(send(mail, to, "invoice", invoice), "not-a-batch");
        byte[] garbage = new byte[4096];
        new Random(17).nextBytes(garbage);
        junk.put(send(mail, to, "garbage", batchMail("garbage", "MSK-HQ-000099.batch", garbage)),
                "malformed-container");
        junk.put(send(mail, to, "stranger", batchMail("stranger", "SPB-HQ-000001.batch", stranger)), "unknown-key");
        return junk;
    }

    /** A mail with {@code file} attached as {@code name}, as a Filial node would send it. */
    private static MimeMessage batchMail(String id, String name, byte[] file) throws Exception {
        MimeMessage message = new Identified(session(), id);
        message.setSubject("Filial batch " + name);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This message carries a Filial batch.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file, "application/octet-stream")));
        attachment.setFileName(name);
        attachment.setDisposition(Part.ATTACHMENT);
        message.setContent(new MimeMultipart(text, attachment));
        return message;
    }

    /**
     * Sends {@code message} to {@code to} over SMTP.
     *
     * @param id the Message-ID's local part (null: keep the message's own)
     * @return its Message-ID
     */
    private static String send(MailServers mail, String to, String id, MimeMessage message) throws Exception {
        if (id != null) {
            message.setFrom(new InternetAddress("someone@elsewhere.test"));
            message.setRecipients(Message.RecipientType.TO, to);
            message.saveChanges();
        }
        try (Transport transport = session().getTransport("smtp")) {
            transport.connect("127.0.0.1", mail.greenMail().getSmtp().getPort(), null, null);
            transport.sendMessage(message, new Address[] {new InternetAddress(to)});
        }
        return message.getHeader("Message-ID")[0];
    }

    /**
     * A valid batch from a node this HQ never enrolled: SPB, enrolled at another HQ, writes a customer and
     * packs it for its own hub.
     */
    private byte[] strangersBatch() throws Exception {
        try (Network elsewhere = Network.start(directory.resolve("elsewhere"), null)) {
            Node spb = elsewhere.join("SPB", "Saint Petersburg", "branch", Engine.SQLITE);
            spb.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind", Value.of("organisation"),
                    "name", Value.of("Stranger Ltd"), "owning_branch", Value.of("SPB"), "active", Value.of(true))));
            OutboundBatch batch = spb.outbox().packNext(spb.config().hub()).orElseThrow();
            assertThat(batch.files()).hasSize(1);
            return batch.files().get(0);
        }
    }

    /** Runs the nodes and HQ until a round of all of them moves nothing. */
    private static void settle(MailServers mail, Supplier<List<RunReport>> hq, Node... nodes) {
        for (int round = 0; round < 6; round++) {
            List<RunReport> reports = new ArrayList<>();
            for (Node node : nodes) {
                reports.addAll(new Delivery(node, mail.environment()).syncNow("mail"));
            }
            reports.addAll(hq.get());
            assertOk(reports);
            if (reports.stream().allMatch(report -> report.sent() == 0 && report.received() == 0)) {
                return;
            }
        }
        throw new AssertionError("HQ and the nodes still exchange after 6 rounds");
    }

    private static void assertOk(List<RunReport> reports) {
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.error()).isNull();
            assertThat(report.problems()).isEmpty();
        });
    }

    /** The only message in {@code login}'s {@code folder}, read whole. */
    private static MimeMessage only(MailServers mail, String login, String folder) throws Exception {
        try (Store store = store(mail, login)) {
            Folder box = store.getFolder(folder);
            box.open(Folder.READ_ONLY);
            try {
                assertThat(box.getMessageCount()).as("messages in %s's %s", login, folder).isOne();
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                box.getMessage(1).writeTo(raw);
                return new MimeMessage(session(), new ByteArrayInputStream(raw.toByteArray()));
            } finally {
                box.close(false);
            }
        }
    }

    private static Store store(MailServers mail, String login) throws MessagingException {
        Store store = session().getStore("imap");
        store.connect("127.0.0.1", mail.imapPort(), login, "pw-" + login);
        return store;
    }

    private static Session session() {
        return Session.getInstance(new Properties());
    }

    /** A new message whose Message-ID is {@code <id@junk.filial.test>}. */
    private static final class Identified extends MimeMessage {

        private final String id;

        Identified(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + "@junk." + MailServers.DOMAIN + ">");
        }
    }
}
