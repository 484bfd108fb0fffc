package dev.filial.node.mail;

import dev.filial.node.exchange.MailServer;
import dev.filial.node.exchange.MailSettings;
import jakarta.mail.Session;
import java.util.Properties;

/** Jakarta Mail sessions for the configured servers: TLS or STARTTLS as configured, and timeouts. */
final class MailSessions {

    private MailSessions() {
    }

    /** The protocol name Jakarta Mail uses for {@code server}: {@code smtps}/{@code imaps} for TLS. */
    static String protocol(String base, MailServer server) {
        return server.security().equals("tls") ? base + "s" : base;
    }

    static Session session(MailSettings settings, String base, MailServer server) {
        String protocol = protocol(base, server);
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put(prefix + "host", server.host());
        properties.put(prefix + "port", Integer.toString(server.port()));
        String millis = Long.toString(settings.timeout().toMillis());
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        if (server.security().equals("starttls")) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        if (server.security().equals("tls")) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (base.equals("smtp")) {
            properties.put(prefix + "auth", Boolean.toString(server.user() != null));
        } else {
            // whole attachments in one fetch: the default 16 KiB pieces make large batches slow
            properties.put(prefix + "partialfetch", "false");
            properties.put(prefix + "fetchsize", Integer.toString(1 << 20));
        }
        return Session.getInstance(properties);
    }
}
