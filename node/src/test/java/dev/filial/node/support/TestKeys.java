package dev.filial.node.support;

import dev.filial.node.identity.KeyPassphrase;
import dev.filial.node.identity.NodeHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** Helpers of the key tests: an environment from a map, and the exact state of a directory's files. */
public final class TestKeys {

    private TestKeys() {
    }

    /** An environment holding these variables only (pairs of name and value). */
    public static Function<String, String> environment(String... pairs) {
        Map<String, String> variables = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put(pairs[i], pairs[i + 1]);
        }
        return variables::get;
    }

    /** A home whose passphrase comes from these variables only. */
    public static NodeHome home(Path root, String... pairs) {
        return new NodeHome(root, KeyPassphrase.fromEnvironment(environment(pairs)));
    }

    /** Every file and directory under {@code root}: its permissions and the SHA-256 of its bytes. */
    public static Map<String, String> state(Path root) {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                state.put(root.relativize(path).toString(), Files.isDirectory(path) ? permissions
                        : permissions + " " + sha256(Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /** The permissions of {@code path}, as {@code rw-------}. */
    public static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
