package dev.filial.node.exchange;

import java.time.Duration;

/**
 * The e-mail transport: batches go out over SMTP as attachments, one batch part per message, and come
 * in through an IMAP mailbox that is polled.
 *
 * @param address         this side's mailbox: the sender of its messages, and where batches for it arrive
 * @param hub             the hub's mailbox (on a branch node; null at HQ, which has one address per node)
 * @param inbox           the IMAP folder batches arrive in
 * @param processed       the folder a message moves to once its batch is committed
 * @param rejected        the folder for messages that are not batches for this node, or were refused
 * @param maxMessageBytes the largest message the mail servers on the way accept; parts are cut below it
 * @param resendAfter     how long a batch the peer has not acknowledged waits before it is sent again
 * @param keepProcessed   how long messages stay in the processed folder; null: for ever
 */
public record MailSettings(String address, String hub, MailServer smtp, MailServer imap, String inbox, String processed,
                           String rejected, long maxMessageBytes, Duration resendAfter, Duration timeout,
                           Duration keepProcessed, Schedule schedule) implements TransportSettings {

    /** Room in a message for its headers, text part and MIME structure. */
    static final long MESSAGE_OVERHEAD = 8 * 1024;

    @Override
    public String type() {
        return "mail";
    }

    /** Base64 makes an attachment 4/3 its size (plus line breaks); the file must fit the message. */
    @Override
    public long maxFileBytes() {
        return (maxMessageBytes - MESSAGE_OVERHEAD) * 57 / 78;
    }
}
