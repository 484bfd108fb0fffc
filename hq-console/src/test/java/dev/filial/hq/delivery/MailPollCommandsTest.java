package dev.filial.hq.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.hq.Network;
import dev.filial.hq.registry.NodeAddress;
import dev.filial.node.Node;
import dev.filial.node.delivery.Delivery;
import dev.filial.node.delivery.RunReport;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.store.Engine;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll of a mailbox costs a few IMAP commands per message, not one per header, flag and body
 * structure: each command is a round trip to the mail server, which over the internet (and with
 * GreenMail's delayed replies on loopback) costs tens of milliseconds.
 */
class MailPollCommandsTest {

    private static final int BATCHES = 8;

    @TempDir
    Path directory;

    @Test
    void hqTakesEightBatchMessagesWithAFewImapCommandsEach() throws Exception {
        try (MailServers mail = new MailServers(); CommandCounter imap = new CommandCounter(
                mail.imapPort())) {
            String hqMailbox = mail.mailbox("HQ");
            String hqTransport = mail.transportYaml("HQ", null, "10MB", "6h").replace(
                    "imap: {host: 127.0.0.1, port: " + mail.imapPort() + ",",
                    "imap: {host: 127.0.0.1, port: " + imap.port() + ",");
            assertThat(hqTransport).contains("port: " + imap.port());
            try (Network network = Network.start(directory, "exchange:\n  transports:\n" + hqTransport)) {
                Node msk = network.join("MSK", "MSK node", "branch", Engine.SQLITE);
                network.close(msk);
                Files.writeString(network.nodeHome("MSK").root().resolve(ExchangeSettings.FILE),
                        "transports:\n" + mail.transportYaml("MSK", hqMailbox, "10MB", "6h"));
                network.hub().registry().setAddresses(NodeCode.parse("MSK"),
                        List.of(NodeAddress.parse("mail:" + mail.mailbox("MSK"))));
                Node node = network.reopen("MSK");
                for (int i = 0; i < BATCHES; i++) {
                    String name = "Customer " + i;
                    node.writer().write(changes -> changes.insert(Schema.COUNTERPARTY, Map.of("kind",
                            Value.of("organisation"), "name", Value.of(name), "owning_branch", Value.of("MSK"),
                            "active", Value.of(true))));
                    RunReport sent = new Delivery(node, mail.environment()).syncNow("mail").get(0);
                    assertThat(sent.sentChanges()).isEqualTo(1);
                }
                assertThat(MailExchangeTest.messages(mail, "hq", "INBOX")).isEqualTo(BATCHES);
                HubDelivery hq = new HubDelivery(network.hub(), mail.environment(), Clock.systemUTC());
                imap.reset();

                List<RunReport> reports = hq.syncNow("mail");

                assertThat(reports.get(0).error()).isNull();
                assertThat(reports.get(0).problems()).isEmpty();
                assertThat(reports.get(0).received()).isEqualTo(BATCHES);
                assertThat(Network.count(network.hub().node(), "counterparty")).isEqualTo(BATCHES);
                assertThat(MailExchangeTest.messages(mail, "hq", "INBOX")).isZero();
                assertThat(MailExchangeTest.messages(mail, "hq", "Filial-Processed")).isEqualTo(BATCHES);
                // per message: fetch the attachment, copy it to the processed folder, flag it deleted; besides,
                // on two connections: capabilities, login, the folders (listed, created), select, one fetch of
                // every message's flags, envelope, structure and headers, close, logout (17 commands); with a
                // fetch per header, flag and structure it was about 10 commands per message
                assertThat(imap.commands()).isLessThanOrEqualTo(3 * BATCHES + 20);
            }
        }
    }

    /** A TCP relay on loopback in front of a server, counting the command lines clients send through it. */
    static final class CommandCounter implements AutoCloseable {

        private final ServerSocket listener;
        private final int target;
        private final AtomicInteger lines = new AtomicInteger();
        private final Thread acceptor;

        CommandCounter(int target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::accept, "imap-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int commands() {
            return lines.get();
        }

        void reset() {
            lines.set(0);
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client, server, true);
                    pump(server, client, false);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean count) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        for (int i = 0; count && i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines.incrementAndGet();
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed: close both
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "imap-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
