package dev.filial.node.identity;

import dev.filial.protocol.enrollment.SealedKeys;
import dev.filial.protocol.signing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's private keys in {@code keys/}, in one of two forms: plain, as the owner-only PKCS#8 PEM files
 * {@code signing.key.pem} and {@code exchange.key.pem} (the default: a server starts unattended), or
 * sealed with a passphrase in the one owner-only file {@code private.sealed} ({@link SealedKeyFile}),
 * opened with the passphrase {@link KeyPassphrase} finds. {@link #protect} and {@link #unprotect} turn one
 * form into the other; every change writes the new form first (a temporary file, forced to disk, renamed
 * into place) and deletes the old one after.
 *
 * <p>A crash between the two steps leaves both forms, holding the same keys. Then the plain files win when
 * both are there (they need no passphrase, so an unattended node still starts), otherwise the sealed file
 * does; either way the node logs a warning, and {@code keys status} says to run {@code keys protect} or
 * {@code keys unprotect} to finish.
 */
public final class PrivateKeys {

    /** The sealed file's name in {@code keys/}. */
    public static final String SEALED = "private.sealed";

    private static final Logger LOG = LoggerFactory.getLogger(PrivateKeys.class);

    /** The form the keys are in. */
    public enum Form {
        /** Owner-only PEM files, no passphrase. */
        PLAIN,
        /** Sealed with a passphrase in {@value #SEALED}. */
        SEALED,
        /** Neither form is complete. */
        MISSING
    }

    /** What {@link #protect} or {@link #unprotect} did. */
    public enum Change {
        /** Plain keys were sealed; the plain files are gone. */
        SEALED,
        /** Sealed keys were sealed again with a new passphrase. */
        PASSPHRASE_CHANGED,
        /** Sealed keys are plain files again; the sealed file is gone. */
        UNSEALED,
        /** An interrupted change was finished by deleting the files the other form left. */
        FINISHED,
        /** The keys were plain already. */
        NONE
    }

    /**
     * The keys' form and files, without opening them.
     *
     * @param files       the files holding the private keys
     * @param leftovers   files of the other form left by an interrupted change
     * @param sealing     the scrypt parameters of the sealed file, null if plain
     * @param signing     SHA-256 (hex) of the signing public key's DER, as {@code openssl pkey -pubin -outform DER}
     *                    writes it
     * @param exchange    the same of the exchange public key
     */
    public record Status(Form form, List<Path> files, List<Path> leftovers, SealedKeys sealing, String signing,
                         String exchange) {

        /** One line on the keys' form and where they are. */
        public String summary() {
            String where = files.stream().map(Path::toString).collect(Collectors.joining(", "));
            if (form == Form.SEALED) {
                return "protected: sealed with a passphrase in " + where + " (scrypt N=" + sealing.n() + ", r="
                        + sealing.r() + ", p=" + sealing.p() + "; AES-256-GCM; owner-only file)";
            }
            return "not passphrase-protected: owner-only files " + where;
        }
    }

    private final Path directory;
    private final NodeConfig config;
    private final KeyPassphrase passphrase;

    PrivateKeys(Path directory, NodeConfig config, KeyPassphrase passphrase) {
        this.directory = directory;
        this.config = config;
        this.passphrase = passphrase;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The form, files and public key fingerprints; a sealed file is checked (format, checksum, owner) but
     * not opened.
     *
     * @throws KeyProtectionException {@code key-file-damaged} or {@code key-file-foreign}
     * @throws NodeHomeException      if there are no private keys
     */
    public Status status() throws IOException {
        Form form = form();
        List<Path> files = switch (form) {
            case PLAIN -> List.of(signingFile(), exchangeFile());
            case SEALED -> List.of(sealedFile());
            case MISSING -> throw missing();
        };
        SealedKeys sealing = form == Form.SEALED ? sealed().keys() : null;
        return new Status(form, files, leftovers(form), sealing,
                fingerprint(PemKeys.Curve.ED25519, NodeKeys.SIGNING_PUBLIC),
                fingerprint(PemKeys.Curve.X25519, NodeKeys.EXCHANGE_PUBLIC));
    }

    /**
     * What to run to finish an interrupted change, if one left files of both forms.
     */
    public Optional<String> interruption() {
        Form form = form();
        List<Path> leftovers = leftovers(form);
        if (leftovers.isEmpty()) {
            return Optional.empty();
        }
        String command = config.code().equals(config.hub()) ? "filial-hq" : "filial-node";
        return Optional.of(directory + " holds both forms of the private keys: a 'keys protect' or 'keys unprotect' "
                + "was interrupted; the " + (form == Form.PLAIN ? "plain files are" : "sealed file is") + " used and "
                + leftovers.stream().map(path -> path.getFileName().toString()).toList() + " left over. Run '"
                + command + " keys protect' to finish sealing them or '" + command
                + " keys unprotect' to finish leaving them plain");
    }

    /**
     * The key pairs, from the plain files or from the sealed file opened with the passphrase.
     *
     * @throws KeyProtectionException if the sealed file does not open
     * @throws NodeHomeException      if the keys are missing or readable by others
     */
    public NodeKeys open() throws IOException {
        interruption().ifPresent(LOG::warn);
        return switch (form()) {
            case PLAIN -> NodeKeys.readPlain(directory);
            case SEALED -> openSealed();
            case MISSING -> throw missing();
        };
    }

    /**
     * Seals plain keys with a new passphrase ({@link KeyPassphrase#fresh}) and deletes the plain files; changes
     * the passphrase of sealed keys (the current one, then {@link KeyPassphrase#replacement}); or, after an
     * interrupted change, finishes it.
     */
    public Change protect() throws IOException {
        switch (form()) {
            case PLAIN -> {
                NodeKeys keys = NodeKeys.readPlain(directory);
                char[] fresh = passphrase.fresh(config.code().toString());
                try {
                    OwnerOnlyFiles.directory(directory);
                    OwnerOnlyFiles.write(sealedFile(), SealedKeyFile.seal(config, keys, fresh));
                    OwnerOnlyFiles.delete(signingFile(), exchangeFile());
                    passphrase.remember(fresh);
                } finally {
                    Arrays.fill(fresh, '\0');
                }
                return Change.SEALED;
            }
            case SEALED -> {
                List<Path> leftovers = leftovers(Form.SEALED);
                NodeKeys keys = openSealed();
                if (!leftovers.isEmpty()) {
                    OwnerOnlyFiles.delete(leftovers.toArray(Path[]::new));
                    return Change.FINISHED;
                }
                char[] replacement = passphrase.replacement(config.code().toString());
                try {
                    OwnerOnlyFiles.directory(directory);
                    OwnerOnlyFiles.write(sealedFile(), SealedKeyFile.seal(config, keys, replacement));
                    // absent, but a crash may have left a temporary of either with a key in plain form
                    OwnerOnlyFiles.delete(signingFile(), exchangeFile());
                    passphrase.remember(replacement);
                } finally {
                    Arrays.fill(replacement, '\0');
                }
                return Change.PASSPHRASE_CHANGED;
            }
            default -> throw missing();
        }
    }

    /** Writes sealed keys as plain owner-only files and deletes the sealed file; finishes an interrupted change. */
    public Change unprotect() throws IOException {
        switch (form()) {
            case PLAIN -> {
                List<Path> leftovers = leftovers(Form.PLAIN);
                NodeKeys.readPlain(directory);
                if (leftovers.isEmpty()) {
                    return Change.NONE;
                }
                OwnerOnlyFiles.delete(leftovers.toArray(Path[]::new));
                return Change.FINISHED;
            }
            case SEALED -> {
                NodeKeys keys = openSealed();
                OwnerOnlyFiles.directory(directory);
                keys.writePlain(directory);
                OwnerOnlyFiles.delete(sealedFile());
                return Change.UNSEALED;
            }
            default -> throw missing();
        }
    }

    /** Writes a new node's keys: plain, or sealed with {@code fresh} when not null. */
    void create(NodeKeys keys, char[] fresh) throws IOException {
        OwnerOnlyFiles.directory(directory);
        if (fresh == null) {
            keys.writePlain(directory);
        } else {
            OwnerOnlyFiles.write(sealedFile(), SealedKeyFile.seal(config, keys, fresh));
            passphrase.remember(fresh);
        }
        keys.writePublic(directory);
    }

    private NodeKeys openSealed() throws IOException {
        SealedKeyFile file = sealed();
        char[] given = passphrase.current(config.code().toString());
        try {
            NodeKeys keys = file.open(given);
            passphrase.remember(given);
            return keys;
        } finally {
            Arrays.fill(given, '\0');
        }
    }

    private SealedKeyFile sealed() throws IOException {
        return SealedKeyFile.read(sealedFile(), OwnerOnlyFiles.read(sealedFile()), config);
    }

    private Form form() {
        if (Files.exists(signingFile()) && Files.exists(exchangeFile())) {
            return Form.PLAIN;
        }
        return Files.exists(sealedFile()) ? Form.SEALED : Form.MISSING;
    }

    private List<Path> leftovers(Form form) {
        List<Path> leftovers = new ArrayList<>();
        if (form == Form.PLAIN && Files.exists(sealedFile())) {
            leftovers.add(sealedFile());
        }
        if (form == Form.SEALED) {
            for (Path plain : List.of(signingFile(), exchangeFile())) {
                if (Files.exists(plain)) {
                    leftovers.add(plain);
                }
            }
        }
        return leftovers;
    }

    private NodeHomeException missing() {
        for (Path plain : List.of(signingFile(), exchangeFile())) {
            if (Files.exists(plain)) {
                Path absent = plain.equals(signingFile()) ? exchangeFile() : signingFile();
                return new NodeHomeException("private key " + absent
                        + " is missing; restore it from the node's backup");
            }
        }
        return new NodeHomeException("no private keys in " + directory + " (neither " + NodeKeys.SIGNING_KEY + " and "
                + NodeKeys.EXCHANGE_KEY + " nor " + SEALED + "); restore keys/ from the node's backup");
    }

    private String fingerprint(PemKeys.Curve curve, String name) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            return "missing";
        }
        byte[] der = PemKeys.publicKeyDer(curve, PemKeys.readPublicKey(curve, Files.readString(file)));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private Path signingFile() {
        return directory.resolve(NodeKeys.SIGNING_KEY);
    }

    private Path exchangeFile() {
        return directory.resolve(NodeKeys.EXCHANGE_KEY);
    }

    private Path sealedFile() {
        return directory.resolve(SEALED);
    }
}
