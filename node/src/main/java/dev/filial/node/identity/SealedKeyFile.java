package dev.filial.node.identity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.filial.node.identity.KeyProtectionException.Problem;
import dev.filial.protocol.enrollment.EnrollmentException;
import dev.filial.protocol.enrollment.SealedKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form of {@code keys/private.sealed}: one JSON object with {@code format} (1), the {@code node} code and
 * {@code id} it belongs to, the fields of {@link SealedKeys} (scrypt + AES-256-GCM, the same form as in an
 * enrollment package, holding both private keys) and {@code sha256}, a checksum of all the other fields.
 *
 * <p>The associated data of the encryption is the node's code and id as {@code node.properties} gives them,
 * so the file opens only in the home of the node it was sealed for. The {@code node} and {@code id} fields
 * and the checksum only make the errors precise: a file of another node is reported as such, a damaged one
 * as damaged, and a file that is intact but does not open has met the wrong passphrase.
 */
final class SealedKeyFile {

    /** Format version written; readers refuse others. */
    static final int FORMAT = 1;
    /**
     * scrypt cost of a key file: 2^16 (64 MiB, about 0.13 s to open on a 2-core server), four times an enrollment
     * package's, because a person chooses this passphrase, where a package's is a random code. The file records
     * its cost, so a file sealed at another cost still opens.
     */
    static final int COST = 1 << 16;
    /** Largest file a reader accepts. */
    static final int MAX_BYTES = 64 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2).maxStringLength(MAX_BYTES)
                    .build())
            .build();

    private final Path file;
    private final NodeConfig config;
    private final SealedKeys keys;

    private SealedKeyFile(Path file, NodeConfig config, SealedKeys keys) {
        this.file = file;
        this.config = config;
        this.keys = keys;
    }

    SealedKeys keys() {
        return keys;
    }

    /** What the keys are bound to: this node's code and id. */
    static byte[] context(NodeConfig config) {
        return ("filial-node-keys/" + FORMAT + "/" + config.code() + "/" + config.id())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The file's bytes for {@code keys} sealed with {@code passphrase} for the node {@code config} names. */
    static byte[] seal(NodeConfig config, NodeKeys keys, char[] passphrase) {
        SealedKeys sealed = SealedKeys.seal(keys.secrets(), passphrase, context(config), COST);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("node", config.code().toString());
            json.writeStringField("id", config.id());
            sealed.writeFields(json);
            json.writeStringField("sha256", checksum(FORMAT, config.code().toString(), config.id(), sealed));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Reads and checks {@code bytes}, the content of {@code file}, without opening the keys.
     *
     * @throws KeyProtectionException {@code key-file-damaged} or {@code key-file-foreign}
     */
    static SealedKeyFile read(Path file, byte[] bytes, NodeConfig config) {
        if (bytes.length > MAX_BYTES) {
            throw damaged(file, "it has " + bytes.length + " bytes, more than a sealed key file ever has", null);
        }
        Map<String, Object> fields = fields(file, bytes);
        Object format = fields.get("format");
        if (!(format instanceof Long version) || version != FORMAT) {
            throw damaged(file, "its format is " + format + "; this node reads format " + FORMAT, null);
        }
        SealedKeys keys;
        try {
            keys = SealedKeys.fromFields(fields);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage(), e);
        } catch (EnrollmentException e) {
            throw damaged(file, "its scrypt parameters, or the length of its salt, nonce or sealed keys, are out of "
                    + "range", e);
        }
        if (!(fields.get("node") instanceof String node) || !(fields.get("id") instanceof String id)
                || !(fields.get("sha256") instanceof String sha256)) {
            throw damaged(file, "node, id and sha256 must be text", null);
        }
        if (!sha256.equals(checksum(FORMAT, node, id, keys))) {
            throw damaged(file, "its checksum does not match its content", null);
        }
        if (!node.equals(config.code().toString()) || !id.equals(config.id())) {
            throw new KeyProtectionException(Problem.FILE_FOREIGN, file + " was sealed for node " + node + " (id " + id
                    + "), not for this node " + config.code() + " (id " + config.id() + ")");
        }
        return new SealedKeyFile(file, config, keys);
    }

    /**
     * The keys.
     *
     * @throws KeyProtectionException {@code key-passphrase-wrong}, or {@code key-file-damaged} if what opened
     *                                is not two keys
     */
    NodeKeys open(char[] passphrase) {
        try {
            return NodeKeys.of(keys.openSecrets(passphrase, context(config)));
        } catch (EnrollmentException e) {
            if (e.problem() == EnrollmentException.Problem.WRONG_PASSPHRASE) {
                throw new KeyProtectionException(Problem.PASSPHRASE_WRONG, "the private keys in " + file
                        + " do not open with this passphrase");
            }
            throw damaged(file, "it opened but does not hold the node's two keys", e);
        }
    }

    private static Map<String, Object> fields(Path file, byte[] bytes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw damaged(file, "it is not a JSON object", null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.put(name, parser.getLongValue());
                } else {
                    throw damaged(file, name + " must be text or an integer", null);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw damaged(file, "it has content after its object", null);
            }
        } catch (JsonProcessingException e) {
            throw damaged(file, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    /** SHA-256 (hex) of the fields, one per line, in the order the file has them. */
    static String checksum(int format, String node, String id, SealedKeys keys) {
        Base64.Encoder base64 = Base64.getEncoder();
        String text = String.join("\n", Integer.toString(format), node, id, "scrypt", Integer.toString(keys.n()),
                Integer.toString(keys.r()), Integer.toString(keys.p()), base64.encodeToString(keys.salt()),
                base64.encodeToString(keys.nonce()), base64.encodeToString(keys.box()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static KeyProtectionException damaged(Path file, String detail, Throwable cause) {
        return new KeyProtectionException(Problem.FILE_DAMAGED, file + " cannot be used: " + detail,
                Problem.FILE_DAMAGED.hint(), cause);
    }
}
