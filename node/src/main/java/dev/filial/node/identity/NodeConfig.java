package dev.filial.node.identity;

import dev.filial.node.store.Engine;
import dev.filial.protocol.change.NodeCode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A node's identity and storage choice, kept in {@code node.properties} in its home directory:
 * the node code, its id (a UUIDv7 chosen at init), the code of its hub (HQ), the database engine, and
 * the hub's HTTP address ({@code hubUrl}, null when the node exchanges by file only).
 */
public record NodeConfig(NodeCode code, String id, NodeCode hub, Engine engine, String hubUrl) {

    static final String FILE = "node.properties";

    void write(Path home) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("node.code", code.toString());
        properties.setProperty("node.id", id);
        properties.setProperty("node.hub", hub.toString());
        properties.setProperty("database.engine", engine.code());
        if (hubUrl != null) {
            properties.setProperty("hub.url", hubUrl);
        }
        try (Writer out = Files.newBufferedWriter(home.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.store(out, "Filial node identity; written by 'filial-node init'. Do not copy to another node.");
        }
    }

    static NodeConfig read(Path home) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new NodeHomeException(home + " is not a node home (no " + FILE + "); run 'filial-node init' first");
        }
        try {
            return new NodeConfig(NodeCode.parse(required(properties, "node.code")), required(properties, "node.id"),
                    NodeCode.parse(required(properties, "node.hub")), Engine.parse(required(properties, "database.engine")),
                    properties.getProperty("hub.url"));
        } catch (IllegalArgumentException e) {
            throw new NodeHomeException(home.resolve(FILE) + ": " + e.getMessage());
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value.trim();
    }
}
