package dev.filial.hq.registry;

import java.nio.file.Path;

/**
 * A node just enrolled: its registry entry, the package written for it, the passphrase that opens
 * the keys in the package (shown once, to be passed to the node's operator another way than the
 * file), and the size of its initial snapshot.
 */
public record Enrollment(HubNode node, Path packageFile, String passphrase, int snapshotBatches, long snapshotRows) {
}
