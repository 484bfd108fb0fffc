package dev.filial.node.exchange;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The file-drop transport: a folder shared with the peer (a network share, or a USB stick carried by
 * hand). Batches for node X are written into {@code folder/X/}; each side reads its own subfolder.
 *
 * @param resendAfter how long a batch the peer has not acknowledged waits before it is written again
 */
public record DropSettings(Path folder, Duration resendAfter, Schedule schedule) implements TransportSettings {

    /** Largest batch file written into a drop folder. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    @Override
    public String type() {
        return "drop";
    }

    @Override
    public long maxFileBytes() {
        return MAX_FILE_BYTES;
    }
}
