package dev.filial.hq.delivery;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;

/**
 * A fault-injecting mail relay between HQ and its nodes, over the real mail server. Each side sends to
 * the other's relay mailbox ({@code relay-hq@filial.test}, {@code relay-msk@filial.test}, ...); a
 * {@link #relay} pass reads every relay mailbox over IMAP, as a mail client does, removes what it read,
 * and sends each message on over SMTP to the real mailbox, doing to it the {@link Fault} the current
 * {@link Policy} chooses: pass it, drop it, send it twice, hold it back for a few passes (so it arrives
 * after later ones), truncate or flip bytes in its batch attachment, send it along with an older batch of
 * the same sender again, or send it to another side's mailbox.
 *
 * <p>Every choice, and every position and byte it damages, comes from one random generator seeded at
 * construction, and a pass takes the messages in a fixed order (by relay mailbox and sender, in arrival
 * order), so the same seed and the same traffic give the same faults. A message it spoils (truncated,
 * flipped, sent to the wrong side) goes with a Message-ID of its own, kept in {@link #spoiled}, so that a
 * test can follow it into the rejected folder, the quarantine and the run reports.
 */
final class Mailman implements AutoCloseable {

    /** What the mailman does to one message. */
    enum Fault {
        PASS, DROP, DUPLICATE, HOLD, TRUNCATE, FLIP, REPLAY, MISROUTE
    }

    /**
     * A message as the mailman sees it: the pass that took it, the side it is for (by the relay mailbox
     * it was sent to) and what its {@code X-Filial-*} headers say.
     */
    record Letter(int pass, String to, String sender, String recipient, long sequence, int part, int parts) {

        /** Whether it carries a batch (not an acknowledgement only). */
        boolean batch() {
            return sequence > 0;
        }

        @Override
        public String toString() {
            return sender + "->" + recipient + " " + (batch() ? "batch " + sequence : "ack") + (parts > 1 ? " part "
                    + part + "/" + parts : "") + " (pass " + pass + ")";
        }
    }

    /** Chooses the fault for each message, drawing from the mailman's seeded generator only. */
    @FunctionalInterface
    interface Policy {
        Fault choose(Letter letter, Random random);
    }

    /** A spoiled message, delivered to the mailbox of {@code side} as {@code messageId}. */
    record Spoiled(String side, String messageId, Fault fault, Letter letter) {
    }

    /** Passes every message. */
    static final Policy CLEAN = (letter, random) -> Fault.PASS;

    private static final String DOMAIN = MailServers.DOMAIN;

    private final MailServers mail;
    private final long seed;
    private final Random random;
    private final List<String> sides;
    private final Session session;
    private final Map<String, Store> stores = new HashMap<>();
    private final List<Carried> history = new ArrayList<>();
    private final List<Held> held = new ArrayList<>();
    private final List<Spoiled> spoiled = new ArrayList<>();
    private final List<Letter> replayed = new ArrayList<>();
    private final Map<Fault, List<Letter>> faults = new EnumMap<>(Fault.class);
    private final List<String> log = new ArrayList<>();
    private Transport transport;
    private Policy policy = CLEAN;
    private int pass;
    private int late;

    /**
     * Creates the real mailbox ({@code hq@filial.test}) and the relay mailbox ({@code relay-hq@filial.test})
     * of every side.
     *
     * @param sides node codes, HQ's included
     */
    Mailman(MailServers mail, long seed, String... sides) {
        this.mail = mail;
        this.seed = seed;
        this.random = new Random(seed);
        this.sides = List.of(sides);
        for (String side : sides) {
            mail.mailbox(side);
            mail.mailbox(relayLogin(side).toUpperCase(Locale.ROOT));
        }
        Properties properties = new Properties();
        properties.put("mail.imap.partialfetch", "false");
        properties.put("mail.imap.timeout", "20000");
        properties.put("mail.smtp.timeout", "20000");
        // a message goes out in pieces: without this, the last one waits for the server's delayed acknowledgement
        properties.put("mail.smtp.socketFactory", new QuickSockets());
        this.session = Session.getInstance(properties);
    }

    long seed() {
        return seed;
    }

    /** The passes made so far. */
    int pass() {
        return pass;
    }

    /** The address the other sides send {@code side}'s mail to: its relay mailbox. */
    static String relayAddress(String side) {
        return relayLogin(side) + "@" + DOMAIN;
    }

    /** The real mailbox of {@code side}, which only the mailman sends to. */
    static String address(String side) {
        return login(side) + "@" + DOMAIN;
    }

    /** The IMAP login of {@code side}'s real mailbox. */
    static String login(String side) {
        return side.toLowerCase(Locale.ROOT);
    }

    private static String relayLogin(String side) {
        return "relay-" + login(side);
    }

    /** From the next pass on, chooses faults by {@code policy}. */
    void policy(Policy next) {
        this.policy = next;
    }

    /**
     * One pass: sends what was held back and is due now, then takes every message waiting in the relay
     * mailboxes and does to each what the policy chooses.
     *
     * @return the messages handled (taken from a relay mailbox or sent late)
     */
    int relay() {
        pass++;
        int handled = 0;
        try {
            for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
                Held waiting = it.next();
                if (waiting.due() <= pass) {
                    it.remove();
                    send(waiting.carried().message(), waiting.carried().letter().to());
                    late++;
                    handled++;
                    log.add("pass " + pass + ": late " + waiting.carried().letter());
                }
            }
            List<Carried> fresh = new ArrayList<>();
            for (String side : sides) {
                fresh.addAll(collect(side));
            }
            // arrival order between senders depends on timing; within one sender it does not
            fresh.sort(Comparator.comparing((Carried c) -> c.letter().to()).thenComparing(c -> c.letter().sender()));
            for (Carried carried : fresh) {
                Fault fault = policy.choose(carried.letter(), random);
                faults.computeIfAbsent(fault, f -> new ArrayList<>()).add(carried.letter());
                log.add("pass " + pass + ": " + fault + " " + carried.letter());
                carry(carried, fault);
                handled++;
            }
            history.addAll(fresh);
        } catch (MessagingException e) {
            throw new IllegalStateException("the mailman failed in pass " + pass + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return handled;
    }

    /** Whether nothing is held back to be sent later. */
    boolean idle() {
        return held.isEmpty();
    }

    /** Every spoiled message delivered so far. */
    List<Spoiled> spoiled() {
        return List.copyOf(spoiled);
    }

    /** The messages that got {@code fault}. */
    List<Letter> faulted(Fault fault) {
        return List.copyOf(faults.getOrDefault(fault, List.of()));
    }

    /** The older messages sent again by {@link Fault#REPLAY}. */
    List<Letter> replayed() {
        return List.copyOf(replayed);
    }

    /** Messages held back and sent later. */
    int late() {
        return late;
    }

    /** What it did, pass by pass: the seed, and each message with its fault. */
    String log() {
        return "mailman seed " + seed + "\n" + String.join("\n", log);
    }

    /** How many messages got each fault. */
    Map<Fault, Integer> counts() {
        Map<Fault, Integer> counts = new LinkedHashMap<>();
        faults.forEach((fault, letters) -> counts.put(fault, letters.size()));
        return counts;
    }

    private void carry(Carried carried, Fault fault) throws MessagingException, IOException {
        Letter letter = carried.letter();
        switch (fault) {
            case PASS -> send(carried.message(), letter.to());
            case DROP -> {
            }
            case DUPLICATE -> {
                send(carried.message(), letter.to());
                send(carried.message(), letter.to());
            }
            case HOLD -> held.add(new Held(pass + 3 + random.nextInt(3), carried));
            case TRUNCATE -> spoil(carried, fault, letter.to(), bytes -> Arrays.copyOf(bytes,
                    random.nextInt(bytes.length)));
            case FLIP -> spoil(carried, fault, letter.to(), this::flip);
            case REPLAY -> {
                send(carried.message(), letter.to());
                List<Carried> batches = history.stream().filter(c -> c.letter().batch()
                        && c.letter().sender().equals(letter.sender()) && c.letter().to().equals(letter.to())).toList();
                if (!batches.isEmpty()) {
                    Carried old = batches.get(random.nextInt(batches.size()));
                    send(old.message(), old.letter().to());
                    replayed.add(old.letter());
                    log.add("pass " + pass + ": replayed " + old.letter());
                }
            }
            case MISROUTE -> {
                List<String> others = sides.stream().filter(side -> !side.equals(letter.to())).toList();
                spoil(carried, fault, others.get(random.nextInt(others.size())), UnaryOperator.identity());
            }
        }
    }

    /** Flips one to three bytes of {@code bytes}, at distinct places (each XOR a random non-zero value). */
    private byte[] flip(byte[] bytes) {
        byte[] flipped = bytes.clone();
        Set<Integer> places = new HashSet<>();
        int count = Math.min(1 + random.nextInt(3), bytes.length);
        while (places.size() < count) {
            int place = random.nextInt(bytes.length);
            if (places.add(place)) {
                flipped[place] ^= (byte) (1 + random.nextInt(255));
            }
        }
        return flipped;
    }

    /** Sends to {@code side} a copy of the message with a Message-ID of its own and its attachment damaged. */
    private void spoil(Carried carried, Fault fault, String side, UnaryOperator<byte[]> damage)
            throws MessagingException, IOException {
        String id = "<spoiled-" + (spoiled.size() + 1) + "." + fault.name().toLowerCase(Locale.ROOT) + ".seed-" + seed
                + "@mailman." + DOMAIN + ">";
        MimeMessage copy = new Stamped(session, carried.raw(), id);
        if (copy.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) copy.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getFileName() != null && part.getFileName().endsWith(".batch")) {
                    byte[] bytes;
                    try (InputStream in = part.getInputStream()) {
                        bytes = in.readAllBytes();
                    }
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(damage.apply(bytes),
                            "application/octet-stream")));
                    part.setHeader("Content-Transfer-Encoding", "base64");
                }
            }
            copy.setContent(multipart);
        }
        copy.setHeader("X-Mailman-Fault", fault.name());
        copy.saveChanges();
        send(copy, side);
        spoiled.add(new Spoiled(side, id, fault, carried.letter()));
        log.add("pass " + pass + ": " + fault + " sent to " + side + " as " + id);
    }

    /** Takes every message from {@code side}'s relay mailbox, removing it there. */
    private List<Carried> collect(String side) throws MessagingException, IOException {
        Store store = stores.get(side);
        if (store == null || !store.isConnected()) {
            store = session.getStore("imap");
            String login = relayLogin(side);
            store.connect("127.0.0.1", mail.imapPort(), login, "pw-" + login);
            stores.put(side, store);
        }
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        List<Carried> taken = new ArrayList<>();
        try {
            Message[] messages = inbox.getMessages();
            for (Message message : messages) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                message.writeTo(raw);
                taken.add(new Carried(side, raw.toByteArray()));
            }
            inbox.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
        } finally {
            inbox.close(true);
        }
        return taken;
    }

    private static String header(Message message, String name, String absent) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? absent : values[0];
    }

    private void send(MimeMessage message, String side) throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            transport = session.getTransport("smtp");
            transport.connect("127.0.0.1", mail.greenMail().getSmtp().getPort(), null, null);
        }
        transport.sendMessage(message, new Address[] {new InternetAddress(address(side))});
    }

    @Override
    public void close() {
        try {
            if (transport != null) {
                transport.close();
            }
            for (Store store : stores.values()) {
                store.close();
            }
        } catch (MessagingException ignored) {
            // the server goes away with the test either way
        }
    }

    /** A message taken from a relay mailbox: what the mailman knows of it, and its exact bytes. */
    private final class Carried {

        private final Letter letter;
        private final byte[] raw;

        Carried(String side, byte[] raw) throws MessagingException {
            this.raw = raw;
            MimeMessage message = message();
            String[] part = header(message, "X-Filial-Part", "1/1").split("/");
            this.letter = new Letter(pass, side, header(message, "X-Filial-Sender", "?"), header(message,
                    "X-Filial-Recipient", "?"), Long.parseLong(header(message, "X-Filial-Sequence", "-1")),
                    Integer.parseInt(part[0]), Integer.parseInt(part[1]));
        }

        Letter letter() {
            return letter;
        }

        byte[] raw() {
            return raw;
        }

        /** The message as it was sent, byte for byte. */
        MimeMessage message() throws MessagingException {
            return new MimeMessage(session, new ByteArrayInputStream(raw));
        }
    }

    /** Client sockets with Nagle's algorithm off. */
    private static final class QuickSockets extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return createSocket(host, port);
        }

        private Socket connected(InetSocketAddress address) throws IOException {
            Socket socket = createSocket();
            socket.connect(address);
            return socket;
        }
    }

    /** A message held back until pass {@code due}. */
    private record Held(int due, Carried carried) {
    }

    /** A message read from bytes that keeps the Message-ID it is given when it is saved. */
    private static final class Stamped extends MimeMessage {

        private final String id;

        Stamped(Session session, byte[] raw, String id) throws MessagingException {
            super(session, new ByteArrayInputStream(raw));
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    // ---- policies

    /** {@code fault} for every message carrying a batch; acknowledgements pass. */
    static Policy onBatches(Fault fault) {
        return (letter, random) -> letter.batch() ? fault : Fault.PASS;
    }

    /**
     * Holds back every copy of the batches each direction carries the first time it carries any, while the
     * policy is in use, so that the batches after them arrive first.
     */
    static Policy holdFirstOnes() {
        Map<String, Integer> firstPass = new HashMap<>();
        Map<String, Long> upTo = new HashMap<>();
        return (letter, random) -> {
            if (!letter.batch()) {
                return Fault.PASS;
            }
            String direction = letter.sender() + ">" + letter.recipient();
            if (firstPass.computeIfAbsent(direction, d -> letter.pass()) == letter.pass()) {
                upTo.merge(direction, letter.sequence(), Math::max);
            }
            return letter.sequence() <= upTo.get(direction) ? Fault.HOLD : Fault.PASS;
        };
    }

    /**
     * For the first batch of several parts it sees: one part twice, another never; every other message,
     * and that batch when it is sent again, passes.
     */
    static Policy partTwiceAnotherNever() {
        return new Policy() {
            private String batch;
            private int twice;
            private int never;
            private int left;

            @Override
            public Fault choose(Letter letter, Random random) {
                String key = letter.sender() + ">" + letter.recipient() + "/" + letter.sequence();
                if (batch == null && letter.parts() > 1) {
                    batch = key;
                    left = letter.parts();
                    twice = 1 + random.nextInt(letter.parts());
                    // any part but that one
                    never = 1 + (twice + random.nextInt(letter.parts() - 1)) % letter.parts();
                }
                if (left == 0 || !key.equals(batch)) {
                    return Fault.PASS;
                }
                left--;
                return letter.part() == twice ? Fault.DUPLICATE : letter.part() == never ? Fault.DROP : Fault.PASS;
            }
        };
    }

    /** Any fault at random: about two messages in five pass. */
    static Policy mixed() {
        Fault[] faults = Fault.values();
        int[] weights = {40, 10, 10, 10, 7, 7, 8, 8};
        int total = Arrays.stream(weights).sum();
        return (letter, random) -> {
            int pick = random.nextInt(total);
            for (int i = 0; i < faults.length; i++) {
                pick -= weights[i];
                if (pick < 0) {
                    return faults[i];
                }
            }
            return Fault.PASS;
        };
    }
}
