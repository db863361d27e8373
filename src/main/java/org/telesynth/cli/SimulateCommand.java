package org.telesynth.cli;

import org.telesynth.sim.FleetSimulator;
import org.telesynth.sim.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a realistic simulated fleet (the embedded default data): all 19 reporting tables as"
                + " ZSTD Parquet, DIR/<table>.parquet, calibrated to public facts about the real fleet.",
        footerHeading = "%nExamples:%n",
        footer = {"  telesynth simulate --out data/raw",
                "  telesynth simulate --out data/raw --devices 1000000 --days 30 --seed 7",
                "  telesynth simulate --out data/eventlog --profile eventlog --devices 100000",
                "  telesynth simulate --out data/raw --devices 100000 --events --seed 7"})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--devices", defaultValue = "100000", paramLabel = "N",
            description = "Devices (users for the eventlog profile). Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--days", defaultValue = "30", paramLabel = "D",
            description = "Days in the time window; rows per device scale with it. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--profile", defaultValue = "fleet", paramLabel = "P",
            description = "fleet (the 19 tables) or eventlog (the mechanism study's event log). Default: ${DEFAULT-VALUE}.")
    SimulationOptions.Profile profile;

    @Option(names = "--events", description = "Also write the seven raw event tables (docs/SCHEMA-events.md: crashes,"
            + " application errors and hangs, Kernel-Power 41, CPU frequency, AC/DC time, Wi-Fi errors) from the same"
            + " device stories (docs/simulator.md).")
    boolean events;

    @Mixin
    QuietOption quiet;

    @Mixin
    JsonOption json;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() {
        SimulationOptions options = new SimulationOptions(devices, days, seed.seedOrFresh(), profile,
                SimulationOptions.DEFAULT_START, events);
        ConsoleProgress progress = quiet.progress();
        progress.step(String.format("simulating %,d %s over %d days (seed %d) into %s", devices,
                profile == SimulationOptions.Profile.fleet ? "devices" : "users", days, options.seed(), out));
        Map<String, Long> rows = FleetSimulator.simulate(out, options, progress);
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        if (json.json) {
            JsonOption.print(Map.of("out", out.toAbsolutePath().normalize().toString(), "seed", options.seed(), "rows", rows, "total_rows", total));
            return ExitCode.OK;
        }
        System.out.printf("wrote %d tables, %,d rows, to %s%n", rows.size(), total, out);
        return ExitCode.OK;
    }
}
