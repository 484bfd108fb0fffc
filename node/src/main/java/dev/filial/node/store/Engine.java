package dev.filial.node.store;

import java.nio.file.Path;
import java.util.Locale;

/** The embedded database engines a node can run on. */
public enum Engine {
    /** One file in WAL mode; the default. */
    SQLITE("sqlite", new SqliteDialect()),
    /** Apache Derby, embedded, a directory. */
    DERBY("derby", new DerbyDialect());

    private final String code;
    private final Dialect dialect;

    Engine(String code, Dialect dialect) {
        this.code = code;
        this.dialect = dialect;
    }

    /** The name used in configuration and on the command line. */
    public String code() {
        return code;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the database lives inside a node's data directory. */
    public Path location(Path dataDirectory) {
        return this == SQLITE ? dataDirectory.resolve("node.sqlite") : dataDirectory.resolve("derby");
    }

    String url(Path location) {
        // sqlite-jdbc would otherwise query last_insert_rowid() after every insert; ids are ours, not generated
        return this == SQLITE ? "jdbc:sqlite:" + location + "?jdbc.get_generated_keys=false"
                : "jdbc:derby:" + location + ";create=true";
    }

    /** Flyway location of this engine's migrations. */
    String migrations() {
        return "classpath:db/" + code;
    }

    /**
     * The engine named {@code code} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the engines there are
     */
    public static Engine parse(String code) {
        for (Engine engine : values()) {
            if (engine.code.equals(code.toLowerCase(Locale.ROOT))) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown database engine '" + code + "'; use sqlite or derby");
    }

    @Override
    public String toString() {
        return code;
    }
}
