package dev.filial.node.exchange;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The file-drop transport: a folder shared with the peer (a network share, or a USB stick carried by
 * hand). Batches for node X are written into {@code folder/X/}; each side reads its own subfolder.
 *
 * @param maxFileBytes the largest batch file written (8 MiB by default); larger batches go in parts
 * @param resendAfter  how long a batch the peer has not acknowledged waits before it is written again
 * @param keepProcessed how long files stay in {@code processed/} after their batch was taken; null: for ever
 */
public record DropSettings(Path folder, long maxFileBytes, Duration resendAfter, Duration keepProcessed,
                           Schedule schedule) implements TransportSettings {

    @Override
    public String type() {
        return "drop";
    }
}
