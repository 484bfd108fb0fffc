package dev.filial.node;

import dev.filial.node.access.Users;
import dev.filial.node.capture.ChangeLog;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.channel.ChannelStore;
import dev.filial.node.entity.Entities;
import dev.filial.node.entity.EntityService;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.identity.NodeConfig;
import dev.filial.node.identity.NodeHome;
import dev.filial.node.identity.NodeKeys;
import dev.filial.node.inbox.Inbox;
import dev.filial.node.inbox.Quarantine;
import dev.filial.node.outbox.Outbox;
import dev.filial.node.sales.Payments;
import dev.filial.node.sales.SalesDocuments;
import dev.filial.node.stock.StockDocuments;
import dev.filial.node.store.Database;
import dev.filial.node.store.Settings;
import dev.filial.protocol.batch.BatchReader;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.batch.ReaderLimits;
import dev.filial.protocol.clock.Hlc;
import dev.filial.protocol.clock.HybridClock;
import dev.filial.node.inbox.Receipt;
import dev.filial.node.store.Engine;
import dev.filial.protocol.enrollment.EnrollmentPackage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * A running node: its identity, database and replication engine, assembled from its home directory.
 * The CLI and the HTTP server both work on one of these.
 */
public final class Node implements AutoCloseable {

    /** node_setting name of the last HLC observed from incoming batches. */
    public static final String CLOCK_SETTING = "clock.hlc";

    private final NodeHome home;
    private final NodeConfig config;
    private final NodeKeys keys;
    private final Database database;
    private final ChangeWriter writer;
    private final ChangeLog changeLog;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Quarantine quarantine;
    private final Users users;
    private final EntityService entities;
    private final StockDocuments stock;
    private final SalesDocuments sales;
    private final Payments payments;
    private final ExchangeSettings exchange;

    private Node(NodeHome home, ReplicationRole role) throws IOException {
        this.home = home;
        this.config = home.config();
        this.keys = home.keysOf();
        this.database = Database.open(config.engine(), config.engine().location(home.data()));
        try {
            HybridClock clock = new HybridClock();
            this.writer = new ChangeWriter(database, config.code(), clock);
            this.changeLog = new ChangeLog();
            restoreClock(clock);
            ChannelStore channels = new ChannelStore();
            this.quarantine = new Quarantine(database);
            ReplicationRole.Parts parts = role.attach(home, database, writer, changeLog);
            this.exchange = parts.exchange();
            this.outbox = new Outbox(database, parts.source(), channels,
                    new BatchWriter(keys.signer(), BatchWriter.DEFAULT_LEVEL, BatchWriter.SMALL_BODY_LEVEL,
                            exchange.maxFileBytes()),
                    parts.exchangeKeys(), config.code(), Clock.systemUTC());
            BatchReader reader = new BatchReader(parts.keys(), ReaderLimits.DEFAULT, config.code(), keys.exchange());
            this.inbox = parts.consumer() == null
                    ? new Inbox(database, writer, changeLog, channels, outbox, reader, quarantine)
                    : new Inbox(database, clock, channels, outbox, reader, quarantine, parts.consumer());
            this.users = new Users(database, writer);
            users.adoptLocal();
            this.entities = new EntityService(database, writer, new Entities(config.code(), config.hub()));
            this.stock = new StockDocuments(database, writer, config.hub());
            this.sales = new SalesDocuments(database, writer, stock);
            this.payments = new Payments(database, writer);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Opens the branch node living in {@code home} (run {@link NodeHome#init} first). */
    public static Node open(NodeHome home) {
        return open(home, ReplicationRole.BRANCH);
    }

    /** Opens the node living in {@code home} in {@code role}. */
    public static Node open(NodeHome home, ReplicationRole role) {
        try {
            return new Node(home, role);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the node in " + home.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a node from an enrollment package, offline: identity and keys from the package (opened
     * with {@code passphrase}), the hub trusted, and the snapshot applied through the inbox.
     *
     * @throws dev.filial.protocol.enrollment.EnrollmentException if the package is damaged or the passphrase wrong
     * @throws IllegalStateException if a snapshot batch is refused (the node is then left as created, empty)
     */
    public static Node join(NodeHome home, Path packageFile, char[] passphrase, Engine engine) throws IOException {
        return join(home, packageFile, passphrase, engine, false);
    }

    /**
     * As {@link #join(NodeHome, Path, char[], Engine)}; if {@code protectKeys}, the node's private keys are
     * sealed with a new passphrase from the home's {@link dev.filial.node.identity.KeyPassphrase}.
     */
    public static Node join(NodeHome home, Path packageFile, char[] passphrase, Engine engine, boolean protectKeys)
            throws IOException {
        EnrollmentPackage enrollment = EnrollmentPackage.read(packageFile);
        EnrollmentPackage.NodeSecrets secrets = enrollment.open(passphrase);
        home.join(enrollment, secrets, engine, protectKeys);
        Node node = open(home);
        List<byte[]> snapshot = enrollment.snapshot();
        for (int i = 0; i < snapshot.size(); i++) {
            Receipt receipt = node.inbox().receive(packageFile.getFileName() + "#" + (i + 1), snapshot.get(i));
            if (receipt.refused()) {
                node.close();
                throw new IllegalStateException("snapshot file " + (i + 1) + " of " + packageFile + " was refused: "
                        + receipt.code() + " " + receipt.hint());
            }
        }
        return node;
    }

    private void restoreClock(HybridClock clock) {
        database.read(connection -> {
            Optional<Hlc> logged = changeLog.newestHlc(connection);
            Optional<Hlc> observed = Settings.get(connection, CLOCK_SETTING).map(Hlc::parse);
            logged.ifPresent(clock::restore);
            observed.ifPresent(clock::restore);
            return null;
        });
    }

    public NodeHome home() {
        return home;
    }

    public NodeConfig config() {
        return config;
    }

    public NodeKeys keys() {
        return keys;
    }

    public Database database() {
        return database;
    }

    public ChangeWriter writer() {
        return writer;
    }

    public ChangeLog changeLog() {
        return changeLog;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Quarantine quarantine() {
        return quarantine;
    }

    public Users users() {
        return users;
    }

    public EntityService entities() {
        return entities;
    }

    /** The node's transports and schedules. */
    /** Stock documents: drafts, posting, reversal, transfers between branches. */
    /** Quotes, orders, invoices and their transitions. */
    public SalesDocuments sales() {
        return sales;
    }

    /** Payments and their allocation to invoices. */
    public Payments payments() {
        return payments;
    }

    public StockDocuments stock() {
        return stock;
    }

    public ExchangeSettings exchange() {
        return exchange;
    }

    @Override
    public void close() {
        database.close();
    }
}
