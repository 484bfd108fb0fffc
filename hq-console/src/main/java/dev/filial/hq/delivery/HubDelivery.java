package dev.filial.hq.delivery;

import dev.filial.hq.Hub;
import dev.filial.hq.registry.HubNode;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.delivery.StatusBoard;
import dev.filial.node.delivery.TransportRunner;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.exchange.Dispatch;
import dev.filial.node.exchange.DropSettings;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.Intake;
import dev.filial.node.exchange.IntakeReport;
import dev.filial.node.exchange.MailSettings;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.mail.MailCarrier;
import dev.filial.node.mail.Mailbox;
import dev.filial.node.store.Settings;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * HQ's runs of its e-mail and file-drop transports. A run takes every batch in HQ's mailbox (or in the
 * {@code HQ/} subfolder of every drop folder it knows), consolidating them, then sends each node whose
 * transport in use is this one what it is due. A node's transport in use is the first of its addresses
 * that applies: {@code http} while the node has pulled within {@code fallbackAfter}, else {@code mail}
 * or {@code drop} when HQ has that transport. Runs are one at a time.
 */
public final class HubDelivery implements TransportRunner {

    private static final String PULLED = "http.pulled.";
    private static final String SEND_ERROR = "delivery.send-error.";
    /** The name USB-stick runs are recorded under. */
    public static final String STICK = "stick";

    private final Hub hub;
    private final Function<String, String> environment;
    private final StatusBoard board;
    private final Clock clock;

    public HubDelivery(Hub hub, Function<String, String> environment, Clock clock) {
        this.hub = hub;
        this.environment = environment;
        this.clock = clock;
        this.board = new StatusBoard(hub.node().database(), clock);
    }

    public StatusBoard board() {
        return board;
    }

    /** Records, in the caller's transaction, that {@code node} pulled over HTTP at {@code at}. */
    public static void pulled(Connection connection, NodeCode node, Instant at) throws SQLException {
        Settings.put(connection, PULLED + node, at.toString());
    }

    /** Why the last send to {@code node} by mail or drop failed, with when and how; empty after a success. */
    public Optional<String> lastSendError(NodeCode node) {
        return hub.node().database().read(connection -> Settings.get(connection, SEND_ERROR + node))
                .filter(error -> !error.isEmpty());
    }

    private void sendError(NodeCode node, String error) {
        if (!error.isEmpty() || lastSendError(node).isPresent()) {
            hub.node().database().write(connection -> {
                Settings.put(connection, SEND_ERROR + node, error);
                return null;
            });
        }
    }

    /** When {@code node} last pulled over HTTP, if ever. */
    public Optional<Instant> lastPull(NodeCode node) {
        return hub.node().database().read(connection -> Settings.get(connection, PULLED + node).map(Instant::parse));
    }

    /**
     * Runs every transport of HQ's (or only {@code only}).
     *
     * @throws ExchangeException {@code no-transport} when HQ has none (or not {@code only})
     */
    public synchronized List<RunReport> syncNow(String only) {
        List<TransportSettings> transports = hub.settings().exchange().transports().stream()
                .filter(t -> only == null || t.type().equals(only)).toList();
        if (transports.isEmpty()) {
            throw new ExchangeException("no-transport", only == null
                    ? "HQ has no mail or drop transport; add them to the exchange section of hq.yml (HTTP is served "
                    + "by filial-hq serve: the nodes pull)" : "hq.yml configures no " + only + " transport");
        }
        List<RunReport> reports = new ArrayList<>();
        for (TransportSettings transport : transports) {
            reports.add(scheduled(transport));
        }
        return reports;
    }

    @Override
    public synchronized RunReport scheduled(TransportSettings transport) {
        return board.record(transport.type(), () -> {
            if (transport instanceof MailSettings mail) {
                Mailbox mailbox = new Mailbox(mail, environment, Intake.MAX_ARRIVAL_BYTES);
                IntakeReport in = mailbox.poll(new Intake(hub.node().inbox()));
                return send(mail, in);
            }
            DropSettings drop = (DropSettings) transport;
            IntakeReport in = IntakeReport.NONE;
            List<String> unread = new ArrayList<>();
            for (Path folder : dropFolders(drop)) {
                try {
                    DropFolder incoming = new DropFolder(folder, hub.code(), Intake.MAX_ARRIVAL_BYTES);
                    in = in.plus(new Intake(hub.node().inbox()).take(incoming.arrivals()));
                    incoming.prune(drop.keepProcessed(), clock.instant());
                } catch (ExchangeException e) {
                    if (folder.equals(inHome(drop.folder().toString()))) {
                        throw e;
                    }
                    // one node's share being away does not keep HQ from the others
                    unread.add(e.getMessage());
                }
            }
            return send(drop, in.plus(new IntakeReport(0, 0, 0, 0, Set.of(), unread)));
        });
    }

    /**
     * Writes into {@code folder} (a USB stick) everything the given nodes have not acknowledged, or reads
     * everything in its {@code HQ/} subfolder; recorded as a {@code stick} run, apart from HQ's configured
     * drop folder. A node whose batches cannot go (not encrypted) is reported and the others still go.
     */
    public synchronized RunReport stick(Path folder, List<NodeCode> nodes, boolean write) {
        return board.record(STICK, () -> {
            DropFolder drop = new DropFolder(folder, hub.code(), Intake.MAX_ARRIVAL_BYTES);
            if (!write) {
                return RunReport.of(STICK, new Intake(hub.node().inbox()).take(drop.arrivals()), Dispatch.Sent.NONE,
                        List.of());
            }
            int sent = 0;
            long changes = 0;
            boolean acknowledged = false;
            List<String> problems = new ArrayList<>();
            for (NodeCode node : nodes) {
                try {
                    Dispatch.Sent out = dispatch().send(STICK, node, drop.carrier(), Duration.ZERO, false);
                    sent += out.batches();
                    changes += out.changes();
                    acknowledged |= out.acknowledgement();
                } catch (ExchangeException e) {
                    if (e.code().startsWith("drop-")) {
                        throw e;
                    }
                    problems.add(node + ": " + e.getMessage());
                }
            }
            return RunReport.of(STICK, IntakeReport.NONE, new Dispatch.Sent(sent, changes, acknowledged), problems);
        });
    }

    /** Sends every node using {@code transport} what it is due; a failure for one node does not stop the others. */
    private RunReport send(TransportSettings transport, IntakeReport in) {
        int sent = 0;
        long changes = 0;
        boolean acknowledged = false;
        List<String> problems = new ArrayList<>();
        for (HubNode node : hub.registry().list()) {
            if (node.revoked()) {
                continue;
            }
            Optional<NodeAddress> address = inUse(node.code());
            if (address.isEmpty() || !address.get().transport().equals(transport.type())) {
                continue;
            }
            boolean ackAgain = in.duplicatesFrom().contains(node.code());
            try {
                Dispatch.Sent out;
                if (transport instanceof MailSettings mail) {
                    String to = address.get().address();
                    try (MailCarrier carrier = new MailCarrier(mail, environment, hub.code(), to)) {
                        out = dispatch().send("mail", node.code(), carrier, mail.resendAfter(), ackAgain);
                    }
                } else {
                    DropFolder folder = new DropFolder(inHome(address.get().address()), hub.code(),
                            Intake.MAX_ARRIVAL_BYTES);
                    Duration resendAfter = ((DropSettings) transport).resendAfter();
                    out = dispatch().send("drop", node.code(), folder.carrier(), resendAfter, ackAgain);
                }
                sent += out.batches();
                changes += out.changes();
                acknowledged |= out.acknowledgement();
                sendError(node.code(), "");
            } catch (ExchangeException e) {
                if (e.code().equals("mail-unreachable") || e.code().equals("mail-login-failed")
                        || e.code().equals("mail-password-missing")) {
                    throw e;
                }
                problems.add(node.code() + ": " + e.getMessage());
                sendError(node.code(), clock.instant() + " " + transport.type() + " " + e.getMessage());
            }
        }
        return RunReport.of(transport.type(), in, new Dispatch.Sent(sent, changes, acknowledged), problems);
    }

    /** The address HQ sends {@code node}'s batches to now; empty when it pulls over HTTP (or nothing applies). */
    public Optional<NodeAddress> inUse(NodeCode node) {
        Instant since = clock.instant().minus(hub.settings().exchange().fallbackAfter());
        for (NodeAddress address : hub.registry().addresses(node)) {
            if (address.transport().equals("http")) {
                if (lastPull(node).filter(at -> at.isAfter(since)).isPresent()) {
                    return Optional.of(address);
                }
            } else if (hub.settings().exchange().transport(address.transport()).isPresent()) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** HQ's own drop folder and every node's, each read once. */
    private List<Path> dropFolders(DropSettings drop) {
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(inHome(drop.folder().toString()));
        for (HubNode node : hub.registry().list()) {
            for (NodeAddress address : hub.registry().addresses(node.code())) {
                if (address.transport().equals("drop")) {
                    folders.add(inHome(address.address()));
                }
            }
        }
        return List.copyOf(folders);
    }

    /** A folder as configured; a relative one is taken from HQ's home, not from where the process started. */
    private Path inHome(String folder) {
        return hub.node().home().root().resolve(folder).toAbsolutePath().normalize();
    }

    private Dispatch dispatch() {
        return new Dispatch(hub.node(), hub::packNext, clock);
    }


}
