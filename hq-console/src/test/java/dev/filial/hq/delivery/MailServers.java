package dev.filial.hq.delivery;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * A real SMTP and IMAP server (GreenMail, in this JVM) on free ports, with one mailbox per node; the
 * passwords are in {@link #environment}, which stands in for the process environment.
 *
 * <p>The SMTP server and the IMAP server the transports are given ({@link #imapPort}) answer with Nagle's
 * algorithm off: GreenMail writes a response in several small pieces, and with the client's delayed
 * acknowledgements every IMAP command would otherwise take some 40 ms. GreenMail's IMAP server class
 * cannot be extended, so that one is an extra server; GreenMail's own ({@code greenMail().getImap()})
 * serves the same mailboxes, slowly.
 */
public final class MailServers implements AutoCloseable {

    /** The mail domain of the test network. */
    public static final String DOMAIN = "filial.test";

    private final GreenMail mail;
    private final Map<String, String> passwords = new HashMap<>();

    public MailServers() {
        mail = new QuickGreenMail(new ServerSetup[] {
            setup(ServerSetup.PROTOCOL_SMTP), setup(ServerSetup.PROTOCOL_IMAP)});
        mail.start();
    }

    /** Creates the mailbox of {@code node} ({@code node@filial.test}, login the code in lower case). */
    public String mailbox(String node) {
        String login = node.toLowerCase(Locale.ROOT);
        String password = "pw-" + login;
        mail.setUser(login + "@" + DOMAIN, login, password);
        passwords.put("MAIL_PASSWORD_" + node, password);
        return login + "@" + DOMAIN;
    }

    public GreenMail greenMail() {
        return mail;
    }

    /** The port of the IMAP server the transports use (the same mailboxes as GreenMail's own). */
    public int imapPort() {
        return ((QuickGreenMail) mail).quickImap().getPort();
    }

    /** The Message-IDs in {@code login}'s {@code folder}, in order (none when the folder does not exist). */
    public List<String> messageIds(String login, String folder) throws MessagingException {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", imapPort(), login, "pw-" + login);
            Folder box = store.getFolder(folder);
            if (!box.exists()) {
                return List.of();
            }
            box.open(Folder.READ_ONLY);
            try {
                List<String> ids = new ArrayList<>();
                for (Message message : box.getMessages()) {
                    String[] id = message.getHeader("Message-ID");
                    ids.add(id == null ? "?" : id[0]);
                }
                return ids;
            } finally {
                box.close(false);
            }
        }
    }

    /** The environment holding every mailbox's password as {@code MAIL_PASSWORD_<NODE>}. */
    public Function<String, String> environment() {
        return passwords::get;
    }

    /**
     * The YAML of a mail transport for {@code node} (one list item, indented for {@code transports:}).
     *
     * @param hub the hub's mailbox (null at HQ)
     */
    public String transportYaml(String node, String hub, String maxMessage, String resendAfter) {
        String login = node.toLowerCase(Locale.ROOT);
        String server = "{host: 127.0.0.1, port: %d, security: none, user: " + login + ", passwordEnv: MAIL_PASSWORD_"
                + node + "}";
        return "    - type: mail\n"
                + "      address: " + login + "@" + DOMAIN + "\n"
                + (hub == null ? "" : "      hub: " + hub + "\n")
                + "      smtp: " + String.format(server, mail.getSmtp().getPort()) + "\n"
                + "      imap: " + String.format(server, imapPort()) + "\n"
                + "      maxMessageBytes: " + maxMessage + "\n"
                + "      resendAfter: " + resendAfter + "\n"
                + "      timeout: 20s\n";
    }

    /** A server on a free port, given time to start on a loaded machine (GreenMail's default is 2 s). */
    private static ServerSetup setup(String protocol) {
        ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
    }

    /** GreenMail with SMTP and an extra IMAP server that send every response at once ({@code TCP_NODELAY}). */
    private static final class QuickGreenMail extends GreenMail {

        private static final String QUICK_IMAP = "imap-nodelay";

        QuickGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        AbstractServer quickImap() {
            return services.get(QUICK_IMAP);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>(super.createServices(setups, managers));
            for (ServerSetup setup : setups) {
                if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
                    services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                        @Override
                        protected void handleClientSocket(Socket socket) throws SocketException {
                            socket.setTcpNoDelay(true);
                            super.handleClientSocket(socket);
                        }
                    });
                }
            }
            services.put(QUICK_IMAP, new QuickImapServer(setup(ServerSetup.PROTOCOL_IMAP), managers));
            return services;
        }
    }

    /** GreenMail's IMAP server (its handler on the same mailboxes), with Nagle's algorithm off. */
    private static final class QuickImapServer extends AbstractServer {

        QuickImapServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }

        @Override
        protected void handleClientSocket(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
        }
    }
}
