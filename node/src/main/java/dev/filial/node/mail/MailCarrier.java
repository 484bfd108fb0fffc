package dev.filial.node.mail;

import dev.filial.node.exchange.BatchCarrier;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.MailSettings;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.function.Function;

/**
 * Sends batches to one peer's mailbox over SMTP, one message per batch part, on one connection opened
 * at the first message and closed by {@link #close}.
 */
public final class MailCarrier implements BatchCarrier, AutoCloseable {

    private final MailSettings settings;
    private final Function<String, String> environment;
    private final NodeCode self;
    private final String to;
    private final Session session;
    private Transport transport;

    /**
     * @param to the peer's mailbox
     */
    public MailCarrier(MailSettings settings, Function<String, String> environment, NodeCode self, String to) {
        this.settings = settings;
        this.environment = environment;
        this.self = self;
        this.to = to;
        this.session = MailSessions.session(settings, "smtp", settings.smtp());
    }

    @Override
    public void carry(NodeCode peer, OutboundBatch batch) {
        try {
            for (int index = 1; index <= batch.files().size(); index++) {
                MimeMessage message = BatchMessage.compose(session, settings.address(), to, self, peer, batch, index);
                connected().sendMessage(message, message.getAllRecipients());
            }
        } catch (SendFailedException e) {
            throw new ExchangeException("mail-refused", "the SMTP server refused the message to " + to + " ("
                    + e.getMessage() + "); check the address; the batch stays here and goes again");
        } catch (MessagingException e) {
            close();
            throw failure(e, "SMTP", settings.smtp().host() + ":" + settings.smtp().port());
        }
    }

    private Transport connected() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            Transport fresh = session.getTransport(MailSessions.protocol("smtp", settings.smtp()));
            fresh.connect(settings.smtp().host(), settings.smtp().port(), settings.smtp().user(),
                    settings.smtp().password(environment));
            transport = fresh;
        }
        return transport;
    }

    /** The typed error for a failed mail operation on {@code server}. */
    static ExchangeException failure(MessagingException e, String protocol, String server) {
        if (e instanceof AuthenticationFailedException) {
            return new ExchangeException("mail-login-failed", protocol + " login at " + server + " was refused ("
                    + e.getMessage() + "); check the user and the password variable");
        }
        return new ExchangeException("mail-unreachable", protocol + " server " + server + " failed: " + e.getMessage()
                + "; nothing is lost: batches stay here and go with the next run");
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }
}
