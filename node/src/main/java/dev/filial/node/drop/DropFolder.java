package dev.filial.node.drop;

import dev.filial.node.exchange.Arrival;
import dev.filial.node.exchange.BatchCarrier;
import dev.filial.node.exchange.ExchangeException;
import dev.filial.node.outbox.OutboundBatch;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A drop folder shared by this node and its peers: batches for node X are files in {@code X/}, named
 * as {@link OutboundBatch#fileName} says. A file is written under a temporary name
 * starting with a dot and renamed when complete, so a reader never sees half a file; readers skip
 * names starting with a dot. The folder itself (the mounted share or stick) must exist: only the
 * subfolders are created, so a share that is not mounted fails the run instead of filling the local disk.
 */
public final class DropFolder {

    /** Subfolder of a node's incoming folder for files whose batch is committed. */
    public static final String PROCESSED = "processed";
    /** Subfolder for files that are not batches for this node or were refused; a {@code .reason.txt} says why. */
    public static final String REJECTED = "rejected";

    private final Path root;
    private final NodeCode self;
    private final long maxFileBytes;

    /**
     * @param maxFileBytes the largest file read; a larger one is rejected as oversized
     */
    public DropFolder(Path root, NodeCode self, long maxFileBytes) {
        this.root = root;
        this.self = self;
        this.maxFileBytes = maxFileBytes;
    }

    public Path root() {
        return root;
    }

    /** Writes batches for a peer into its subfolder. */
    public BatchCarrier carrier() {
        return this::write;
    }

    private void write(NodeCode peer, OutboundBatch batch) {
        requireRoot("drop-unwritable", "; the batch stays here and goes again");
        Path folder = root.resolve(peer.toString());
        try {
            if (!Files.isDirectory(folder)) {
                try {
                    // the root must exist: only the peer's subfolder is made
                    Files.createDirectory(folder);
                    forceDirectory(root);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(folder)) {
                        throw e;
                    }
                }
            }
            for (int index = 1; index <= batch.files().size(); index++) {
                String name = batch.fileName(self.toString(), peer.toString(), index);
                Path temporary = folder.resolve("." + name + ".tmp");
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                     OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                    out.write(batch.files().get(index - 1));
                    out.flush();
                    channel.force(true);
                }
                move(temporary, folder.resolve(name));
                // the rename is in the folder's entries: forced too, so a power cut does not undo it
                forceDirectory(folder);
            }
        } catch (IOException e) {
            throw new ExchangeException("drop-unwritable", "cannot write into " + folder + " (" + e + "); check that "
                    + "the folder or stick is mounted and writable; the batch stays here and goes again");
        }
    }

    /**
     * The batch files waiting in this node's subfolder, by name (so by sender and sequence); none when the
     * subfolder does not exist.
     *
     * @throws ExchangeException {@code drop-unreadable} when the folder itself is missing (not mounted) or
     *                           cannot be listed
     */
    public List<Arrival> arrivals() {
        requireRoot("drop-unreadable", "");
        Path incoming = root.resolve(self.toString());
        if (!Files.isDirectory(incoming)) {
            return List.of();
        }
        List<Arrival> arrivals = new ArrayList<>();
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !name.startsWith(".") && !name.endsWith(".reason.txt")) {
                    arrivals.add(new FileArrival(file));
                }
            }
        } catch (IOException e) {
            throw new ExchangeException("drop-unreadable", "cannot list " + incoming + " (" + e + "); check that the "
                    + "folder or stick is mounted");
        }
        return arrivals;
    }

    /**
     * Fails unless the root exists as a folder: a missing one is a share or stick that is not mounted, and
     * creating it would write onto the local disk (or read nothing) and report success.
     */
    private void requireRoot(String code, String consequence) {
        if (Files.isDirectory(root)) {
            return;
        }
        if (Files.exists(root)) {
            throw new ExchangeException(code, root + " is a file, not a folder: give the folder of the share or "
                    + "stick" + consequence);
        }
        throw new ExchangeException(code, "folder " + root + " not found: is the share or stick mounted?"
                + consequence);
    }

    /**
     * Forces the entries of {@code directory} (a file renamed into it) to disk, where the platform opens a
     * directory as a channel and syncs it; not on Windows, for one, nor on a file system that refuses to sync
     * a directory. Either is skipped: the file's bytes were forced before the rename, and a rename a power
     * cut undoes only means the batch goes again.
     *
     * @return whether the entries were forced
     */
    static boolean forceDirectory(Path directory) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        try (channel) {
            channel.force(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code name} in {@code folder}, or {@code name.1}, {@code name.2}, ...: the first taken by no file or reason. */
    private static Path unused(Path folder, String name) {
        for (int suffix = 0; ; suffix++) {
            Path candidate = folder.resolve(suffix == 0 ? name : name + "." + suffix);
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(reasonOf(candidate), LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
    }

    private static Path reasonOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".reason.txt");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes the files in this node's {@code processed/} last changed more than {@code keep} before
     * {@code now}: their batches were committed here long ago. Nothing is deleted when {@code keep} is null.
     *
     * @return how many files were deleted
     * @throws ExchangeException {@code drop-unwritable} when the folder cannot be cleaned
     */
    public int prune(Duration keep, Instant now) {
        Path processed = root.resolve(self.toString()).resolve(PROCESSED);
        if (keep == null || !Files.isDirectory(processed)) {
            return 0;
        }
        Instant cutoff = now.minus(keep);
        int deleted = 0;
        try (Stream<Path> files = Files.list(processed)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.delete(file);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new ExchangeException("drop-unwritable", "cannot clean " + processed + " (" + e + ")");
        }
        return deleted;
    }

    /** One file of the incoming folder. */
    private final class FileArrival implements Arrival {

        private final Path file;

        FileArrival(Path file) {
            this.file = file;
        }

        @Override
        public String source() {
            return "drop:" + file;
        }

        @Override
        public byte[] bytes() {
            if (!file.getFileName().toString().endsWith(".batch")) {
                throw new ExchangeException("not-a-batch", "the file is not named *.batch; it is not for Filial");
            }
            try {
                long size = Files.size(file);
                if (size > maxFileBytes) {
                    throw new ExchangeException("oversized", "the file has " + size + " bytes, more than the "
                            + maxFileBytes + " a batch file may have");
                }
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ExchangeException("drop-unreadable", "cannot read " + file + " (" + e + ")");
            }
        }

        @Override
        public void archive() {
            moveInto(PROCESSED, null);
        }

        @Override
        public void reject(String reason) {
            moveInto(REJECTED, reason);
        }

        /**
         * Moves the file into {@code subfolder}, never over an earlier file of the same name (or its reason):
         * then as {@code <name>.1}, {@code <name>.2}, ... Nothing is deleted.
         */
        private void moveInto(String subfolder, String reason) {
            Path folder = file.resolveSibling(subfolder);
            try {
                Files.createDirectories(folder);
                Path target = unused(folder, file.getFileName().toString());
                if (reason != null) {
                    Files.writeString(reasonOf(target), reason + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
                // no REPLACE_EXISTING: a file that took the name meanwhile fails the move, and this one stays
                Files.move(file, target);
                forceDirectory(folder);
            } catch (IOException e) {
                throw new ExchangeException("drop-unwritable", "cannot move " + file + " into " + folder + " (" + e
                        + "); it stays and is read again");
            }
        }
    }
}
