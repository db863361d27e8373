package org.telesynth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.StageCost;
import org.telesynth.agg.Aggregator;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.Manifests;
import org.telesynth.privacy.RandomSource;
import org.telesynth.sim.FleetSimulator;
import org.telesynth.sim.SimulationOptions;
import org.telesynth.synth.ReleaseProvenance;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.ReleaseRunner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The stage engine that {@code run} and {@code sweep} share: each stage is skipped when its inputs and parameters
 * are unchanged since its last run (as its manifest, or a release's private provenance, records them), so a stage
 * is never redone and a release never re-charged for nothing. Every stage's cost (wall, CPU, peak RSS) is kept in
 * {@link #costs()} for the private outputs.
 */
public final class Stages {
    private final ReleaseConfig config;
    private final Progress progress;
    private final Map<String, StageCost> costs = new LinkedHashMap<>();

    public Stages(ReleaseConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public ReleaseConfig config() {
        return config;
    }

    /** The cost of every stage run so far, in order (a skipped stage costs its check). */
    public Map<String, StageCost> costs() {
        return costs;
    }

    /** Simulates {@code devices} devices into {@code raw} unless it holds that fleet already (seed null: any seed). */
    public void simulate(Path raw, int devices, int days, Long seed) {
        simulate(raw, devices, days, seed, false);
    }

    /** As {@link #simulate(Path, int, int, Long)}, with the raw event tables too when {@code events}. */
    public void simulate(Path raw, int devices, int days, Long seed, boolean events) {
        timed("simulate", () -> {
            JsonNode m = Manifests.readIfPresent(raw.resolve("manifest.json"));
            if (m != null && m.path("devices").asInt() == devices && m.path("days").asInt() == days
                    && (seed == null || m.path("seed").asLong() == seed) && m.path("events").asBoolean(false) == events) {
                progress.step("simulate: unchanged, kept " + raw);
                return;
            }
            long s = seed != null ? seed : RandomSource.secure().nextLong();
            progress.step(String.format("simulate: %,d devices, %d days%s -> %s", devices, days, events ? ", with raw events" : "", raw));
            FleetSimulator.simulate(raw, new SimulationOptions(devices, days, s, SimulationOptions.Profile.fleet,
                    SimulationOptions.DEFAULT_START, events), progress);
        });
    }

    /** Loads {@code raw} into {@code real} unless it was loaded from the same source with the same holdout. */
    public void load(Path raw, Path real, Double holdoutShare, Path holdout) {
        timed("load", () -> {
            JsonNode m = Manifests.readIfPresent(real.resolve("manifest.json"));
            JsonNode source = Manifests.readIfPresent(raw.resolve("manifest.json"));
            double share = holdoutShare == null ? 0 : holdoutShare;
            if (m != null && source != null && Objects.equals(m.path("source_manifest"), source)
                    && m.path("holdout").path("share").asDouble(0) == share) {
                progress.step("load: unchanged, kept " + real);
                return;
            }
            progress.step("load: " + raw + " -> " + real + (holdoutShare == null ? "" : ", holding " + share + " of the devices out in " + holdout));
            FleetLoader.load(raw, real, false, config, holdoutShare == null ? null : new FleetLoader.Holdout(share, holdout), progress);
        });
    }

    /** Aggregates {@code real} into {@code agg} unless it was aggregated from the same load with the same config. */
    public void aggregate(Path real, Path agg) {
        timed("aggregate", () -> {
            JsonNode m = Manifests.readIfPresent(agg.resolve("manifest.json"));
            JsonNode source = Manifests.readIfPresent(real.resolve("manifest.json"));
            if (m != null && m.path("config_hash").asText().equals(config.hash()) && Objects.equals(m.path("input_manifest"), source)) {
                progress.step("aggregate: unchanged, kept " + agg);
                return;
            }
            progress.step("aggregate: " + real + " -> " + agg);
            Aggregator.run(real, agg, config, progress);
        });
    }

    /**
     * Whether {@code synth} holds the release of these parameters computed from this AGG, which its private
     * provenance (beside the ledger) records; the public manifest holds no input hashes.
     */
    public boolean released(String method, ReleaseRequest request, Long seed, Path agg, Path real, Path synth) {
        JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
        JsonNode provenance = m == null ? null : ReleaseProvenance.read(real, m.path("run_id").asText());
        return provenance != null && m.path("parameter_hash").asText().equals(ReleaseRunner.parameterHash(method, request, config, seed))
                && Manifests.json().valueToTree(ReleaseProvenance.inputHashes(agg)).equals(provenance.path("input_hashes"));
    }

    /** Releases {@code agg} with {@code method} into {@code synth} unless that very release is there already. */
    public void release(String method, ReleaseRequest request, Long seed, Path agg, Path real, Path synth) {
        timed("synthesize", () -> {
            if (released(method, request, seed, agg, real, synth)) {
                progress.step("synthesize: same inputs and parameters as the last release, kept " + synth + " (no new charge)");
                return;
            }
            JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
            progress.step(String.format("synthesize-%s: epsilon %s, delta %s -> %s", method, request.epsilon(), request.delta(), synth));
            if (m != null) {
                // the engine owns its working folder: a changed parameter means a new release, and it says which one it replaces
                progress.warn("replacing the earlier release " + m.path("run_id").asText() + " in " + synth + " (its charge stays in the ledger)");
            }
            ReleaseRunner.release(Synthesizers.get(method), config, request, new ReleaseRunner.Paths(agg, real, synth, true), seed,
                    RandomSource.of(seed), progress);
        });
    }

    /**
     * Answers the suite on {@code tables} into {@code answers}, unless the answers there were computed from the
     * tables' current manifest ({@code answers/source-manifest.json}, which Benchmark writes with the answers).
     */
    public void benchmark(String stage, Path tables, Path answers, java.util.List<QuerySpec> suite) {
        timed(stage, () -> {
            JsonNode source = Manifests.readIfPresent(tables.resolve("manifest.json"));
            Path mark = answers.resolve("source-manifest.json");
            if (source != null && source.equals(Manifests.readIfPresent(mark))) {
                progress.step(stage + ": unchanged, kept " + answers);
                return;
            }
            progress.step(stage + ": answering the suite on " + tables);
            // Benchmark keeps the tables' manifest beside the answers (source-manifest.json): the mark checked above
            Benchmark.run(tables, answers, suite, new Benchmark.Options(false, 0, null), Progress.NONE);
        });
    }

    /**
     * The half-split noise floor: the suite on each half of the real devices (a hash of guid), into
     * {@code dir/half-1} and {@code dir/half-2}, kept while the real tables are unchanged.
     */
    public Path[] noiseFloor(Path real, Path dir, java.util.List<QuerySpec> suite) {
        return timed("noise floor", () -> {
            Path[] halves = {dir.resolve("half-1"), dir.resolve("half-2")};
            JsonNode source = Manifests.readIfPresent(real.resolve("manifest.json"));
            Path mark = dir.resolve("source-manifest.json");
            if (source != null && source.equals(Manifests.readIfPresent(mark))) {
                progress.step("noise floor: unchanged, kept " + dir);
                return halves;
            }
            Benchmark.Options options = new Benchmark.Options(true, 0, null);
            for (int h = 0; h < 2; h++) {
                progress.step("noise floor: running the suite on half " + (h + 1) + " of the devices of " + real);
                Benchmark.run(real, halves[h], suite, options.half(h), Progress.NONE);
            }
            if (source != null) {
                writeJson(mark, source);
            }
            return halves;
        });
    }

    /**
     * The noise floor of the cross-table measure: an independent simulated fleet of the same size and story
     * ({@code dir}, seed + 1, or a fresh seed), kept while its size and seed stay the same.
     */
    public Path floorFleet(Path dir, int devices, int days, Long seed) {
        return timed("floor fleet", () -> {
            JsonNode m = Manifests.readIfPresent(dir.resolve("manifest.json"));
            if (m != null && m.path("devices").asInt() == devices && m.path("days").asInt() == days && (seed == null || m.path("seed").asLong() == seed + 1)) {
                return dir;
            }
            progress.step(String.format("simulate: an independent fleet of %,d devices for the noise floor -> %s", devices, dir));
            FleetSimulator.simulate(dir, new SimulationOptions(devices, days, seed != null ? seed + 1 : RandomSource.secure().nextLong(),
                    SimulationOptions.Profile.fleet, SimulationOptions.DEFAULT_START), Progress.NONE);
            return dir;
        });
    }

    /** Runs {@code work} as the stage {@code name}, recording its cost. */
    public <T> T timed(String name, Supplier<T> work) {
        StageCost.Measured<T> m = StageCost.measure(work);
        costs.merge(name, m.cost(), (a, b) -> new StageCost(a.wallSeconds() + b.wallSeconds(), a.cpuSeconds() + b.cpuSeconds(),
                Math.max(a.peakRssBytes(), b.peakRssBytes())));
        return m.value();
    }

    public void timed(String name, Runnable work) {
        timed(name, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Writes the costs of the stages run so far to the private sidecar beside the ledger of {@code real}
     * ({@code .telesynth/costs/<name>.json}): wall time can depend on private counts, so it never goes public.
     */
    public void writeCosts(Path real, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        costs.forEach((stage, c) -> m.put(stage, c.json()));
        writeJson(real.resolve(".telesynth").resolve("costs").resolve(name + ".json"), Manifests.json().valueToTree(m));
    }

    private static void writeJson(Path file, JsonNode value) {
        Manifests.writeAtomically(file, value);
    }
}
