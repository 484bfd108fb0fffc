package dev.filial.hq.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A real SMTP and IMAP server (GreenMail, in this JVM) on free ports, with one mailbox per node; the
 * passwords are in {@link #environment}, which stands in for the process environment.
 */
public final class MailServers implements AutoCloseable {

    /** The mail domain of the test network. */
    public static final String DOMAIN = "filial.test";

    private final GreenMail mail;
    private final Map<String, String> passwords = new HashMap<>();

    public MailServers() {
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
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
                + "      imap: " + String.format(server, mail.getImap().getPort()) + "\n"
                + "      maxMessageBytes: " + maxMessage + "\n"
                + "      resendAfter: " + resendAfter + "\n"
                + "      timeout: 20s\n";
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
}
