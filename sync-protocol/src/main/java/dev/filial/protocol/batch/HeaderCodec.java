package dev.filial.protocol.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.signing.KeyId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * header.json to and from {@link BatchHeader}. Writing is deterministic (fixed field order, no
 * spaces), so the signature covers exactly these bytes. Reading is strict: every field must be
 * present once with its type, unknown fields are an error unless their name starts with
 * {@code x-}, and the format version is checked before anything else.
 */
public final class HeaderCodec {

    private static final JsonFactory WRITER = new JsonFactory();
    private static final JsonFactory READER = Json.strictFactory(4, 4096);
    private static final Set<String> FIELDS = Set.of("format", "batch", "sender", "recipient", "sequence",
            "previous", "ack", "ackHash", "schema", "created", "transactions", "changes", "counts", "body",
            "encryption", "part", "key");
    private static final Set<String> BODY_FIELDS = Set.of("encoding", "compression", "size", "sha256");
    private static final Set<String> PART_FIELDS = Set.of("index", "count", "size", "sha256");
    private static final Set<String> ENCRYPTION_FIELDS = Set.of("scheme", "recipientKey", "ephemeralKey");

    private HeaderCodec() {
    }

    public static byte[] write(BatchHeader header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = WRITER.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("format", header.format());
            json.writeStringField("batch", header.batchId());
            json.writeStringField("sender", header.sender().toString());
            json.writeStringField("recipient", header.recipient().toString());
            json.writeNumberField("sequence", header.sequence());
            json.writeStringField("previous", header.previous());
            json.writeNumberField("ack", header.ack());
            json.writeStringField("ackHash", header.ackHash());
            json.writeNumberField("schema", header.schema());
            json.writeStringField("created", header.created().toString());
            json.writeNumberField("transactions", header.transactions());
            json.writeNumberField("changes", header.changes());
            json.writeObjectFieldStart("counts");
            for (var count : header.counts().entrySet()) {
                json.writeNumberField(count.getKey(), count.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("body");
            json.writeStringField("encoding", header.body().encoding());
            json.writeStringField("compression", header.body().compression());
            json.writeNumberField("size", header.body().size());
            json.writeStringField("sha256", header.body().sha256());
            json.writeEndObject();
            if (header.encryption() == null) {
                json.writeNullField("encryption");
            } else {
                json.writeObjectFieldStart("encryption");
                json.writeStringField("scheme", header.encryption().scheme());
                json.writeStringField("recipientKey", header.encryption().recipientKey().toString());
                json.writeStringField("ephemeralKey", header.encryption().ephemeralKey());
                json.writeEndObject();
            }
            json.writeObjectFieldStart("part");
            json.writeNumberField("index", header.part().index());
            json.writeNumberField("count", header.part().count());
            json.writeNumberField("size", header.part().size());
            json.writeStringField("sha256", header.part().sha256());
            json.writeEndObject();
            json.writeStringField("key", header.key().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Parses and validates header.json. */
    public static BatchHeader read(byte[] bytes) {
        Map<String, Object> fields;
        try (JsonParser parser = READER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("header.json must hold one JSON object");
            }
            fields = readObject(parser);
            if (parser.nextToken() != null) {
                throw invalid("header.json has content after its object");
            }
        } catch (StreamConstraintsException e) {
            throw invalid("header.json exceeds a parser limit: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("header.json is not valid JSON: " + e.getMessage());
        }
        Object format = fields.get("format");
        if (!(format instanceof Long version)) {
            throw invalid("header.json has no numeric 'format'");
        }
        if (version != BatchHeader.FORMAT) {
            throw new BatchRejectedException(RejectReason.UNKNOWN_VERSION,
                    "format version " + version + " (this node reads version " + BatchHeader.FORMAT + ")");
        }
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name) && !name.startsWith("x-")) {
                throw invalid("unknown header field '" + name + "'");
            }
        }
        try {
            Map<String, Object> body = object(fields, "body", BODY_FIELDS);
            Map<String, Object> part = object(fields, "part", PART_FIELDS);
            Object encryption = field(fields, "encryption");
            TreeMap<String, Long> counts = new TreeMap<>();
            object(fields, "counts", null).forEach((table, count) -> counts.put(table, number(count, "counts." + table)));
            return new BatchHeader(
                    Math.toIntExact(version),
                    text(fields, "batch"),
                    NodeCode.parse(text(fields, "sender")),
                    NodeCode.parse(text(fields, "recipient")),
                    number(fields, "sequence"),
                    nullableText(fields, "previous"),
                    number(fields, "ack"),
                    nullableText(fields, "ackHash"),
                    Math.toIntExact(number(fields, "schema")),
                    Instant.parse(text(fields, "created")),
                    number(fields, "transactions"),
                    number(fields, "changes"),
                    counts,
                    new BatchHeader.BodyInfo(text(body, "encoding"), text(body, "compression"),
                            number(body, "size"), text(body, "sha256")),
                    encryption == null ? null : encryption(encryption),
                    new BatchHeader.PartInfo(Math.toIntExact(number(part, "index")),
                            Math.toIntExact(number(part, "count")), number(part, "size"), text(part, "sha256")),
                    KeyId.parse(text(fields, "key")));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw invalid(e.getMessage());
        }
    }

    private static BatchHeader.Encryption encryption(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'encryption' must be null or an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> encryption = known((Map<String, Object>) value, "encryption", ENCRYPTION_FIELDS);
        return new BatchHeader.Encryption(text(encryption, "scheme"),
                KeyId.parse(text(encryption, "recipientKey")), text(encryption, "ephemeralKey"));
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = switch (token) {
                case START_OBJECT -> readObject(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getLongValue();
                case VALUE_NULL -> null;
                default -> {
                    if (name.startsWith("x-")) {
                        parser.skipChildren();
                        yield null;
                    }
                    throw invalid("header field '" + name + "' has an unexpected " + token);
                }
            };
            fields.put(name, value);
        }
        return fields;
    }

    private static Object field(Map<String, Object> fields, String name) {
        if (!fields.containsKey(name)) {
            throw new IllegalArgumentException("header field '" + name + "' is missing");
        }
        return fields.get(name);
    }

    private static String text(Map<String, Object> fields, String name) {
        if (!(field(fields, name) instanceof String value)) {
            throw new IllegalArgumentException("header field '" + name + "' must be text");
        }
        return value;
    }

    private static String nullableText(Map<String, Object> fields, String name) {
        Object value = field(fields, name);
        return value == null ? null : text(fields, name);
    }

    private static long number(Map<String, Object> fields, String name) {
        return number(field(fields, name), name);
    }

    private static long number(Object value, String name) {
        if (!(value instanceof Long number)) {
            throw new IllegalArgumentException("header field '" + name + "' must be an integer");
        }
        return number;
    }

    /** The object field {@code name}; with {@code allowed}, its own fields are checked like the header's. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> fields, String name, Set<String> allowed) {
        if (!(field(fields, name) instanceof Map<?, ?> value)) {
            throw new IllegalArgumentException("header field '" + name + "' must be an object");
        }
        return allowed == null ? (Map<String, Object>) value : known((Map<String, Object>) value, name, allowed);
    }

    private static Map<String, Object> known(Map<String, Object> fields, String name, Set<String> allowed) {
        for (String field : fields.keySet()) {
            if (!allowed.contains(field) && !field.startsWith("x-")) {
                throw new IllegalArgumentException("unknown header field '" + name + "." + field + "'");
            }
        }
        return fields;
    }

    private static BatchRejectedException invalid(String detail) {
        return new BatchRejectedException(RejectReason.INVALID_HEADER, detail);
    }
}
