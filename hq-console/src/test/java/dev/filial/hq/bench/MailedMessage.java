package dev.filial.hq.bench;

import dev.filial.hq.delivery.MailServers;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A message in a mailbox of the network's mail server, measured as a mail client sees it over IMAP: its
 * RFC 822 size as the server reports it, the bytes of the whole message as fetched, and its attachment.
 */
record MailedMessage(String subject, long rfc822Size, long fetchedBytes, String attachment, long attachmentBytes,
                     String transferEncoding) {

    /** The messages in {@code folder} of {@code node}'s mailbox. */
    static List<MailedMessage> read(MailServers mail, String node, String folder) throws MessagingException,
            IOException {
        String login = node.toLowerCase(Locale.ROOT);
        Session session = Session.getInstance(new Properties());
        List<MailedMessage> messages = new ArrayList<>();
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mail.greenMail().getImap().getPort(), login,
                    mail.environment().apply("MAIL_PASSWORD_" + node));
            Folder box = store.getFolder(folder);
            box.open(Folder.READ_ONLY);
            for (Message message : box.getMessages()) {
                Counter fetched = new Counter();
                message.writeTo(fetched);
                String name = null;
                long bytes = 0;
                String encoding = null;
                if (message.getContent() instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart part = multipart.getBodyPart(i);
                        if (part.getFileName() != null) {
                            name = part.getFileName();
                            String[] header = part.getHeader("Content-Transfer-Encoding");
                            encoding = header == null ? null : header[0];
                            try (InputStream in = part.getInputStream()) {
                                bytes = in.transferTo(OutputStream.nullOutputStream());
                            }
                        }
                    }
                }
                messages.add(new MailedMessage(message.getSubject(), message.getSize(), fetched.bytes, name, bytes,
                        encoding));
            }
            box.close(false);
        }
        return messages;
    }

    /** The bytes of {@code bytes} in base64, in lines of 76 characters ended by CRLF, as MIME writes it. */
    static long base64Bytes(long bytes) {
        long characters = (bytes + 2) / 3 * 4;
        return characters + (characters + 75) / 76 * 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "\"%s\": RFC 822 size %,d bytes (fetched %,d); attachment %s, %,d bytes, "
                + "%s", subject, rfc822Size, fetchedBytes, attachment, attachmentBytes, transferEncoding);
    }

    /** Counts what is written to it. */
    private static final class Counter extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
