package dev.filial.node.mail;

import dev.filial.node.exchange.Arrival;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.Intake;
import dev.filial.node.exchange.IntakeReport;
import dev.filial.node.exchange.MailSettings;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ParseException;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * This side's IMAP mailbox. A poll offers every message in the inbox folder to the inbox: a message
 * whose batch is committed moves to the processed folder; one that is not a batch, is for another
 * node or is refused moves to the rejected folder, with the reason in the report; one that waits
 * (part of an incomplete batch, a batch after a gap) stays. Messages are only moved (copied, then
 * removed from the inbox), never deleted, and only after their batch is committed.
 */
public final class Mailbox {

    /**
     * What a poll reads of every message before taking it (flags, sender, subject, structure and the
     * headers it sorts by), asked for all messages in one command: asked one at a time, as the messages
     * would otherwise load them, each is a round trip to the server.
     */
    private static final FetchProfile PREFETCH = new FetchProfile();

    static {
        PREFETCH.add(FetchProfile.Item.FLAGS);
        PREFETCH.add(FetchProfile.Item.ENVELOPE);
        PREFETCH.add(FetchProfile.Item.CONTENT_INFO);
        PREFETCH.add("Message-ID");
        PREFETCH.add(BatchMessage.SENDER);
        PREFETCH.add(BatchMessage.SEQUENCE);
        PREFETCH.add(BatchMessage.PART);
    }

    private final MailSettings settings;
    private final Function<String, String> environment;
    private final long maxFileBytes;

    /**
     * @param maxFileBytes the largest attachment read; a larger one is rejected as oversized
     */
    public Mailbox(MailSettings settings, Function<String, String> environment, long maxFileBytes) {
        this.settings = settings;
        this.environment = environment;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Takes every message in the inbox folder through {@code intake}.
     *
     * @throws ExchangeException when the IMAP server cannot be reached or refuses the login
     */
    public IntakeReport poll(Intake intake) {
        Session session = MailSessions.session(settings, "imap", settings.imap());
        String server = settings.imap().host() + ":" + settings.imap().port();
        try (Store store = session.getStore(MailSessions.protocol("imap", settings.imap()))) {
            store.connect(settings.imap().host(), settings.imap().port(), settings.imap().user(),
                    settings.imap().password(environment));
            Folder inbox = store.getFolder(settings.inbox());
            inbox.open(Folder.READ_WRITE);
            List<Message> moved = new ArrayList<>();
            try {
                Folder processed = folder(store, settings.processed());
                Folder rejected = folder(store, settings.rejected());
                List<MessageArrival> arrivals = new ArrayList<>();
                Message[] messages = inbox.getMessages();
                inbox.fetch(messages, PREFETCH);
                for (Message message : messages) {
                    if (!message.isSet(Flags.Flag.DELETED)) {
                        arrivals.add(new MessageArrival(message, processed, rejected, moved));
                    }
                }
                arrivals.sort(Comparator.comparing(MessageArrival::order));
                IntakeReport report = intake.take(arrivals);
                prune(store, processed);
                return report;
            } finally {
                close(store, inbox, moved);
            }
        } catch (MessagingException e) {
            throw MailCarrier.failure(e, "IMAP", server);
        }
    }

    /**
     * Closes the inbox, removing the messages this poll moved. With UIDPLUS (RFC 4315) only those are
     * expunged, so a message a person's mail client marked deleted stays for them to expunge; without it a
     * plain expunge removes every message marked deleted.
     */
    private static void close(Store store, Folder inbox, List<Message> moved) throws MessagingException {
        if (moved.isEmpty()) {
            inbox.close(false);
        } else if (inbox instanceof IMAPFolder imap && store instanceof IMAPStore imapStore
                && imapStore.hasCapability("UIDPLUS")) {
            imap.expunge(moved.toArray(Message[]::new));
            inbox.close(false);
        } else {
            inbox.close(true);
        }
    }

    /**
     * Removes from the processed folder the messages received more than {@code keepProcessed} ago (their
     * batches were committed here long ago); nothing when {@code keepProcessed} is not set.
     */
    private void prune(Store store, Folder processed) throws MessagingException {
        if (settings.keepProcessed() == null) {
            return;
        }
        processed.open(Folder.READ_WRITE);
        List<Message> old = new ArrayList<>();
        try {
            Date cutoff = Date.from(Instant.now().minus(settings.keepProcessed()));
            old.addAll(Arrays.asList(processed.search(new ReceivedDateTerm(ComparisonTerm.LT, cutoff))));
            for (Message message : old) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
        } finally {
            close(store, processed, old);
        }
    }

    private static Folder folder(Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + name);
        }
        return folder;
    }

    /** One message of the inbox as an arrival; moving it copies it to the target, then marks it deleted. */
    private final class MessageArrival implements Arrival {

        private final Message message;
        private final Folder processed;
        private final Folder rejected;
        private final List<Message> moved;
        private final String source;

        MessageArrival(Message message, Folder processed, Folder rejected, List<Message> moved)
                throws MessagingException {
            this.message = message;
            this.processed = processed;
            this.rejected = rejected;
            this.moved = moved;
            String[] id = message.getHeader("Message-ID");
            this.source = "mail:" + (id == null ? "#" + message.getMessageNumber() : id[0]) + " from "
                    + Arrays.toString(message.getFrom()) + " \"" + message.getSubject() + "\"";
        }

        /** Sender, sequence and part from the headers: batches offered in order save passes. */
        String order() {
            try {
                return header(BatchMessage.SENDER) + "/" + String.format("%012d", Long.parseLong(
                        header(BatchMessage.SEQUENCE))) + "/" + header(BatchMessage.PART);
            } catch (NumberFormatException | MessagingException e) {
                return "~";
            }
        }

        private String header(String name) throws MessagingException {
            String[] values = message.getHeader(name);
            return values == null ? "" : values[0];
        }

        @Override
        public String source() {
            return source;
        }

        @Override
        public byte[] bytes() {
            try {
                return BatchMessage.attachment(message, maxFileBytes).orElseThrow(() -> new ExchangeException(
                        "not-a-batch", "the message has no .batch attachment; it is not for Filial"));
            } catch (IOException | ParseException e) {
                throw new ExchangeException("not-a-batch", "the message or its attachment is damaged: "
                        + e.getMessage());
            } catch (MessagingException e) {
                throw new ExchangeException("mail-unreadable", "the message cannot be read now (" + e.getMessage()
                        + "); it stays in the inbox and is read again");
            }
        }

        @Override
        public void archive() {
            move(processed);
        }

        @Override
        public void reject(String reason) {
            move(rejected);
        }

        private void move(Folder target) {
            try {
                message.getFolder().copyMessages(new Message[] {message}, target);
                message.setFlag(Flags.Flag.DELETED, true);
                moved.add(message);
            } catch (MessagingException e) {
                throw new ExchangeException("mail-unreachable", "cannot move a message to " + target.getFullName()
                        + ": " + e.getMessage() + "; it stays in the inbox and is read again");
            }
        }
    }
}
