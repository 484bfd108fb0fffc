package dev.filial.hq.crash;

import dev.filial.node.store.CrashPoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link CrashMain} on this test's class path, set to halt at one crash point.
 * Its standard error goes to a log file, quoted when it did not end as expected.
 */
final class ChildJvm implements AutoCloseable {

    private static final long WAIT_SECONDS = 120;

    private final Process process;
    private final Path log;
    private final BufferedReader output;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code CrashMain} with {@code arguments}, halting at {@code crashAt} (null: nowhere). */
    static ChildJvm start(Path log, String crashAt, String... arguments) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        if (crashAt != null) {
            command.add("-D" + CrashPoint.PROPERTY + "=" + crashAt);
        }
        command.add(CrashMain.class.getName());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildJvm(process, log);
    }

    /** Waits until the child prints a line starting with {@code prefix}; fails if it ends first. */
    void awaitLine(String prefix) throws IOException {
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return;
            }
        }
        throw new IllegalStateException("the child ended without printing '" + prefix + "': " + describe());
    }

    /** Waits for the child to end and returns its exit status. */
    int exitStatus() throws IOException, InterruptedException {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child did not end within " + WAIT_SECONDS + " s: " + describe());
        }
        return process.exitValue();
    }

    /** The end of the child's log, for assertion messages. */
    String describe() throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        return "log " + log.getFileName() + ":\n" + text.substring(Math.max(0, text.length() - 3_000));
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
