package dev.filial.protocol.enrollment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentException.Problem;
import dev.filial.protocol.enrollment.EnrollmentPackage.Enrollee;
import dev.filial.protocol.enrollment.EnrollmentPackage.Hub;
import dev.filial.protocol.enrollment.EnrollmentPackage.NodeSecrets;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.Ed25519PublicKey;
import dev.filial.protocol.signing.PemKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The content of {@code enrollment.json} and its strict JSON form (PROTOCOL.md section 13). */
record EnrollmentDescription(int format, Hub hub, Enrollee node, Map<String, String> addresses, Instant created,
                             SealedKeys keys, List<SnapshotFile> snapshot) {

    /** One snapshot batch file of the package and the SHA-256 of its bytes (hex). */
    record SnapshotFile(String name, String sha256) {
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(64 * 1024).build())
            .build();
    private static final Set<String> ROLES = Set.of("branch", "agent", "dealer");

    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("format", format);
            json.writeObjectFieldStart("hub");
            json.writeStringField("code", hub.code().toString());
            json.writeStringField("signing", PemKeys.publicKeyPem(PemKeys.Curve.ED25519, hub.signing().raw()));
            json.writeStringField("exchange", PemKeys.publicKeyPem(PemKeys.Curve.X25519, hub.exchange()));
            json.writeEndObject();
            json.writeObjectFieldStart("node");
            json.writeStringField("code", node.code().toString());
            json.writeStringField("id", node.id());
            json.writeStringField("name", node.name());
            json.writeStringField("role", node.role());
            json.writeEndObject();
            json.writeObjectFieldStart("addresses");
            for (Map.Entry<String, String> address : new TreeMap<>(addresses).entrySet()) {
                json.writeStringField(address.getKey(), address.getValue());
            }
            json.writeEndObject();
            json.writeStringField("created", created.toString());
            json.writeObjectFieldStart("keys");
            keys.writeFields(json);
            json.writeEndObject();
            json.writeArrayFieldStart("snapshot");
            for (SnapshotFile file : snapshot) {
                json.writeStartObject();
                json.writeStringField("file", file.name());
                json.writeStringField("sha256", file.sha256());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static EnrollmentDescription fromJson(byte[] bytes) {
        Map<String, Object> root;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("enrollment.json must be a JSON object");
            }
            root = object(parser);
            if (parser.nextToken() != null) {
                throw invalid("enrollment.json has content after its object");
            }
        } catch (JsonProcessingException e) {
            throw new EnrollmentException(Problem.INVALID, "enrollment.json is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object format = root.get("format");
        if (!(format instanceof Long version) || version != EnrollmentPackage.FORMAT) {
            throw new EnrollmentException(Problem.UNKNOWN_FORMAT, "the package has format " + format + "; this node reads "
                    + EnrollmentPackage.FORMAT);
        }
        try {
            Map<String, Object> hub = map(root, "hub");
            Map<String, Object> node = map(root, "node");
            Map<String, Object> keys = map(root, "keys");
            String role = text(node, "role");
            if (!ROLES.contains(role)) {
                throw invalid("node.role must be one of " + ROLES + ", not " + role);
            }
            Map<String, String> addresses = new LinkedHashMap<>();
            map(root, "addresses").forEach((transport, address) -> {
                if (!(address instanceof String text)) {
                    throw invalid("addresses." + transport + " must be text");
                }
                addresses.put(transport, text);
            });
            List<SnapshotFile> snapshot = new ArrayList<>();
            if (!(root.get("snapshot") instanceof List<?> files)) {
                throw invalid("snapshot must be a list");
            }
            for (Object file : files) {
                if (!(file instanceof Map<?, ?> entry) || !(entry.get("file") instanceof String name)
                        || !name.matches("snapshot-[0-9]{4,6}\\.batch") || !(entry.get("sha256") instanceof String hash)
                        || !hash.matches("[0-9a-f]{64}")) {
                    throw invalid("each snapshot entry needs a file named snapshot-NNNN.batch and a hex sha256");
                }
                snapshot.add(new SnapshotFile(name, hash));
            }
            return new EnrollmentDescription(EnrollmentPackage.FORMAT,
                    new Hub(NodeCode.parse(text(hub, "code")),
                            Ed25519PublicKey.fromRaw(PemKeys.readPublicKey(PemKeys.Curve.ED25519, text(hub, "signing"))),
                            PemKeys.readPublicKey(PemKeys.Curve.X25519, text(hub, "exchange"))),
                    new Enrollee(NodeCode.parse(text(node, "code")), text(node, "id"), text(node, "name"), role),
                    Map.copyOf(addresses), Instant.parse(text(root, "created")),
                    SealedKeys.fromFields(keys),
                    List.copyOf(snapshot));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new EnrollmentException(Problem.INVALID, "enrollment.json: " + e.getMessage(), e);
        }
    }

    static byte[] secretsJson(NodeSecrets secrets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("signing", PemKeys.privateKeyPem(PemKeys.Curve.ED25519, secrets.signer().exportPrivateKey()));
            json.writeStringField("exchange", PemKeys.privateKeyPem(PemKeys.Curve.X25519, secrets.exchange().exportPrivateKey()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static NodeSecrets secrets(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("the sealed keys are not a JSON object");
            }
            Map<String, Object> keys = object(parser);
            return new NodeSecrets(
                    Ed25519BatchSigner.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.ED25519, text(keys, "signing"))),
                    X25519KeyPair.fromRaw(PemKeys.readPrivateKey(PemKeys.Curve.X25519, text(keys, "exchange"))));
        } catch (IOException | IllegalArgumentException e) {
            throw new EnrollmentException(Problem.INVALID, "the sealed keys opened but do not hold two keys: "
                    + e.getMessage(), e);
        }
    }

    /** An object's fields as text, integers, objects and lists, after its START_OBJECT. */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.put(name, value(parser));
        }
        return fields;
    }

    private static Object value(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT:
                return object(parser);
            case START_ARRAY:
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                return items;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            default:
                throw invalid("unexpected " + parser.currentToken() + " at " + parser.currentName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> fields, String name) {
        if (!(fields.get(name) instanceof Map<?, ?> value)) {
            throw invalid(name + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> fields, String name) {
        if (!(fields.get(name) instanceof String value) || value.isBlank()) {
            throw invalid(name + " must be non-empty text");
        }
        return value;
    }

    private static EnrollmentException invalid(String detail) {
        return new EnrollmentException(Problem.INVALID, "enrollment.json: " + detail);
    }
}
