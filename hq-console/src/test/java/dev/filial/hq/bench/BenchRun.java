package dev.filial.hq.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the HQ benchmark mains share: {@code key=value} arguments, the machine line, medians, quiet logs. */
final class BenchRun {

    private BenchRun() {
    }

    /** The arguments over their defaults; null after printing the keys when asked for {@code help}. */
    static Map<String, String> args(String name, Map<String, String> defaults, String[] argv) {
        Map<String, String> args = new LinkedHashMap<>(defaults);
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !defaults.containsKey(arg.substring(0, eq))) {
                System.out.println(name + " key=value ...; keys and defaults: " + defaults);
                if (!arg.equals("help")) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                return null;
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1).trim());
        }
        return args;
    }

    /** Keeps Micronaut, Flyway and Hikari to warnings and errors. */
    static void quiet() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flywaydb"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    static void machine(String name, Map<String, String> args) {
        System.out.printf(Locale.ROOT,
                "%s %s%nJava %s, %d CPUs, %s %s, max heap %d MB, JVM flags %s, load average %s%n",
                name, args, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), loadAverage());
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time of this whole process (every thread, the collector's too), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    static void progress(String format, Object... values) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", values);
    }
}
