package dev.filial.protocol.channel;

/**
 * The acknowledgement to piggy-back on the reverse channel: the last committed {@code sequence} and
 * its batch {@code hash} ({@code 0} and null when nothing was committed yet).
 */
public record Ack(long sequence, String hash) {

    public static final Ack NONE = new Ack(0, null);

    public Ack {
        Validation.pair("ack", sequence, "ackHash", hash);
    }
}
