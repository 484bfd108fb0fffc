package dev.filial.node.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a node exchanges batches: its transports in priority order (batches go out on the first that
 * works: HTTP when the hub answers, e-mail otherwise), each with its schedule, and the backoff after
 * errors. A branch node reads it from {@code exchange.yml} in its home; HQ from the {@code exchange}
 * section of {@code hq.yml}.
 *
 * <pre>
 * transports:
 *   - type: http
 *     url: http://hq.example.com:8700
 *     schedule: "0 *&#47;15 * * * *"          # second minute hour day month weekday, or manual
 *   - type: mail
 *     address: agent7@example.com         # this node's mailbox
 *     hub: hq@example.com                 # HQ's mailbox
 *     smtp: {host: smtp.example.com, port: 587, security: starttls, user: agent7,
 *            passwordEnv: FILIAL_MAIL_PASSWORD}  # port by default: 465 tls, 587 starttls, 25 none
 *     imap: {host: imap.example.com, port: 993, security: tls, user: agent7, passwordEnv: FILIAL_MAIL_PASSWORD}
 *                                         # port by default: 993 tls, 143 starttls or none
 *     maxMessageBytes: 10MB
 *     resendAfter: 6h
 *     keepProcessed: 90d                  # processed messages (drop: files) older than this go; default: kept
 *     schedule: "0 0 * * * *"
 *   - type: drop
 *     folder: /media/share/filial
 *     maxFileBytes: 8MB
 * backoff: {first: 30s, max: 1h}
 * fallbackAfter: 1h                       # a transport that last worked longer ago is passed over (at HQ:
 *                                         # a node that has not pulled over HTTP this long gets mail or drop)
 * </pre>
 */
public record ExchangeSettings(List<TransportSettings> transports, Duration backoffFirst, Duration backoffMax,
                               Duration fallbackAfter) {

    /** The node's file. */
    public static final String FILE = "exchange.yml";

    private static final List<String> TOP = List.of("transports", "backoff", "fallbackAfter");
    private static final List<String> BACKOFF = List.of("first", "max");
    private static final List<String> SERVER = List.of("host", "port", "security", "user", "passwordEnv");
    private static final List<String> FOLDERS = List.of("inbox", "processed", "rejected");
    /** The settings of each type of transport. */
    private static final Map<String, List<String>> TRANSPORT = Map.of(
            "http", List.of("type", "url", "schedule"),
            "drop", List.of("type", "folder", "maxFileBytes", "resendAfter", "keepProcessed", "schedule"),
            "mail", List.of("type", "address", "hub", "smtp", "imap", "folders", "maxMessageBytes", "resendAfter",
                    "timeout", "keepProcessed", "schedule"));

    public ExchangeSettings {
        transports = List.copyOf(transports);
    }

    /** Only HTTP to {@code hubUrl} (none when null), on demand: a node without {@code exchange.yml}. */
    public static ExchangeSettings httpOnly(String hubUrl) {
        List<TransportSettings> transports = new ArrayList<>();
        if (hubUrl != null) {
            transports.add(new HttpSettings(url(hubUrl, "hub.url"), Schedule.MANUAL));
        }
        return new ExchangeSettings(transports, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(1));
    }

    /**
     * Reads a node's {@code exchange.yml}; without one, HTTP to {@code hubUrl} on demand.
     *
     * @throws IllegalArgumentException naming the file, the setting and what is allowed
     */
    public static ExchangeSettings read(Path home, String hubUrl) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return httpOnly(hubUrl);
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        try {
            return parse(root == null ? new ObjectMapper().createObjectNode() : root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the settings (the whole file, or HQ's {@code exchange} section; missing is empty). A setting
     * that is not known where it stands (a typo, or one of another transport type) is refused, naming it.
     */
    public static ExchangeSettings parse(JsonNode root) {
        if (!root.isMissingNode() && !root.isNull() && !root.isObject()) {
            throw new IllegalArgumentException("the settings must be a map of " + String.join(", ", TOP) + ", not '"
                    + root.asText() + "'");
        }
        known(root, "", "", TOP);
        List<TransportSettings> transports = new ArrayList<>();
        JsonNode list = root.path("transports");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("transports must be a list, in priority order");
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "transports[" + i + "]";
            JsonNode node = list.get(i);
            TransportSettings transport;
            try {
                transport = transport(node);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            String first = seen.putIfAbsent(transport.type(), where);
            if (first != null) {
                // a transport's status, backoff and watermarks are kept by its type
                throw new IllegalArgumentException(where + ": a second " + transport.type() + " transport (the first "
                        + "is " + first + "); give each type once: its status and what it sent are kept per type");
            }
            transports.add(transport);
        }
        Duration first;
        Duration max;
        map(root.path("backoff"), "backoff", BACKOFF);
        try {
            known(root.path("backoff"), "", "", BACKOFF);
            first = duration(root.path("backoff"), "first", "30s");
            max = duration(root.path("backoff"), "max", "1h");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backoff." + e.getMessage(), e);
        }
        return new ExchangeSettings(transports, first, max, duration(root, "fallbackAfter", "1h"));
    }

    private static TransportSettings transport(JsonNode node) {
        String type = node.path("type").asText("");
        if (TRANSPORT.containsKey(type)) {
            known(node, "", " of a" + (type.equals("http") ? "n " : " ") + type + " transport", TRANSPORT.get(type));
        }
        Schedule schedule = Schedule.parse(node.path("schedule").asText("manual"));
        return switch (type) {
            case "http" -> new HttpSettings(url(required(node, "url",
                    "the hub's address, like http://hq.example.com:8700"), "url"), schedule);
            case "drop" -> new DropSettings(Path.of(required(node, "folder",
                    "the shared folder or stick, like /media/share/filial")),
                    atLeast64k(node, "maxFileBytes", HttpSettings.MAX_FILE_BYTES + ""),
                    duration(node, "resendAfter", "1h"), keep(node), schedule);
            case "mail" -> {
                long maxMessage = atLeast64k(node, "maxMessageBytes", "10MB");
                JsonNode folders = node.path("folders");
                map(folders, "folders", FOLDERS);
                known(folders, "folders.", "", FOLDERS);
                List<String> names = List.of(folders.path("inbox").asText("INBOX"),
                        folders.path("processed").asText("Filial-Processed"),
                        folders.path("rejected").asText("Filial-Rejected"));
                distinct(names);
                yield new MailSettings(required(node, "address", "this side's mailbox, like agent7@example.com"),
                        node.path("hub").asText(null),
                        server(node.path("smtp"), "smtp"), server(node.path("imap"), "imap"),
                        names.get(0), names.get(1), names.get(2), maxMessage,
                        duration(node, "resendAfter", "6h"), duration(node, "timeout", "60s"), keep(node), schedule);
            }
            default -> throw new IllegalArgumentException("type must be http, mail or drop, not '" + type + "'");
        };
    }

    private static MailServer server(JsonNode node, String name) {
        if (node.isMissingNode()) {
            throw new IllegalArgumentException(name + " is missing: {host, port, security, user, passwordEnv}");
        }
        map(node, name, SERVER);
        try {
            known(node, "", "", SERVER);
            String security = node.path("security").asText("tls");
            return new MailServer(required(node, "host", "the server's name, like " + name + ".example.com"),
                    port(node.path("port"), defaultPort(name, security)), security, node.path("user").asText(null),
                    node.path("passwordEnv").asText(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses mail folders (inbox, processed, rejected) that name the same folder: a message moved "aside"
     * would stay where it is read, or a refused one would look committed. IMAP's INBOX is so in any case.
     */
    private static void distinct(List<String> folders) {
        for (int i = 0; i < folders.size(); i++) {
            for (int j = i + 1; j < folders.size(); j++) {
                if (imapName(folders.get(i)).equals(imapName(folders.get(j)))) {
                    throw new IllegalArgumentException("folders: " + FOLDERS.get(i) + " and " + FOLDERS.get(j)
                            + " are both '" + folders.get(j) + "'; give three different folders");
                }
            }
        }
    }

    private static String imapName(String folder) {
        return folder.equalsIgnoreCase("INBOX") ? "INBOX" : folder;
    }

    /** Refuses {@code node} when it is given but is no map of settings. */
    private static void map(JsonNode node, String name, List<String> allowed) {
        if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw new IllegalArgumentException(name + " must be a map of " + String.join(", ", allowed));
        }
    }

    /** Refuses a key of {@code node} that is not {@code allowed}, naming it ({@code prefix} + key) and them. */
    private static void known(JsonNode node, String prefix, String of, List<String> allowed) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(prefix + name + " is not a setting" + of + "; allowed are "
                        + String.join(", ", allowed));
            }
        }
    }

    /** The usual port of {@code server} ({@code smtp} or {@code imap}) with {@code security}. */
    static int defaultPort(String server, String security) {
        if (server.equals("smtp")) {
            return switch (security) {
                case "tls" -> 465;
                case "starttls" -> 587;
                default -> 25;
            };
        }
        return security.equals("tls") ? 993 : 143;
    }

    /** A whole number from 1 to 65535 (also when quoted); {@code fallback} when not given. */
    static int port(JsonNode node, int fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        long port = -1;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            port = node.longValue();
        } else if (node.isTextual() && text.trim().matches("[0-9]{1,5}")) {
            port = Long.parseLong(text.trim());
        }
        if (port < MailServer.MIN_PORT || port > MailServer.MAX_PORT) {
            throw new IllegalArgumentException(MailServer.portRange(text));
        }
        return (int) port;
    }

    /** The transport of {@code type}, if configured. */
    public Optional<TransportSettings> transport(String type) {
        return transports.stream().filter(t -> t.type().equals(type)).findFirst();
    }

    /** The largest batch file every configured transport carries (8 MiB when none limits it more). */
    public long maxFileBytes() {
        return transports.stream().mapToLong(TransportSettings::maxFileBytes).min().orElse(HttpSettings.MAX_FILE_BYTES);
    }

    /** How long to wait before the next try after {@code failures} failed runs in a row: doubling, capped. */
    public Duration backoff(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration wait = backoffFirst.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    private static String required(JsonNode node, String field, String what) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing: " + what);
        }
        return value.trim();
    }

    static URL url(String text, String field) {
        try {
            URL url = URI.create(text).toURL();
            if (!url.getProtocol().equals("http") && !url.getProtocol().equals("https")) {
                throw new IllegalArgumentException(field + " must be an http or https address, not '" + text + "'");
            }
            return url;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be an address like http://hq.example.com:8700, not '"
                    + text + "'", e);
        }
    }

    /** {@code 30s}, {@code 15m}, {@code 6h}, {@code 2d} or ISO-8601 ({@code PT1H}); not negative. */
    /** {@code keepProcessed}, or null (keep for ever) when it is not given. */
    private static Duration keep(JsonNode node) {
        return node.hasNonNull("keepProcessed") ? duration(node, "keepProcessed", "0s") : null;
    }

    static Duration duration(JsonNode node, String field, String fallback) {
        String text = node.path(field).asText(fallback).trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (text.startsWith("p")) {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                duration = switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(field + " must be a duration like 30s, 15m, 6h or 2d, not '" + text
                    + "'", e);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, not '" + text + "'; give 0s for none");
        }
        return duration;
    }

    /** A size of at least 64 KiB: {@code 10485760}, {@code 512KB} or {@code 10MB}. */
    static long atLeast64k(JsonNode node, String field, String fallback) {
        String text = node.path(field).asText(fallback);
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = value.endsWith("MB") ? 1024 * 1024 : value.endsWith("KB") ? 1024 : 1;
        long bytes;
        try {
            bytes = Long.parseLong(unit == 1 ? value : value.substring(0, value.length() - 2).trim()) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a size like 10MB or 512KB, not '" + text + "'", e);
        }
        if (bytes < 64 * 1024) {
            throw new IllegalArgumentException(field + " must be at least 64KB, not '" + text + "'");
        }
        return bytes;
    }
}
