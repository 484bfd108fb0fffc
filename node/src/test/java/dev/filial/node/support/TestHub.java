package dev.filial.node.support;

import dev.filial.node.Node;
import dev.filial.node.store.Schema;
import dev.filial.protocol.batch.BatchEnvelope;
import dev.filial.protocol.batch.BatchFile;
import dev.filial.protocol.batch.BatchWriter;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.channel.Ack;
import dev.filial.protocol.channel.ChainLink;
import dev.filial.protocol.channel.OutboundChannel;
import dev.filial.protocol.clock.HybridClock;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A stand-in for HQ in node tests: its own keys and outbound channel to one node. */
public final class TestHub {

    public static final NodeCode CODE = NodeCode.parse("HQ");

    private final Ed25519BatchSigner signer = Ed25519BatchSigner.generate();
    private final X25519KeyPair exchange = X25519KeyPair.generate();
    private final BatchWriter writer;
    private OutboundChannel channel = new OutboundChannel();
    private final HybridClock clock = new HybridClock();
    private final NodeCode node;
    private Ack ack = new Ack(0, null);

    public TestHub(NodeCode node, long maxFileBytes) {
        this.node = node;
        this.writer = new BatchWriter(signer, 3, maxFileBytes);
    }

    public TestHub(NodeCode node) {
        this(node, 8L * 1024 * 1024);
    }

    /** Makes {@code home}'s node trust this hub (call before opening it). */
    /** The hub's X25519 key pair: batches nodes send it are encrypted to it. */
    public X25519KeyPair exchange() {
        return exchange;
    }

    public void trustedBy(dev.filial.node.identity.NodeHome home) throws IOException {
        home.peers().trust(CODE, PemKeys.publicKeyPem(PemKeys.Curve.ED25519, signer.publicKey().raw()),
                PemKeys.publicKeyPem(PemKeys.Curve.X25519, exchange.publicKey()));
    }

    /** A transaction as HQ would forward it. */
    public Transaction transaction(RowChange... changes) {
        return new Transaction(Uuid7.next(), CODE, clock.now(), List.of(changes));
    }

    /** The next batch on the channel to the node, as its part files. */
    public List<BatchFile> send(Transaction... transactions) {
        ChainLink link = channel.nextSequence();
        List<BatchFile> files = writer.write(new BatchEnvelope(Uuid7.next(), CODE, node, link.sequence(), link.previous(),
                ack.sequence(), ack.hash(), Schema.VERSION, Instant.now()), List.of(transactions));
        channel.recordSent(link.sequence(), files.get(0).batchHash(), System.currentTimeMillis());
        return files;
    }

    /** Forgets what was sent, as a hub restored from an old backup would: the next batch is sequence 1 again. */
    public void forgetSent() {
        channel = new OutboundChannel();
    }

    /** Records that the hub committed the node's batch {@code sequence}; later batches acknowledge it. */
    public void committed(long sequence, String hash) {
        ack = new Ack(sequence, hash);
    }

    /** Sends every file of {@code files} to {@code target}'s inbox and returns the last receipt's code. */
    public static String deliver(Node target, List<BatchFile> files) {
        String code = null;
        for (BatchFile file : files) {
            code = target.inbox().receive("test", file.bytes()).code();
        }
        return code;
    }
}
