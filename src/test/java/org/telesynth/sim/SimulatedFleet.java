package org.telesynth.sim;

import org.telesynth.Progress;

import java.nio.file.Files;
import java.nio.file.Path;

/** One simulated fleet per test JVM and size, shared by the tests that only read it. */
final class SimulatedFleet {
    private SimulatedFleet() {
    }

    static synchronized Path of(int devices, long seed) {
        Path dir = Path.of("target", "test-fleet-" + devices + "-" + seed);
        if (!Files.exists(dir.resolve("manifest.json"))) {
            FleetSimulator.simulate(dir, new SimulationOptions(devices, 30, seed, SimulationOptions.Profile.fleet,
                    SimulationOptions.DEFAULT_START), Progress.NONE);
        }
        return dir;
    }
}
