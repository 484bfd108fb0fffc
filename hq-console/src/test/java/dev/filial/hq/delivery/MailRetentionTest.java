package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.node.delivery.RunReport;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keepProcessed} on a mail transport: processed messages older than it go at the next poll. */
class MailRetentionTest {

    @TempDir
    Path directory;

    @Test
    void processedMessagesOlderThanTheRetentionAreRemovedAndNewerOnesStay() throws Exception {
        try (MailServers mail = new MailServers()) {
            mail.mailbox("HQ");
            Session session = Session.getInstance(new Properties());
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", mail.imapPort(), "hq", "pw-hq");
                Folder processed = store.getFolder("Filial-Processed");
                processed.create(Folder.HOLDS_MESSAGES);
                processed.appendMessages(new Message[] {
                    received(session, "old batch", Instant.now().minus(Duration.ofDays(40))),
                    received(session, "recent batch", Instant.now().minus(Duration.ofDays(2)))});
            }
            String hqYml = "exchange:\n  transports:\n" + mail.transportYaml("HQ", null, "10MB", "6h")
                    + "      keepProcessed: 30d\n";
            try (Network network = Network.start(directory, hqYml)) {
                RunReport run = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC())
                        .syncNow("mail").get(0);

                assertThat(run.error()).isNull();
                assertThat(mail.messageIds("hq", "Filial-Processed")).containsExactly("<recent batch>");
            }
        }
    }

    /** A message as if received at {@code when} (IMAP APPEND takes it as the message's internal date). */
    private static MimeMessage received(Session session, String name, Instant when) throws Exception {
        MimeMessage message = new MimeMessage(session) {
            @Override
            public Date getReceivedDate() {
                return Date.from(when);
            }
        };
        message.setSubject(name);
        message.setText("processed long ago");
        message.setHeader("Message-ID", "<" + name + ">");
        message.saveChanges();
        message.setHeader("Message-ID", "<" + name + ">");
        return message;
    }
}
