package org.telesynth.sweep;

import java.lang.management.ManagementFactory;

/**
 * How much memory a cell's JVM needs, from the peaks the benchmarks measured at 1 M devices (scripts/bench-*.sh,
 * docs/results.md: per-table about 2.5 GB, marginal 3.4 GB, DP-VAE 4.1 GB, PE 2.9 GB, with the suite and the
 * comparison after them), scaled to the fleet, and how many cells fit side by side in this machine's memory.
 */
final class CellMemory {
    private static final double BASE_GB = 1.0;

    private CellMemory() {
    }

    /** The estimated peak RSS of a cell of {@code method} on {@code devices} devices, in GB. */
    static double peakGb(String method, long devices) {
        double atOneMillion = switch (method) {
            case "marginal" -> 3.4;
            case "dpvae" -> 4.1;
            case "pe" -> 2.9;
            default -> 2.5;
        };
        return BASE_GB + atOneMillion * devices / 1e6;
    }

    /** The -Xmx of a cell's JVM: its estimated peak, rounded up, with a floor of 2 GB and a ceiling of 8 GB. */
    static int heapGb(String method, long devices) {
        return (int) Math.min(8, Math.max(2, Math.ceil(peakGb(method, devices))));
    }

    /** Cells that fit together in 80 % of the machine's physical memory, at most {@code wanted}, at least 1. */
    static int parallel(int wanted, double largestPeakGb) {
        double physicalGb = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() / 1e9 : 8;
        return Math.max(1, Math.min(wanted, (int) Math.floor(0.8 * physicalGb / largestPeakGb)));
    }
}
