package dev.filial.hq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PouchDB baseline: runs {@code node replicate.js <docs>} from {@code docs/bench/pouchdb} (after
 * {@code npm install} there) as a child process and reads its docs per second.
 */
final class PouchDbRun {

    private static final Pattern RATE = Pattern.compile("\"docsPerSecond\":(\\d+)");

    private final Path directory;

    /** {@code directory} holds replicate.js; "auto" looks for docs/bench/pouchdb here and one level up. */
    PouchDbRun(String directory) {
        Path found = null;
        for (String candidate : directory.equals("auto") ? List.of("docs/bench/pouchdb", "../docs/bench/pouchdb")
                : List.of(directory)) {
            if (Files.isRegularFile(Path.of(candidate, "replicate.js"))) {
                found = Path.of(candidate).toAbsolutePath().normalize();
                break;
            }
        }
        if (found == null || !Files.isDirectory(found.resolve("node_modules"))) {
            throw new IllegalArgumentException("no PouchDB script with node_modules at " + directory + " (from "
                    + Path.of("").toAbsolutePath() + "); run 'npm install' in docs/bench/pouchdb, or pass "
                    + "pouchdb=none");
        }
        this.directory = found;
    }

    /** Replicates {@code docs} documents once; returns documents per second. */
    double replicate(long docs, Path temporary) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", "replicate.js", Long.toString(docs), "100",
                temporary.toAbsolutePath().toString()).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher rate = RATE.matcher(output);
        if (exit != 0 || !rate.find()) {
            throw new IllegalStateException("replicate.js failed (exit " + exit + "): " + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
