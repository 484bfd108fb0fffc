package dev.filial.node.exchange;

import java.net.URL;

/**
 * The HTTP transport: the hub's address. The node pushes and pulls (PROTOCOL.md section 14).
 *
 * @param url the hub's base address, like {@code http://hq.example.com:8700}
 */
public record HttpSettings(URL url, Schedule schedule) implements TransportSettings {

    /** Largest batch file pushed or pulled in one request. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

    @Override
    public String type() {
        return "http";
    }

    @Override
    public long maxFileBytes() {
        return MAX_FILE_BYTES;
    }
}
