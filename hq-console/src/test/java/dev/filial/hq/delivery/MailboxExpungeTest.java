package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.filial.hq.Network;
import dev.filial.node.delivery.RunReport;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A poll removes from the inbox only the messages it moved, not those a person's mail client marked deleted. */
class MailboxExpungeTest {

    @TempDir
    Path directory;

    @Test
    void aMessageSomeoneElseMarkedDeletedStaysInTheInbox() throws Exception {
        try (MailServers mail = new MailServers()) {
            String hq = mail.mailbox("HQ");
            GreenMailUtil.sendTextEmail(hq, "boss@filial.test", "lunch", "at one?", mail.greenMail().getSmtp()
                    .getServerSetup());
            GreenMailUtil.sendTextEmail(hq, "boss@filial.test", "old", "to be deleted by its reader", mail.greenMail()
                    .getSmtp().getServerSetup());
            try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                store.connect("127.0.0.1", mail.imapPort(), "hq", "pw-hq");
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
                inbox.close(false);
            }
            String hqYml = "exchange:\n  transports:\n" + mail.transportYaml("HQ", null, "10MB", "6h");
            try (Network network = Network.start(directory, hqYml)) {
                RunReport run = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC())
                        .syncNow("mail").get(0);

                assertThat(run.error()).isNull();
                assertThat(run.problems()).singleElement().asString().contains("lunch").contains("not-a-batch");
                assertThat(mail.messageIds("hq", "Filial-Rejected")).hasSize(1);
                try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                    store.connect("127.0.0.1", mail.imapPort(), "hq", "pw-hq");
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    assertThat(inbox.getMessageCount()).isOne();
                    Message left = inbox.getMessage(1);
                    assertThat(left.getSubject()).isEqualTo("old");
                    assertThat(left.isSet(Flags.Flag.DELETED)).isTrue();
                    inbox.close(false);
                }
            }
        }
    }
}
