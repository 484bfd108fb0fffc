package dev.filial.node.mail;

import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.Optional;

/**
 * One batch part as an e-mail message (PROTOCOL.md section 15): a short text for a person who opens
 * it, and the part file as an {@code application/octet-stream} attachment named like a dropped file.
 * The {@code X-Filial-*} headers only help people and filters; the reader trusts the signed file alone.
 */
final class BatchMessage {

    static final String SENDER = "X-Filial-Sender";
    static final String RECIPIENT = "X-Filial-Recipient";
    static final String SEQUENCE = "X-Filial-Sequence";
    static final String PART = "X-Filial-Part";
    static final String ATTACHMENT_SUFFIX = ".batch";

    private BatchMessage() {
    }

    /** The message carrying part {@code index} (from 1) of {@code batch}. */
    static MimeMessage compose(Session session, String from, String to, NodeCode sender, NodeCode recipient,
                               OutboundBatch batch, int index) throws MessagingException {
        int count = batch.files().size();
        String name = batch.fileName(sender.toString(), recipient.toString(), index);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject("Filial " + (batch.sequence() == 0 ? "acknowledgement" : "batch " + batch.sequence()
                + (count > 1 ? " part " + index + "/" + count : "")) + " from " + sender + " to " + recipient);
        message.setSentDate(new Date());
        message.setHeader(SENDER, sender.toString());
        message.setHeader(RECIPIENT, recipient.toString());
        message.setHeader(SEQUENCE, Long.toString(batch.sequence()));
        message.setHeader(PART, index + "/" + count);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This message carries a Filial batch from node " + sender + " to node " + recipient
                + ". The Filial node reading this mailbox takes it; do not reply to it or forward it.\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(batch.files().get(index - 1),
                "application/octet-stream")));
        attachment.setFileName(name);
        attachment.setDisposition(Part.ATTACHMENT);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        Multipart multipart = new MimeMultipart();
        multipart.addBodyPart(text);
        multipart.addBodyPart(attachment);
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }

    /**
     * The batch file attached to {@code message}: its first attachment whose name ends in {@code .batch};
     * empty when there is none (the message is not a batch).
     *
     * @param limit the largest file accepted
     * @throws ExchangeException {@code oversized} for a larger one
     */
    static Optional<byte[]> attachment(Message message, long limit) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/*")) {
            return Optional.empty();
        }
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            String name = part.getFileName();
            if (name != null && name.endsWith(ATTACHMENT_SUFFIX)) {
                return Optional.of(read(part, limit));
            }
        }
        return Optional.empty();
    }

    private static byte[] read(BodyPart part, long limit) throws MessagingException, IOException {
        long expected = Math.min(Math.max(part.getSize(), 1024), limit + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) expected);
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new ExchangeException("oversized", "the attachment is larger than " + limit + " bytes");
                }
            }
        }
        return out.toByteArray();
    }
}
