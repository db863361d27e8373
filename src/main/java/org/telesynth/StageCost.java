package org.telesynth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one stage cost: wall seconds, CPU seconds of the whole process and the process's peak resident set (Linux
 * {@code VmHWM}, the high-water mark since the JVM started, so a later stage reads at least an earlier one's peak).
 * Wall and CPU time can depend on private counts (a bigger fleet takes longer), so costs go only to private
 * outputs: the sidecar beside the ledger and the private reports.
 */
public record StageCost(double wallSeconds, double cpuSeconds, long peakRssBytes) {

    /** Runs {@code work} and measures it. */
    public static <T> Measured<T> measure(Supplier<T> work) {
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        T value = work.get();
        return new Measured<>(value, new StageCost((System.nanoTime() - wall0) / 1e9, (processCpuNanos() - cpu0) / 1e9, peakRss()));
    }

    /** A stage's value with its cost. */
    public record Measured<T>(T value, StageCost cost) {
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_seconds", Math.round(wallSeconds * 100) / 100.0);
        m.put("cpu_seconds", Math.round(cpuSeconds * 100) / 100.0);
        m.put("peak_rss_bytes", peakRssBytes);
        return m;
    }

    /** CPU time of the whole process (all threads), or 0 where the platform does not say. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** The process's peak resident set in bytes from /proc/self/status, or -1 off Linux. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
