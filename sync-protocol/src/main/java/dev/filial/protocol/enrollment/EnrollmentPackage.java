package dev.filial.protocol.enrollment;

import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.crypto.X25519KeyPair;
import dev.filial.protocol.enrollment.EnrollmentException.Problem;
import dev.filial.protocol.signing.Ed25519BatchSigner;
import dev.filial.protocol.signing.Ed25519PublicKey;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The file from which a node joins the network, offline (PROTOCOL.md section 13): a ZIP holding
 * {@code enrollment.json} (the hub's public keys, the node's identity and exchange addresses, its
 * private keys sealed with a passphrase, and the list of snapshot files with their hashes),
 * {@code enrollment.sig} (the hub's Ed25519 signature of {@code enrollment.json}) and the snapshot:
 * the first batches of the hub-to-node channel, carrying the node's initial data.
 *
 * <p>The signature proves the package is whole; the passphrase, given to the node's operator apart
 * from the file, proves it comes from HQ: the sealed keys open only with it and only inside the
 * package they were sealed for.
 */
public final class EnrollmentPackage {

    /** Format version written; readers refuse others. */
    public static final int FORMAT = 1;
    static final String DESCRIPTION = "enrollment.json";
    static final String SIGNATURE = "enrollment.sig";
    static final int MAX_DESCRIPTION = 256 * 1024;
    static final int MAX_SNAPSHOT_FILE = 64 * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The hub as the node will trust it. */
    public record Hub(NodeCode code, Ed25519PublicKey signing, byte[] exchange) {

        public Hub {
            exchange = exchange.clone();
        }

        @Override
        public byte[] exchange() {
            return exchange.clone();
        }
    }

    /** The node being enrolled; {@code role} is {@code branch}, {@code agent} or {@code dealer}. */
    public record Enrollee(NodeCode code, String id, String name, String role) {
    }

    /** The node's own key pairs, made by HQ at enrollment. */
    public record NodeSecrets(Ed25519BatchSigner signer, X25519KeyPair exchange) {
    }

    private final EnrollmentDescription description;
    private final List<byte[]> snapshot;

    private EnrollmentPackage(EnrollmentDescription description, List<byte[]> snapshot) {
        this.description = description;
        this.snapshot = snapshot;
    }

    /** A new passphrase: 20 characters in groups of 4 (100 random bits), easy to read out on the phone. */
    public static String newPassphrase() {
        StringBuilder passphrase = new StringBuilder(24);
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 4 == 0) {
                passphrase.append('-');
            }
            passphrase.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return passphrase.toString();
    }

    /**
     * Writes a package to {@code file} atomically (a temporary file renamed into place).
     *
     * @param snapshot batch files from the hub to the node, in channel order
     */
    public static void write(Path file, Ed25519BatchSigner hubSigner, Hub hub, Enrollee node, Map<String, String> addresses,
                             Instant created, NodeSecrets secrets, char[] passphrase, List<byte[]> snapshot)
            throws IOException {
        if (!hubSigner.publicKey().equals(hub.signing())) {
            throw new IllegalArgumentException("the package must be signed with the hub key it names");
        }
        List<EnrollmentDescription.SnapshotFile> files = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            files.add(new EnrollmentDescription.SnapshotFile(String.format("snapshot-%04d.batch", i + 1),
                    sha256(snapshot.get(i))));
        }
        SealedKeys keys = SealedKeys.seal(secrets, passphrase, context(hub, node));
        byte[] json = new EnrollmentDescription(FORMAT, hub, node, Map.copyOf(addresses), created, keys, files).toJson();
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, DESCRIPTION, json);
            entry(zip, SIGNATURE, hubSigner.sign(json));
            for (int i = 0; i < snapshot.size(); i++) {
                entry(zip, files.get(i).name(), snapshot.get(i));
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads and checks a package: structure, format, signature, and every snapshot file against its
     * signed hash. The node's keys stay sealed until {@link #open}.
     *
     * @throws EnrollmentException with the problem found
     */
    public static EnrollmentPackage read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new EnrollmentException(Problem.OVERSIZED, "the package holds " + zip.size() + " entries");
            }
            byte[] json = entry(zip, DESCRIPTION, MAX_DESCRIPTION);
            byte[] signature = entry(zip, SIGNATURE, Ed25519PublicKey.SIGNATURE_LENGTH);
            EnrollmentDescription description = EnrollmentDescription.fromJson(json);
            if (!description.hub().signing().verify(json, signature)) {
                throw new EnrollmentException(Problem.BAD_SIGNATURE, "enrollment.json is not signed by hub "
                        + description.hub().code() + "'s key " + description.hub().signing().keyId());
            }
            List<byte[]> snapshot = new ArrayList<>();
            for (EnrollmentDescription.SnapshotFile listed : description.snapshot()) {
                if (zip.getEntry(listed.name()) == null) {
                    throw new EnrollmentException(Problem.SNAPSHOT_MISMATCH, "snapshot file " + listed.name() + " is missing");
                }
                byte[] bytes = entry(zip, listed.name(), MAX_SNAPSHOT_FILE);
                if (!sha256(bytes).equals(listed.sha256())) {
                    throw new EnrollmentException(Problem.SNAPSHOT_MISMATCH,
                            "snapshot file " + listed.name() + " does not match its signed hash");
                }
                snapshot.add(bytes);
            }
            return new EnrollmentPackage(description, List.copyOf(snapshot));
        } catch (ZipException e) {
            throw new EnrollmentException(Problem.MALFORMED, file + " cannot be read as a ZIP: " + e.getMessage(), e);
        }
    }

    /**
     * The node's key pairs.
     *
     * @throws EnrollmentException {@code wrong-passphrase}
     */
    public NodeSecrets open(char[] passphrase) {
        return description.keys().openSecrets(passphrase, context(hub(), node()));
    }

    public Hub hub() {
        return description.hub();
    }

    public Enrollee node() {
        return description.node();
    }

    /** Exchange addresses of the hub by transport ({@code http}, {@code mail}, {@code drop}). */
    public Map<String, String> addresses() {
        return description.addresses();
    }

    public Instant created() {
        return description.created();
    }

    /** The snapshot's batch files, in channel order, checked against their signed hashes. */
    public List<byte[]> snapshot() {
        List<byte[]> copies = new ArrayList<>(snapshot.size());
        snapshot.forEach(bytes -> copies.add(bytes.clone()));
        return copies;
    }

    /** What the sealed keys are bound to: a package's keys do not open inside another package. */
    static byte[] context(Hub hub, Enrollee node) {
        return ("filial-enrollment/" + FORMAT + "/" + hub.code() + "/" + hub.signing().keyId() + "/" + node.code() + "/"
                + node.id()).getBytes(StandardCharsets.UTF_8);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] entry(ZipFile zip, String name, int limit) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new EnrollmentException(Problem.MALFORMED, "the package has no " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new EnrollmentException(Problem.OVERSIZED, name + " is larger than " + limit + " bytes");
            }
            return bytes;
        } catch (ZipException | EOFException e) {
            throw new EnrollmentException(Problem.TRUNCATED, name + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
