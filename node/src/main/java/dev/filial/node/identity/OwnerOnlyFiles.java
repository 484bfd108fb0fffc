package dev.filial.node.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the node's OS user may read (0600 in a 0700 directory), written so that a crash leaves the
 * old file or the new one, never a part: a temporary file, forced to disk, renamed over the target.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Suffix of a file being written; one left by a crash is replaced by the next write. */
    static final String TEMPORARY = ".tmp";

    private OwnerOnlyFiles() {
    }

    /** Creates {@code directory} if needed and makes it owner-only. */
    static void directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        restrict(directory, OWNER_ONLY_DIRECTORY);
    }

    /** Writes {@code bytes} to {@code file} (owner-only) atomically and durably. */
    static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY);
        Files.deleteIfExists(temporary);
        if (supportsPosix(file)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temporary);
        }
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            restrict(temporary, OWNER_ONLY);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // never leave the bytes (a plain private key, say) behind in the temporary file
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
        sync(file.getParent());
    }

    /**
     * Deletes the files that exist, and any temporary file a crash left while one of them was written, then forces
     * the directory entry changes to disk.
     */
    static void delete(Path... files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + TEMPORARY));
        }
        if (files.length > 0) {
            sync(files[0].getParent());
        }
    }

    /**
     * The bytes of a private file.
     *
     * @throws NodeHomeException if others may read it
     */
    static byte[] read(Path file) throws IOException {
        if (supportsPosix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new NodeHomeException("private key file " + file + " is readable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
        }
        return Files.readAllBytes(file);
    }

    static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (supportsPosix(path)) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Forces a directory's entries (a rename, a deletion) to disk where the platform allows it. */
    private static void sync(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the rename is still atomic there.
        }
    }
}
