package dev.filial.node.mail;

import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.MailSettings;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tries the configured SMTP and IMAP servers: connect, log in, open the inbox folder. Sends nothing. */
public final class MailCheck {

    private MailCheck() {
    }

    /** One line per server: {@code ok ...} or the typed error with its hint. */
    public static List<String> run(MailSettings settings, Function<String, String> environment) {
        List<String> lines = new ArrayList<>();
        String smtp = settings.smtp().host() + ":" + settings.smtp().port();
        try {
            Session session = MailSessions.session(settings, "smtp", settings.smtp());
            try (Transport transport = session.getTransport(MailSessions.protocol("smtp", settings.smtp()))) {
                transport.connect(settings.smtp().host(), settings.smtp().port(), settings.smtp().user(),
                        settings.smtp().password(environment));
            }
            lines.add("ok   SMTP " + smtp + " (" + settings.smtp().security() + ")");
        } catch (MessagingException e) {
            lines.add("FAIL " + MailCarrier.failure(e, "SMTP", smtp).getMessage());
        } catch (ExchangeException e) {
            lines.add("FAIL " + e.getMessage());
        }
        String imap = settings.imap().host() + ":" + settings.imap().port();
        try {
            Session session = MailSessions.session(settings, "imap", settings.imap());
            try (Store store = session.getStore(MailSessions.protocol("imap", settings.imap()))) {
                store.connect(settings.imap().host(), settings.imap().port(), settings.imap().user(),
                        settings.imap().password(environment));
                Folder inbox = store.getFolder(settings.inbox());
                inbox.open(Folder.READ_ONLY);
                lines.add("ok   IMAP " + imap + " (" + settings.imap().security() + "), folder " + settings.inbox()
                        + " holds " + inbox.getMessageCount() + " message(s)");
                inbox.close(false);
            }
        } catch (MessagingException e) {
            lines.add("FAIL " + MailCarrier.failure(e, "IMAP", imap).getMessage());
        } catch (ExchangeException e) {
            lines.add("FAIL " + e.getMessage());
        }
        return lines;
    }
}
