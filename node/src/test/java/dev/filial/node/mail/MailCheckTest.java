package dev.filial.node.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.filial.node.exchange.ExchangeSettings;
import dev.filial.node.exchange.MailSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mail check} against a real SMTP and IMAP server: a good login, a wrong one, no password, no server. */
class MailCheckTest {

    private GreenMail mail;

    @BeforeEach
    void start() throws IOException {
        mail = new GreenMail(new ServerSetup[] {setup(ServerSetup.PROTOCOL_SMTP), setup(ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser("msk@filial.test", "msk", "secret");
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void reportsBothServersReachableWithTheRightPassword() throws IOException {
        List<String> lines = MailCheck.run(settings(mail.getSmtp().getPort(), mail.getImap().getPort()),
                Map.of("PW", "secret")::get);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("ok   SMTP 127.0.0.1:");
        assertThat(lines.get(1)).startsWith("ok   IMAP 127.0.0.1:").contains("folder INBOX holds 0 message(s)");
    }

    @Test
    void aWrongPasswordIsALoginFailureWithAHint() throws IOException {
        List<String> lines = MailCheck.run(settings(mail.getSmtp().getPort(), mail.getImap().getPort()),
                Map.of("PW", "wrong")::get);

        assertThat(lines.get(1)).startsWith("FAIL mail-login-failed: IMAP login at 127.0.0.1:")
                .contains("check the user and the password variable");
    }

    @Test
    void aMissingPasswordVariableIsNamed() throws IOException {
        List<String> lines = MailCheck.run(settings(mail.getSmtp().getPort(), mail.getImap().getPort()),
                Map.<String, String>of()::get);

        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("FAIL mail-password-missing:")
                .contains("environment variable PW"));
    }

    @Test
    void aServerThatDoesNotAnswerIsUnreachable() throws IOException {
        List<String> lines = MailCheck.run(settings(freePort(), freePort()), Map.of("PW", "secret")::get);

        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("FAIL mail-unreachable:")
                .contains("nothing is lost"));
    }

    private static MailSettings settings(int smtp, int imap) throws IOException {
        String server = "{host: 127.0.0.1, port: %d, security: none, user: msk, passwordEnv: PW}";
        String yaml = "transports:\n  - type: mail\n    address: msk@filial.test\n    hub: hq@filial.test\n"
                + "    smtp: " + String.format(server, smtp) + "\n    imap: " + String.format(server, imap) + "\n"
                + "    timeout: 5s\n";
        ExchangeSettings settings = ExchangeSettings.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        return (MailSettings) settings.transport("mail").orElseThrow();
    }

    /** A server on a free port, given time to start on a loaded machine (GreenMail's default is 2 s). */
    private static ServerSetup setup(String protocol) throws IOException {
        ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
