package org.telesynth.sim;

import org.telesynth.Progress;
import org.telesynth.agg.Aggregator;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.FleetLoader;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One simulated fleet per test JVM and size, shared by the tests that only read it. It is rewritten on first use
 * in each JVM, so a fleet left in target/ by an older build is never reused.
 */
public final class SimulatedFleet {
    private static final Set<Path> WRITTEN = new HashSet<>();

    private SimulatedFleet() {
    }

    /** The fleet loaded and aggregated with the default config, once per JVM (for tests that only read AGG). */
    public static synchronized Path aggregated(int devices, long seed) {
        Path dir = Path.of("target", "test-agg-" + devices + "-" + seed).toAbsolutePath();
        if (WRITTEN.add(dir)) {
            Path real = Path.of("target", "test-real-" + devices + "-" + seed).toAbsolutePath();
            FleetLoader.load(of(devices, seed), real, false, Progress.NONE);
            Aggregator.run(real, dir, ReleaseConfig.load(null), Progress.NONE);
        }
        return dir;
    }

    public static synchronized Path of(int devices, long seed) {
        Path dir = Path.of("target", "test-fleet-" + devices + "-" + seed).toAbsolutePath();
        if (WRITTEN.add(dir)) {
            FleetSimulator.simulate(dir, new SimulationOptions(devices, 30, seed, SimulationOptions.Profile.fleet,
                    SimulationOptions.DEFAULT_START), Progress.NONE);
        }
        return dir;
    }
}
