package dev.filial.node.delivery;

import dev.filial.node.Node;
import dev.filial.node.drop.DropFolder;
import dev.filial.node.exchange.Dispatch;
import dev.filial.node.exchange.DropSettings;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.exchange.HttpExchange;
import dev.filial.node.exchange.HttpSettings;
import dev.filial.node.exchange.Intake;
import dev.filial.node.exchange.IntakeReport;
import dev.filial.node.exchange.MailSettings;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.exchange.TransportSettings;
import dev.filial.node.mail.MailCarrier;
import dev.filial.node.mail.Mailbox;
import dev.filial.protocol.change.NodeCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A branch node's transports to its hub, in priority order. A run of one transport first takes what
 * arrived by it, then, when it is the transport in use, sends: HTTP pushes and pulls; e-mail and file
 * drop send the batches the hub has not acknowledged for their {@code resendAfter}, the new ones, and an
 * acknowledgement when nothing else went. "Sync now" runs them in priority order and the first that works
 * sends. On its schedule, a transport sends unless one before it works: its last run succeeded, within
 * {@code fallbackAfter} (HTTP while the hub answers, e-mail otherwise). Runs are one at a time.
 */
public final class Delivery implements TransportRunner {

    private final Node node;
    private final Function<String, String> environment;
    private final StatusBoard board;
    private final NodeCode hub;

    /**
     * @param environment where mail passwords are read ({@code System::getenv})
     */
    public Delivery(Node node, Function<String, String> environment) {
        this.node = node;
        this.environment = environment;
        this.board = new StatusBoard(node.database(), Clock.systemUTC());
        this.hub = node.config().hub();
    }

    public StatusBoard board() {
        return board;
    }

    /**
     * Sync now: runs every transport in priority order (or only {@code only}, when not null). The first
     * that works sends; the ones after it only receive.
     *
     * @throws ExchangeException {@code no-transport} when none (or not {@code only}) is configured
     */
    public synchronized List<RunReport> syncNow(String only) {
        List<TransportSettings> transports = node.exchange().transports().stream()
                .filter(t -> only == null || t.type().equals(only)).toList();
        if (transports.isEmpty()) {
            throw new ExchangeException("no-transport", only == null
                    ? "no transport is configured; give the hub's address (sync --url) or write exchange.yml"
                    : "no " + only + " transport is configured in exchange.yml");
        }
        List<RunReport> reports = new ArrayList<>();
        boolean sent = false;
        for (TransportSettings transport : transports) {
            RunReport report = run(transport, !sent);
            sent |= report.ok();
            reports.add(report);
        }
        return reports;
    }

    @Override
    public synchronized RunReport scheduled(TransportSettings transport) {
        boolean inUse = true;
        Instant since = Instant.now().minus(node.exchange().fallbackAfter());
        for (TransportSettings earlier : node.exchange().transports()) {
            if (earlier == transport) {
                break;
            }
            TransportStatus status = board.get(earlier.type());
            boolean works = status.failures() == 0 && status.lastSuccess() != null
                    && Instant.parse(status.lastSuccess()).isAfter(since);
            inUse &= !works;
        }
        return run(transport, inUse);
    }

    /** Runs {@code transport}: receive, then send when {@code send}; recorded on the board. */
    public synchronized RunReport run(TransportSettings transport, boolean send) {
        return board.record(transport.type(), () -> {
            if (transport instanceof HttpSettings http) {
                try (HttpExchange exchange = new HttpExchange(node, http.url())) {
                    SyncReport report = send ? exchange.sync() : exchange.pull();
                    return new RunReport("http", report.pushed(), report.pushedChanges(), false, report.pulled(),
                            report.pulledChanges(), 0, report.refused(), null);
                }
            }
            if (transport instanceof MailSettings mail) {
                return mailRun(mail, send);
            }
            DropSettings drop = (DropSettings) transport;
            // a relative folder is taken from the node's home, not from wherever the process was started
            DropFolder folder = new DropFolder(node.home().root().resolve(drop.folder()), node.config().code(),
                    Intake.MAX_ARRIVAL_BYTES);
            RunReport report = dropRun("drop", folder, send, drop.resendAfter());
            folder.prune(drop.keepProcessed(), Instant.now());
            return report;
        });
    }

    /**
     * Polls the mailbox, then sends when {@code send}. A poll that fails (IMAP down, the mailbox full) does
     * not keep the batches from going out over SMTP; the run still counts as failed, with the poll's reason.
     */
    private RunReport mailRun(MailSettings mail, boolean send) {
        IntakeReport in = IntakeReport.NONE;
        ExchangeException pollFailed = null;
        try {
            in = new Mailbox(mail, environment, Intake.MAX_ARRIVAL_BYTES).poll(new Intake(node.inbox()));
        } catch (ExchangeException e) {
            if (!send) {
                throw e;
            }
            pollFailed = e;
        }
        if (!send) {
            return RunReport.of("mail", in, Dispatch.Sent.NONE, List.of());
        }
        if (mail.hub() == null) {
            throw new ExchangeException("no-address", "exchange.yml gives no hub mailbox (hub:) to send to");
        }
        Dispatch.Sent out;
        try (MailCarrier carrier = new MailCarrier(mail, environment, node.config().code(), mail.hub())) {
            out = dispatch().send("mail", hub, carrier, mail.resendAfter(), !in.duplicatesFrom().isEmpty());
        }
        if (pollFailed != null) {
            throw new ExchangeException(pollFailed.code(), pollFailed.hint() + "; sent " + out.batches()
                    + " batch(es) all the same");
        }
        return RunReport.of("mail", in, out, List.of());
    }

    /**
     * Reads everything for this node from {@code folder} and, when {@code send}, writes there everything
     * the hub is due: every unacknowledged batch when {@code resendAfter} is zero (a USB stick).
     *
     * @param name the transport the run counts as: {@code drop} (the configured folder) or {@code stick}
     */
    public synchronized RunReport dropRun(String name, DropFolder folder, boolean send, Duration resendAfter) {
        IntakeReport in = new Intake(node.inbox()).take(folder.arrivals());
        Dispatch.Sent out = send
                ? dispatch().send(name, hub, folder.carrier(), resendAfter, !in.duplicatesFrom().isEmpty())
                : Dispatch.Sent.NONE;
        return RunReport.of(name, in, out, List.of());
    }

    /** Writes into {@code folder} what the hub is due, reading nothing; {@code name} as for {@link #dropRun}. */
    public synchronized RunReport dropSend(String name, DropFolder folder, Duration resendAfter) {
        Dispatch.Sent out = dispatch().send(name, hub, folder.carrier(), resendAfter, false);
        return RunReport.of(name, IntakeReport.NONE, out, List.of());
    }

    private Dispatch dispatch() {
        return new Dispatch(node, node.outbox()::packNext, Clock.systemUTC());
    }


}
