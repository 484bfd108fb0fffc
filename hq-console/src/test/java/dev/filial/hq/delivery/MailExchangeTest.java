package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.store.Schema;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HQ and two nodes that exchange by e-mail only, through a real SMTP and IMAP server. */
class MailExchangeTest {

    @TempDir
    Path directory;

    @Test
    void hqAndTwoNodesConvergeByMailAndEveryMessageEndsInTheProcessedFolder() throws Exception {
        try (MailServers mail = new MailServers()) {
            String hqMailbox = mail.mailbox("HQ");
            String hqYml = "exchange:\n  transports:\n" + mail.transportYaml("HQ", null, "10MB", "0s");
            try (Network network = Network.start(directory, hqYml)) {
                network.euro();
                Node msk = mailNode(network, mail, "MSK", "branch", Engine.SQLITE, hqMailbox);
                Node ag1 = mailNode(network, mail, "AG1", "agent", Engine.DERBY, hqMailbox);
                HubDelivery hq = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC());
                String acme = network.customer("Acme", "MSK", "AG1");
                ag1.writer().write(changes -> changes.insert(Schema.CONTACT_PERSON,
                        Map.of("counterparty_id", Value.of(acme), "name", Value.of("Ivan Petrov"))));

                for (int round = 0; round < 4; round++) {
                    assertOk(new Delivery(msk, mail.environment()).syncNow("mail"));
                    if (round == 1) {
                        msk.writer().write(changes -> changes.update(Schema.COUNTERPARTY, acme,
                                Map.of("note", Value.of("call after 10"))));
                    }
                    assertOk(new Delivery(ag1, mail.environment()).syncNow("mail"));
                    assertOk(hq.syncNow("mail"));
                }

                assertThat(network.scopeDifferences(msk)).isEmpty();
                assertThat(network.scopeDifferences(ag1)).isEmpty();
                assertThat(Network.text(network.hubCounterparty(acme), "note")).isEqualTo("call after 10");
                assertThat(Network.count(msk, "contact_person")).isEqualTo(1);
                assertThat(messages(mail, "hq", "INBOX")).isZero();
                assertThat(messages(mail, "hq", "Filial-Processed")).isPositive();
                assertThat(messages(mail, "msk", "Filial-Processed")).isPositive();
                assertThat(network.hub().node().outbox().channel(NodeCode.parse("AG1")).backlog()).isZero();
            }
        }
    }

    private static void assertOk(List<RunReport> reports) {
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.error()).isNull();
            assertThat(report.problems()).isEmpty();
        });
    }

    /** Enrolls and joins {@code code}, gives it a mail transport to HQ, and tells HQ its mailbox. */
    static Node mailNode(Network network, MailServers mail, String code, String role, Engine engine, String hub)
            throws Exception {
        String mailbox = mail.mailbox(code);
        Node joined = network.join(code, code + " node", role, engine);
        network.close(joined);
        Files.writeString(network.nodeHome(code).root().resolve(ExchangeSettings.FILE),
                "transports:\n" + mail.transportYaml(code, hub, "10MB", "0s"));
        network.hub().registry().setAddresses(NodeCode.parse(code), List.of(NodeAddress.parse("mail:" + mailbox)));
        return network.reopen(code);
    }

    /** Messages in {@code login}'s {@code folder}. */
    static int messages(MailServers mail, String login, String folder) throws Exception {
        return mail.messageIds(login, folder).size();
    }
}
