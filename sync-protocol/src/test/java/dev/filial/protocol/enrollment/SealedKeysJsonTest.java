package dev.filial.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentPackage.NodeSecrets;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON form of sealed keys, shared by the enrollment package and a node's sealed key file. */
class SealedKeysJsonTest {

    private static final NodeSecrets SECRETS = new NodeSecrets(Ed25519BatchSigner.generate(), X25519KeyPair.generate());
    private static final byte[] CONTEXT = "filial-node-keys/1/MSK/id".getBytes(StandardCharsets.UTF_8);
    private static final JsonFactory JSON = new JsonFactory();

    @TempDir
    Path directory;

    @Test
    void theFieldsWrittenReadBackIntoKeysThatOpen() throws IOException {
        SealedKeys sealed = SealedKeys.seal(SECRETS, "long enough passphrase".toCharArray(), CONTEXT);

        Map<String, Object> fields = fields(json(sealed));

        assertThat(fields.keySet()).containsExactly("kdf", "n", "r", "p", "salt", "nonce", "sealed");
        assertThat(fields).containsEntry("kdf", "scrypt").containsEntry("n", (long) SealedKeys.COST);
        NodeSecrets opened = SealedKeys.fromFields(fields).openSecrets("long enough passphrase".toCharArray(), CONTEXT);
        assertThat(opened.signer().publicKey()).isEqualTo(SECRETS.signer().publicKey());
        assertThat(opened.exchange().exportPrivateKey()).isEqualTo(SECRETS.exchange().exportPrivateKey());
    }

    @Test
    void readingNamesTheFieldThatIsWrong() throws IOException {
        Map<String, Object> good = fields(json(SealedKeys.seal(SECRETS, "x".toCharArray(), CONTEXT)));
        Map<String, String> broken = Map.of("kdf", "argon2", "n", "16384", "salt", "not base64!", "sealed", "");
        for (Map.Entry<String, String> change : broken.entrySet()) {
            Map<String, Object> fields = new LinkedHashMap<>(good);
            fields.put(change.getKey(), change.getValue());
            assertThatThrownBy(() -> SealedKeys.fromFields(fields)).as(change.getKey())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Map<String, Object> withoutNonce = new LinkedHashMap<>(good);
        withoutNonce.remove("nonce");
        assertThatThrownBy(() -> SealedKeys.fromFields(withoutNonce)).hasMessageContaining("nonce");
        Map<String, Object> hugeCost = new LinkedHashMap<>(good);
        hugeCost.put("n", (1L << 32) + SealedKeys.COST);
        assertThatThrownBy(() -> SealedKeys.fromFields(hugeCost)).as("not cut to the int 16384, which would pass")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnrollmentPackageKeepsItsKeysObject() throws IOException {
        Ed25519BatchSigner hub = Ed25519BatchSigner.generate();
        Path file = directory.resolve("msk.enroll");
        EnrollmentPackage.write(file, hub, new EnrollmentPackage.Hub(NodeCode.parse("HQ"), hub.publicKey(),
                        X25519KeyPair.generate().publicKey()),
                new EnrollmentPackage.Enrollee(NodeCode.parse("MSK"), Uuid7.next(), "Moscow", "branch"), Map.of(),
                Instant.parse("2026-11-24T09:00:00Z"), SECRETS, "KQ7M-2XPD-RT9W".toCharArray(), List.of());
        byte[] description;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            description = zip.getInputStream(zip.getEntry(EnrollmentPackage.DESCRIPTION)).readAllBytes();
        }
        List<String> keysFields = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(description)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "keys".equals(parser.currentName())) {
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        keysFields.add(parser.currentName());
                        parser.nextToken();
                    }
                }
            }
        }
        assertThat(keysFields).containsExactly("kdf", "n", "r", "p", "salt", "nonce", "sealed");
        assertThat(new String(description, StandardCharsets.UTF_8)).contains("\"kdf\" : \"scrypt\"");
    }

    private static byte[] json(SealedKeys sealed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            sealed.writeFields(json);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static Map<String, Object> fields(byte[] json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                fields.put(name, parser.nextToken() == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
                        : parser.getText());
            }
        }
        return fields;
    }
}
