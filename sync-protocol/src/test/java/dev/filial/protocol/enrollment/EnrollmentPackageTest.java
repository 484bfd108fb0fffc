package dev.filial.protocol.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentException.Problem;
import dev.filial.protocol.enrollment.EnrollmentPackage.Enrollee;
import dev.filial.protocol.enrollment.EnrollmentPackage.Hub;
import dev.filial.protocol.enrollment.EnrollmentPackage.NodeSecrets;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentPackageTest {

    private static final Ed25519BatchSigner HUB_SIGNER = Ed25519BatchSigner.generate();
    private static final Hub HUB = new Hub(NodeCode.parse("HQ"), HUB_SIGNER.publicKey(), X25519KeyPair.generate().publicKey());
    private static final Enrollee NODE = new Enrollee(NodeCode.parse("MSK"), Uuid7.next(), "Moscow branch", "branch");
    private static final NodeSecrets SECRETS = new NodeSecrets(Ed25519BatchSigner.generate(), X25519KeyPair.generate());
    private static final String PASSPHRASE = EnrollmentPackage.newPassphrase();
    private static final List<byte[]> SNAPSHOT = List.of("first batch".getBytes(StandardCharsets.UTF_8),
            "second batch".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path directory;

    private Path written() throws IOException {
        Path file = directory.resolve("msk.enroll");
        EnrollmentPackage.write(file, HUB_SIGNER, HUB, NODE, Map.of("http", "http://127.0.0.1:8700"),
                Instant.parse("2026-11-24T09:00:00Z"), SECRETS, PASSPHRASE.toCharArray(), SNAPSHOT);
        return file;
    }

    @Test
    void carriesTheHubTheNodeItsSealedKeysAndTheSnapshot() throws IOException {
        EnrollmentPackage read = EnrollmentPackage.read(written());

        assertThat(read.hub().code()).isEqualTo(HUB.code());
        assertThat(read.hub().signing()).isEqualTo(HUB.signing());
        assertThat(read.hub().exchange()).isEqualTo(HUB.exchange());
        assertThat(read.node()).isEqualTo(NODE);
        assertThat(read.addresses()).containsEntry("http", "http://127.0.0.1:8700");
        assertThat(read.created()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(read.snapshot()).hasSize(2);
        assertThat(read.snapshot().get(1)).isEqualTo(SNAPSHOT.get(1));
        NodeSecrets opened = read.open(PASSPHRASE.toCharArray());
        assertThat(opened.signer().publicKey()).isEqualTo(SECRETS.signer().publicKey());
        assertThat(opened.exchange().publicKey()).isEqualTo(SECRETS.exchange().publicKey());
        assertThat(PASSPHRASE).matches("([A-Z0-9]{4}-){4}[A-Z0-9]{4}");
    }

    @Test
    void refusesAWrongPassphrase() throws IOException {
        EnrollmentPackage read = EnrollmentPackage.read(written());
        assertProblem(() -> read.open("AAAA-BBBB-CCCC-DDDD-EEEE".toCharArray()), Problem.WRONG_PASSPHRASE);
    }

    @Test
    void refusesAnAlteredDescriptionEvenWithTheRightPassphrase() throws IOException {
        Path file = rewrite(written(), EnrollmentPackage.DESCRIPTION,
                json -> new String(json, StandardCharsets.UTF_8).replace("Moscow branch", "Evil branch")
                        .getBytes(StandardCharsets.UTF_8));
        assertProblem(() -> EnrollmentPackage.read(file), Problem.BAD_SIGNATURE);
    }

    @Test
    void refusesAPackageWhoseHubKeyWasSwappedAndResigned() throws IOException {
        Ed25519BatchSigner forger = Ed25519BatchSigner.generate();
        Path file = written();
        Map<String, byte[]> entries = entries(file);
        String json = new String(entries.get(EnrollmentPackage.DESCRIPTION), StandardCharsets.UTF_8);
        String forgedPem = PemKeys.publicKeyPem(PemKeys.Curve.ED25519,
                forger.publicKey().raw());
        String hubPem = PemKeys.publicKeyPem(PemKeys.Curve.ED25519,
                HUB.signing().raw());
        byte[] forgedJson = json.replace(hubPem.replace("\n", "\\n"), forgedPem.replace("\n", "\\n"))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(forgedJson).isNotEqualTo(entries.get(EnrollmentPackage.DESCRIPTION));
        entries.put(EnrollmentPackage.DESCRIPTION, forgedJson);
        entries.put(EnrollmentPackage.SIGNATURE, forger.sign(forgedJson));
        write(file, entries);

        EnrollmentPackage read = EnrollmentPackage.read(file);
        assertProblem(() -> read.open(PASSPHRASE.toCharArray()), Problem.WRONG_PASSPHRASE);
    }

    @Test
    void refusesAnAlteredOrMissingSnapshotFile() throws IOException {
        Path altered = rewrite(written(), "snapshot-0002.batch", bytes -> "second batcH".getBytes(StandardCharsets.UTF_8));
        assertProblem(() -> EnrollmentPackage.read(altered), Problem.SNAPSHOT_MISMATCH);

        Map<String, byte[]> entries = entries(written());
        entries.remove("snapshot-0001.batch");
        Path missing = directory.resolve("missing.enroll");
        write(missing, entries);
        assertProblem(() -> EnrollmentPackage.read(missing), Problem.SNAPSHOT_MISMATCH);
    }

    @Test
    void refusesAnUnknownFormatVersion() throws IOException {
        Path file = written();
        Map<String, byte[]> entries = entries(file);
        byte[] json = new String(entries.get(EnrollmentPackage.DESCRIPTION), StandardCharsets.UTF_8)
                .replace("\"format\" : 1", "\"format\" : 2").getBytes(StandardCharsets.UTF_8);
        entries.put(EnrollmentPackage.DESCRIPTION, json);
        entries.put(EnrollmentPackage.SIGNATURE, HUB_SIGNER.sign(json));
        write(file, entries);
        assertProblem(() -> EnrollmentPackage.read(file), Problem.UNKNOWN_FORMAT);
    }

    @Test
    void refusesWhatIsNotAPackageOrIsCutShort() throws IOException {
        Path text = directory.resolve("notes.enroll");
        Files.writeString(text, "not a package");
        assertProblem(() -> EnrollmentPackage.read(text), Problem.MALFORMED);

        byte[] whole = Files.readAllBytes(written());
        for (int length : new int[] {0, 10, whole.length / 2, whole.length - 1}) {
            Path cut = directory.resolve("cut-" + length + ".enroll");
            Files.write(cut, Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> EnrollmentPackage.read(cut)).as("cut at %d", length)
                    .isInstanceOf(EnrollmentException.class);
        }

        Map<String, byte[]> entries = entries(written());
        entries.remove(EnrollmentPackage.SIGNATURE);
        Path unsigned = directory.resolve("unsigned.enroll");
        write(unsigned, entries);
        assertProblem(() -> EnrollmentPackage.read(unsigned), Problem.MALFORMED);
    }

    @Test
    void refusesAnOversizedDescriptionAndInvalidFields() throws IOException {
        Path big = rewrite(written(), EnrollmentPackage.DESCRIPTION, json -> new byte[EnrollmentPackage.MAX_DESCRIPTION + 1]);
        assertProblem(() -> EnrollmentPackage.read(big), Problem.OVERSIZED);

        for (String[] change : new String[][] {{"\"branch\"", "\"emperor\""}, {"\"scrypt\"", "\"md5\""},
            {"\"MSK\"", "\"msk lower\""}, {"2026-11-24T09:00:00Z", "yesterday"}}) {
            Path file = written();
            Map<String, byte[]> entries = entries(file);
            byte[] json = new String(entries.get(EnrollmentPackage.DESCRIPTION), StandardCharsets.UTF_8)
                    .replace(change[0], change[1]).getBytes(StandardCharsets.UTF_8);
            entries.put(EnrollmentPackage.DESCRIPTION, json);
            entries.put(EnrollmentPackage.SIGNATURE, HUB_SIGNER.sign(json));
            write(file, entries);
            assertThatThrownBy(() -> EnrollmentPackage.read(file)).as(change[1])
                    .isInstanceOfSatisfying(EnrollmentException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID));
        }
    }

    private static void assertProblem(ThrowingCallable attempt, Problem problem) {
        assertThatThrownBy(attempt).isInstanceOfSatisfying(EnrollmentException.class, e -> {
            assertThat(e.problem()).isEqualTo(problem);
            assertThat(e.getMessage()).contains(problem.code()).contains(problem.hint());
        });
    }

    private Path rewrite(Path file, String name, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = entries(file);
        entries.put(name, change.apply(entries.get(name)));
        write(file, entries);
        return file;
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private static void write(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }
}
