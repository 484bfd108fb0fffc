package dev.filial.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exchange.yml}: a full file parses into the transports in their order with every setting; each
 * invalid setting is refused with its name and what is allowed; missing settings take their defaults.
 */
class ExchangeSettingsTest {

    private static final String FULL = """
            transports:
              - type: http
                url: https://hq.example.com:8700
                schedule: "0 */15 * * * *"
              - type: mail
                address: agent7@example.com
                hub: hq@example.com
                smtp: {host: smtp.example.com, port: 2587, security: starttls, user: agent7, passwordEnv: MAIL_PW}
                imap: {host: imap.example.com, port: 1993, security: tls, user: agent7, passwordEnv: MAIL_PW}
                folders: {inbox: Batches, processed: Batches/Done, rejected: Batches/Refused}
                maxMessageBytes: 2MB
                resendAfter: 6h
                timeout: 45s
                schedule: "0 0 * * * *"
              - type: drop
                folder: /media/share/filial
                maxFileBytes: 512KB
                resendAfter: PT30M
                schedule: "0 30 8-18 * * MON-FRI"
            backoff: {first: 10s, max: 15m}
            fallbackAfter: 2d
            """;

    @TempDir
    Path home;

    private static ExchangeSettings parse(String yaml) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return ExchangeSettings.parse(root == null ? new ObjectMapper().createObjectNode() : root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFullFileGivesEveryTransportInPriorityOrderWithEverySetting() throws IOException {
        Files.writeString(home.resolve(ExchangeSettings.FILE), FULL);
        ExchangeSettings settings = ExchangeSettings.read(home, "http://ignored.example.com");

        assertThat(settings.transports()).extracting(TransportSettings::type).containsExactly("http", "mail", "drop");
        HttpSettings http = (HttpSettings) settings.transports().get(0);
        assertThat(http.url().toString()).isEqualTo("https://hq.example.com:8700");
        assertThat(http.schedule()).hasToString("0 */15 * * * *");
        assertThat(http.maxFileBytes()).isEqualTo(8L * 1024 * 1024);

        MailSettings mail = (MailSettings) settings.transport("mail").orElseThrow();
        assertThat(mail.address()).isEqualTo("agent7@example.com");
        assertThat(mail.hub()).isEqualTo("hq@example.com");
        assertThat(mail.smtp()).isEqualTo(new MailServer("smtp.example.com", 2587, "starttls", "agent7", "MAIL_PW"));
        assertThat(mail.imap()).isEqualTo(new MailServer("imap.example.com", 1993, "tls", "agent7", "MAIL_PW"));
        assertThat(mail.inbox()).isEqualTo("Batches");
        assertThat(mail.processed()).isEqualTo("Batches/Done");
        assertThat(mail.rejected()).isEqualTo("Batches/Refused");
        assertThat(mail.maxMessageBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(mail.resendAfter()).isEqualTo(Duration.ofHours(6));
        assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(mail.schedule()).hasToString("0 0 * * * *");
        // base64 and the message's own overhead: the file is well below the message limit
        assertThat(mail.maxFileBytes()).isEqualTo((2L * 1024 * 1024 - 8 * 1024) * 57 / 78)
                .isLessThan(mail.maxMessageBytes() * 3 / 4);

        DropSettings drop = (DropSettings) settings.transport("drop").orElseThrow();
        assertThat(drop.folder()).isEqualTo(Path.of("/media/share/filial"));
        assertThat(drop.maxFileBytes()).isEqualTo(512 * 1024);
        assertThat(drop.resendAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(drop.schedule().nextAfter(ZonedDateTime.of(2026, 3, 13, 18, 45, 0, 0, ZoneOffset.UTC)))
                .contains(ZonedDateTime.of(2026, 3, 16, 8, 30, 0, 0, ZoneOffset.UTC));

        assertThat(settings.backoffFirst()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoffMax()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.fallbackAfter()).isEqualTo(Duration.ofDays(2));
        assertThat(settings.maxFileBytes()).isEqualTo(512 * 1024);
    }

    @Test
    void withoutAFileANodeHasHttpToItsHubOnDemandOrNothing() throws IOException {
        ExchangeSettings settings = ExchangeSettings.read(home, "http://hq.example.com:8700");
        assertThat(settings.transports()).singleElement().isInstanceOfSatisfying(HttpSettings.class, http -> {
            assertThat(http.url().toString()).isEqualTo("http://hq.example.com:8700");
            assertThat(http.schedule()).isSameAs(Schedule.MANUAL);
        });
        assertThat(ExchangeSettings.read(home, null).transports()).isEmpty();
        assertThat(ExchangeSettings.read(home, null).maxFileBytes()).isEqualTo(HttpSettings.MAX_FILE_BYTES);

        Files.writeString(home.resolve(ExchangeSettings.FILE), "# nothing configured yet\n");
        assertThat(ExchangeSettings.read(home, "http://hq.example.com:8700").transports()).isEmpty();
    }

    @Test
    void missingSettingsTakeTheirDefaults() {
        ExchangeSettings settings = parse("""
                transports:
                  - {type: drop, folder: share}
                  - type: mail
                    address: msk@example.com
                    smtp: {host: smtp.example.com}
                    imap: {host: imap.example.com}
                """);
        assertThat(settings.backoffFirst()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoffMax()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.fallbackAfter()).isEqualTo(Duration.ofHours(1));

        DropSettings drop = (DropSettings) settings.transports().get(0);
        assertThat(drop.folder()).isEqualTo(Path.of("share"));
        assertThat(drop.maxFileBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(drop.resendAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(drop.schedule()).isSameAs(Schedule.MANUAL);

        MailSettings mail = (MailSettings) settings.transports().get(1);
        assertThat(mail.hub()).isNull();
        // TLS from the first byte: the submission port for implicit TLS, not 587 (STARTTLS)
        assertThat(mail.smtp()).isEqualTo(new MailServer("smtp.example.com", 465, "tls", null, null));
        assertThat(mail.imap()).isEqualTo(new MailServer("imap.example.com", 993, "tls", null, null));
        assertThat(mail.inbox()).isEqualTo("INBOX");
        assertThat(mail.processed()).isEqualTo("Filial-Processed");
        assertThat(mail.rejected()).isEqualTo("Filial-Rejected");
        assertThat(mail.maxMessageBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(mail.resendAfter()).isEqualTo(Duration.ofHours(6));
        assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(mail.schedule()).isSameAs(Schedule.MANUAL);

        ExchangeSettings empty = parse("{}");
        assertThat(empty.transports()).isEmpty();
        assertThat(empty.backoffFirst()).isEqualTo(Duration.ofSeconds(30));
        assertThat(empty.maxFileBytes()).isEqualTo(HttpSettings.MAX_FILE_BYTES);
    }

    @Test
    void maxFileBytesIsTheSmallestAnyTransportCarries() {
        String http = "  - {type: http, url: 'http://hq:8700'}\n";
        String mail = "  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, maxMessageBytes: 1MB}\n";
        String drop = "  - {type: drop, folder: share, maxFileBytes: 900KB}\n";
        long mailFile = (1024L * 1024 - 8 * 1024) * 57 / 78;
        assertThat(parse("transports:\n" + http).maxFileBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(parse("transports:\n" + http + mail + drop).maxFileBytes()).isEqualTo(mailFile);
        assertThat(parse("transports:\n" + drop + http).maxFileBytes()).isEqualTo(900 * 1024);
        assertThat(parse("transports:\n" + http + "  - {type: drop, folder: s, maxFileBytes: 65536}\n" + mail)
                .maxFileBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void backoffDoublesFromFirstAndStopsAtMax() {
        ExchangeSettings settings = parse("backoff: {first: 30s, max: 1h}");
        assertThat(settings.backoff(0)).isEqualTo(Duration.ZERO);
        assertThat(settings.backoff(-3)).isEqualTo(Duration.ZERO);
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.backoff(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(settings.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff(9)).isEqualTo(Duration.ofHours(1));
        // no overflow however long the transport has been failing
        assertThat(settings.backoff(64)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        for (int failures = 1; failures < 40; failures++) {
            assertThat(settings.backoff(failures + 1)).isGreaterThanOrEqualTo(settings.backoff(failures));
        }
    }

    @Test
    void anUnknownTypeIsRefusedWithTheTypesThereAre() {
        assertRefused("transports:\n  - {type: ftp, url: 'ftp://hq'}",
                "transports[0]: type must be http, mail or drop, not 'ftp'");
        assertRefused("transports:\n  - {type: http, url: 'http://hq'}\n  - {folder: share}",
                "transports[1]: type must be http, mail or drop, not ''");
        assertRefused("transports:\n  - drop", "transports[0]: type must be http, mail or drop");
    }

    @Test
    void aTransportWithoutItsAddressIsRefusedSayingWhatToGive() {
        assertRefused("transports:\n  - {type: http}", "transports[0]: url is missing", "http://");
        assertRefused("transports:\n  - {type: http, url: '  '}", "transports[0]: url is missing");
        assertRefused("transports:\n  - {type: drop}", "transports[0]: folder is missing", "shared folder");
        assertRefused("transports:\n  - {type: mail, smtp: {host: s}, imap: {host: i}}",
                "transports[0]: address is missing", "mailbox");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, imap: {host: i}}",
                "transports[0]: smtp is missing: {host, port, security, user, passwordEnv}");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}}",
                "transports[0]: imap is missing: {host, port, security, user, passwordEnv}");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {port: 25}, imap: {host: i}}",
                "transports[0]: smtp: host is missing: the server's name");
    }

    @Test
    void aBadUrlOrSecurityIsRefusedWithWhatIsAllowed() {
        assertRefused("transports:\n  - {type: http, url: 'ftp://hq.example.com'}",
                "transports[0]: url must be an address like http://hq.example.com:8700, not 'ftp://hq.example.com'");
        assertRefused("transports:\n  - {type: http, url: 'hq.example.com:8700'}",
                "transports[0]: url must be an address like http://hq.example.com:8700");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s, security: ssl}, imap: {host: i}}",
                "transports[0]: smtp: security must be tls, starttls or none, not 'ssl'");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i, security: ''}}",
                "transports[0]: imap: security must be tls, starttls or none, not ''");
    }

    @Test
    void theDefaultPortFollowsSecurity() {
        String mail = "transports:\n  - {type: mail, address: a@b.c, smtp: {host: s, security: %s}, "
                + "imap: {host: i, security: %s}}";
        assertThat(ports(parse(mail.formatted("tls", "tls")))).containsExactly(465, 993);
        assertThat(ports(parse(mail.formatted("starttls", "starttls")))).containsExactly(587, 143);
        assertThat(ports(parse(mail.formatted("none", "none")))).containsExactly(25, 143);
        // a port given is kept whatever the security
        assertThat(ports(parse("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s, port: 2525, "
                + "security: none}, imap: {host: i, port: '3143', security: tls}}"))).containsExactly(2525, 3143);
    }

    private static List<Integer> ports(ExchangeSettings settings) {
        MailSettings mail = (MailSettings) settings.transport("mail").orElseThrow();
        return List.of(mail.smtp().port(), mail.imap().port());
    }

    @Test
    void aPortThatIsNoWholeNumberFrom1To65535IsRefused() {
        String smtp = "transports:\n  - {type: mail, address: a@b.c, imap: {host: i}, smtp: {host: s, port: ";
        for (String port : List.of("smtp", "'smtp'", "99999", "65536", "0", "-25", "587.5", "'2525x'", "''",
                "[587]", "4294967883")) {
            assertRefused(smtp + port + "}}", "transports[0]: smtp: port must be a whole number from 1 to 65535, not ");
        }
        assertRefused(smtp + "smtp}}", "port must be a whole number from 1 to 65535, not 'smtp'");
        assertRefused(smtp + "99999}}", "port must be a whole number from 1 to 65535, not '99999'");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i, port: 100000}}",
                "transports[0]: imap: port must be a whole number from 1 to 65535, not '100000'");
        assertThat(ports(parse(smtp + "65535}}"))).containsExactly(65535, 993);
        assertThat(ports(parse(smtp + "1}}"))).containsExactly(1, 993);
        assertThatThrownBy(() -> new MailServer("s", 99999, "tls", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be a whole number from 1 to 65535, not '99999'");
    }

    @Test
    void aBadScheduleIsRefusedWithTheForm() {
        assertRefused("transports:\n  - {type: drop, folder: s, schedule: 'every hour'}",
                "transports[0]: schedule 'every hour' must have six fields");
        assertRefused("transports:\n  - {type: drop, folder: s, schedule: '0 0 * * *'}",
                "transports[0]: schedule '0 0 * * *' must have six fields", "\"0 */15 * * * *\"");
        assertRefused("transports:\n  - {type: drop, folder: s, schedule: '0 0 99 * * *'}",
                "transports[0]: schedule '0 0 99 * * *' is not a cron expression");
    }

    @Test
    void aBadDurationIsRefusedWithTheUnitsThereAre() {
        assertRefused("transports:\n  - {type: drop, folder: s, resendAfter: soon}",
                "transports[0]: resendAfter must be a duration like 30s, 15m, 6h or 2d, not 'soon'");
        assertRefused("transports:\n  - {type: drop, folder: s, resendAfter: 6w}",
                "transports[0]: resendAfter must be a duration like 30s, 15m, 6h or 2d, not '6w'");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, timeout: ''}",
                "transports[0]: timeout must be a duration");
        assertRefused("fallbackAfter: PT1X", "fallbackAfter must be a duration like 30s, 15m, 6h or 2d");
        assertRefused("fallbackAfter: h", "fallbackAfter must be a duration");
        assertRefused("backoff: {first: 1 minute}", "backoff.first must be a duration like 30s, 15m, 6h or 2d");
        assertRefused("backoff: {max: forever}", "backoff.max must be a duration like 30s, 15m, 6h or 2d");
    }

    @Test
    void aNegativeDurationIsRefused() {
        assertRefused("transports:\n  - {type: drop, folder: s, resendAfter: -5m}",
                "transports[0]: resendAfter must not be negative, not '-5m'");
        assertRefused("transports:\n  - {type: drop, folder: s, resendAfter: PT-1H}",
                "transports[0]: resendAfter must not be negative");
        assertRefused("backoff: {first: -30s}", "backoff.first must not be negative");
        assertThat(parse("transports:\n  - {type: drop, folder: s, resendAfter: 0s}").transports().get(0))
                .isInstanceOfSatisfying(DropSettings.class, drop -> assertThat(drop.resendAfter()).isZero());
    }

    @Test
    void aSizeBelow64KbOrNoSizeAtAllIsRefused() {
        String mail = "transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, "
                + "maxMessageBytes: ";
        assertRefused(mail + "10KB}", "transports[0]: maxMessageBytes must be at least 64KB, not '10KB'");
        assertRefused(mail + "65535}", "transports[0]: maxMessageBytes must be at least 64KB, not '65535'");
        assertRefused(mail + "ten MB}",
                "transports[0]: maxMessageBytes must be a size like 10MB or 512KB, not 'ten MB'");
        assertRefused(mail + "2GB}", "transports[0]: maxMessageBytes must be a size like 10MB or 512KB");
        assertRefused("transports:\n  - {type: drop, folder: s, maxFileBytes: 1KB}",
                "transports[0]: maxFileBytes must be at least 64KB, not '1KB'");
        assertThat(parse(mail + "64KB}").transports().get(0)).isInstanceOfSatisfying(MailSettings.class,
                settings -> assertThat(settings.maxMessageBytes()).isEqualTo(65536));
    }

    @Test
    void aPasswordWrittenWherePasswordEnvNamesTheVariableIsRefusedWithoutRepeatingIt() throws IOException {
        String hint = "passwordEnv must name an environment variable, like FILIAL_MAIL_PASSWORD; the password "
                + "itself never goes in a file";
        for (String secret : List.of("s3cr3t!Pass", "correct horse battery", "9LivesCat", "pass-word", "p@ss")) {
            Path file = home.resolve(ExchangeSettings.FILE);
            Files.writeString(file, "transports:\n  - type: mail\n    address: a@b.c\n"
                    + "    smtp: {host: s, user: agent7, passwordEnv: '" + secret + "'}\n    imap: {host: i}\n");
            assertThatThrownBy(() -> ExchangeSettings.read(home, null)).as(secret)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": transports[0]: smtp: " + hint)
                    .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(secret));
            assertThatThrownBy(() -> new MailServer("imap.example.com", 993, "tls", "agent7", secret)).as(secret)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(hint);
        }
        String mail = "transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i, passwordEnv: ";
        assertRefused(mail + "''}}", "transports[0]: imap: " + hint);
        assertRefused(mail + "42}}", "transports[0]: imap: " + hint);
        // names of environment variables pass
        for (String name : List.of("FILIAL_MAIL_PASSWORD", "_PW", "mail_pw2", "X")) {
            assertThat(new MailServer("imap.example.com", 993, "tls", "agent7", name).passwordEnv()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownSettingIsRefusedNamingItAndTheSettingsThereAre() {
        assertRefused("transport:\n  - {type: drop, folder: s}",
                "transport is not a setting; allowed are transports, backoff, fallbackAfter");
        assertRefused("fallbackAfter: 1h\nfallback_after: 2h", "fallback_after is not a setting; allowed are "
                + "transports, backoff, fallbackAfter");
        assertThatThrownBy(() -> parse("backoff: {first: 10s, maximum: 1h}"))
                .hasMessage("backoff.maximum is not a setting; allowed are first, max");
        assertRefused("transports:\n  - {type: http, url: 'http://hq:8700', folder: share}",
                "transports[0]: folder is not a setting of an http transport; allowed are type, url, schedule");
        assertRefused("transports:\n  - {type: http, url: 'http://hq:8700'}\n  - {type: drop, folder: s, path: s}",
                "transports[1]: path is not a setting of a drop transport; allowed are type, folder, maxFileBytes, "
                        + "resendAfter, keepProcessed, schedule");
        String mail = "transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, ";
        assertRefused(mail + "smpt: {host: s}}", "transports[0]: smpt is not a setting of a mail transport; allowed "
                + "are type, address, hub, smtp, imap, folders, maxMessageBytes, resendAfter, timeout, keepProcessed, "
                + "schedule");
        assertRefused(mail + "schedules: '0 0 * * * *'}", "transports[0]: schedules is not a setting of a mail");
        assertRefused(mail + "folders: {inbox: INBOX, done: Done}}",
                "transports[0]: folders.done is not a setting; allowed are inbox, processed, rejected");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s, ssl: true}, imap: {host: i}}",
                "transports[0]: smtp: ssl is not a setting; allowed are host, port, security, user, passwordEnv");
        // a password under a key of its own: the key is named, the value is not repeated
        Throwable refused = catchThrowable(() -> parse("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s},"
                + " imap: {host: i, user: msk, password: 'Hunter2!xyz'}}"));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transports[0]: imap: password is not a setting; allowed are host, port, "
                        + "security, user, passwordEnv")
                .hasMessageNotContaining("Hunter2!xyz");
    }

    @Test
    void aSecondTransportOfTheSameTypeIsRefused() {
        assertRefused("transports:\n  - {type: drop, folder: share}\n  - {type: http, url: 'http://hq:8700'}\n"
                + "  - {type: drop, folder: stick}", "transports[2]: a second drop transport (the first is "
                + "transports[0]); give each type once: its status and what it sent are kept per type");
        String mail = "  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}}\n";
        assertRefused("transports:\n" + mail + mail, "transports[1]: a second mail transport (the first is "
                + "transports[0])");
        assertRefused("transports:\n  - {type: http, url: 'http://a:8700'}\n  - {type: http, url: 'http://b:8700'}",
                "transports[1]: a second http transport");
        assertThat(parse("transports:\n  - {type: http, url: 'http://a:8700'}\n" + mail
                + "  - {type: drop, folder: s}").transports()).hasSize(3);
    }

    @Test
    void mailFoldersThatAreTheSameFolderAreRefused() {
        String mail = "transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, folders: ";
        assertRefused(mail + "{processed: INBOX}}", "transports[0]: folders: inbox and processed are both 'INBOX'; "
                + "give three different folders");
        assertRefused(mail + "{processed: Done, rejected: Done}}",
                "transports[0]: folders: processed and rejected are both 'Done'; give three different folders");
        assertRefused(mail + "{inbox: Batches, rejected: Batches}}",
                "transports[0]: folders: inbox and rejected are both 'Batches'");
        assertRefused(mail + "{rejected: Filial-Processed}}",
                "transports[0]: folders: processed and rejected are both 'Filial-Processed'");
        // IMAP's INBOX is the same whatever its case
        assertRefused(mail + "{inbox: inbox, rejected: Inbox}}", "transports[0]: folders: inbox and rejected are both");
        MailSettings nested = (MailSettings) parse(mail + "{inbox: Batches, processed: Batches/Done, "
                + "rejected: Batches/Refused}}").transports().get(0);
        assertThat(List.of(nested.inbox(), nested.processed(), nested.rejected()))
                .containsExactly("Batches", "Batches/Done", "Batches/Refused");
    }

    @Test
    void aGroupOfSettingsThatIsNoMapIsRefused() {
        assertThatThrownBy(() -> parse("backoff: 30s")).hasMessage("backoff must be a map of first, max");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: smtp.example.com, imap: {host: i}}",
                "transports[0]: smtp must be a map of host, port, security, user, passwordEnv");
        assertRefused("transports:\n  - {type: mail, address: a@b.c, smtp: {host: s}, imap: {host: i}, folders: Done}",
                "transports[0]: folders must be a map of inbox, processed, rejected");
        assertRefused("just a line", "the settings must be a map of transports, backoff, fallbackAfter");
    }

    @Test
    void transportsThatAreNoListAreRefused() {
        assertRefused("transports: {type: http, url: 'http://hq'}", "transports must be a list, in priority order");
        assertRefused("transports: http", "transports must be a list, in priority order");
    }

    @Test
    void anInvalidFileIsNamedInTheMessage() throws IOException {
        Path file = home.resolve(ExchangeSettings.FILE);
        Files.writeString(file, "transports:\n  - {type: drop}\n");
        assertThatThrownBy(() -> ExchangeSettings.read(home, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": transports[0]: folder is missing");
    }

    private static void assertRefused(String yaml, String... fragments) {
        assertThatThrownBy(() -> parse(yaml)).as(yaml)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }
}
