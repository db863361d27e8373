package org.telesynth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.audit.Audit;
import org.telesynth.audit.AuditReport;
import org.telesynth.audit.AuditResult;
import org.telesynth.agg.Aggregator;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.Manifests;
import org.telesynth.privacy.RandomSource;
import org.telesynth.report.CompareStage;
import org.telesynth.report.Comparison;
import org.telesynth.sim.FleetSimulator;
import org.telesynth.sim.SimulationOptions;
import org.telesynth.synth.ReleaseRunner;
import org.telesynth.synth.ReleaseProvenance;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.BadInputException;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.fidelity.FidelityReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole chain behind {@code run}, laid out under one working directory: raw (simulated) -> real (loaded) ->
 * agg -> synth/&lt;method&gt; -> answers/{real,&lt;method&gt;} -> reports/&lt;method&gt;. A stage whose inputs and
 * parameters are unchanged since its last run (as its manifest records them) is skipped; in particular a release
 * is never re-charged for the same inputs and parameters.
 *
 * @param out        working directory
 * @param in         tables to load instead of simulating, or null
 * @param devices    simulated devices
 * @param days       simulated days
 * @param seed       seed of simulation and release, or null (fresh simulation seed, secure release)
 * @param epsilon    total epsilon of the release
 * @param delta      total delta
 * @param configFile configuration, or null for the built-in one
 * @param method     the release method (a name of {@link Synthesizers#tableMethods()})
 */
public record Pipeline(Path out, Path in, int devices, int days, Long seed, double epsilon, double delta, Path configFile, String method,
                       Double holdoutShare, boolean gates) {
    public Pipeline {
        if (!Synthesizers.tableMethods().contains(method)) {
            throw new BadInputException("--method must be one of " + String.join(", ", Synthesizers.tableMethods()) + ", not " + method);
        }
        // checked before any stage runs, so a bad budget leaves nothing behind
        new ReleaseRequest(epsilon, delta);
        if (devices < 1 || days < 1) {
            throw new BadInputException("--devices and --days must be at least 1");
        }
        if (holdoutShare != null) {
            FleetLoader.Holdout.checkShare(holdoutShare); // before any stage runs
        }
    }

    /** What the run measured, for the headline table. */
    public record Headline(String method, double epsilon, double delta, Comparison comparison, FidelityReport fidelity,
                           Map<String, Double> stageSeconds, AuditResult audit) {
    }

    public Headline run(Progress progress) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        ReleaseConfig config = ReleaseConfig.load(configFile);
        Path raw = in != null ? in : out.resolve("raw");
        if (in == null) {
            timed(seconds, "simulate", () -> {
                JsonNode m = Manifests.readIfPresent(raw.resolve("manifest.json"));
                if (m != null && m.path("devices").asInt() == devices && m.path("days").asInt() == days
                        && (seed == null || m.path("seed").asLong() == seed)) {
                    progress.step("simulate: unchanged, kept " + raw);
                    return;
                }
                long s = seed != null ? seed : RandomSource.secure().nextLong();
                progress.step(String.format("simulate: %,d devices, %d days -> %s", devices, days, raw));
                FleetSimulator.simulate(raw, new SimulationOptions(devices, days, s, SimulationOptions.Profile.fleet,
                        SimulationOptions.DEFAULT_START), progress);
            });
        }
        Path real = out.resolve("real");
        timed(seconds, "load", () -> {
            JsonNode m = Manifests.readIfPresent(real.resolve("manifest.json"));
            JsonNode source = Manifests.readIfPresent(raw.resolve("manifest.json"));
            double share = holdoutShare == null ? 0 : holdoutShare;
            if (m != null && source != null && Objects.equals(m.path("source_manifest"), source)
                    && m.path("holdout").path("share").asDouble(0) == share) {
                progress.step("load: unchanged, kept " + real);
                return;
            }
            progress.step("load: " + raw + " -> " + real + (holdoutShare == null ? "" : ", holding " + share + " of the devices out in " + holdout()));
            FleetLoader.load(raw, real, false, config, holdoutShare == null ? null : new FleetLoader.Holdout(share, holdout()), progress);
        });
        Path agg = out.resolve("agg");
        timed(seconds, "aggregate", () -> {
            JsonNode m = Manifests.readIfPresent(agg.resolve("manifest.json"));
            JsonNode source = Manifests.readIfPresent(real.resolve("manifest.json"));
            if (m != null && m.path("config_hash").asText().equals(config.hash()) && Objects.equals(m.path("input_manifest"), source)) {
                progress.step("aggregate: unchanged, kept " + agg);
                return;
            }
            progress.step("aggregate: " + real + " -> " + agg);
            Aggregator.run(real, agg, config, progress);
        });
        Path synth = out.resolve("synth").resolve(method);
        timed(seconds, "synthesize", () -> synthesize(config, agg, real, synth, progress));
        List<QuerySpec> suite = QuerySuite.embedded();
        Path realAnswers = out.resolve("answers").resolve("real");
        Path synthAnswers = out.resolve("answers").resolve(method);
        timed(seconds, "benchmark", () -> {
            progress.step("benchmark: real and synthetic answers");
            Benchmark.run(real, realAnswers, suite, new Benchmark.Options(false, 0, null), Progress.NONE);
            Benchmark.run(synth, synthAnswers, suite, new Benchmark.Options(false, 0, null), Progress.NONE);
        });
        Path floor = in == null ? floorFleet(progress) : null;
        Comparison[] comparison = new Comparison[1];
        FidelityReport[] fidelities = new FidelityReport[1];
        timed(seconds, "compare", () -> {
            progress.step("cross-table fidelity of " + synth + (floor == null ? "" : ", and of an independent fleet (its noise floor)"));
            FidelityReport fidelity = new FidelityReport(CrossTableFidelity.measure(real, synth, config),
                    floor == null ? null : CrossTableFidelity.measure(real, floor, config));
            fidelities[0] = fidelity;
            comparison[0] = CompareStage.run(realAnswers, synthAnswers, out.resolve("reports").resolve(method), suite, real, fidelity, progress);
        });
        JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
        AuditResult[] audit = new AuditResult[1];
        if (gates) {
            timed(seconds, "audit", () -> audit[0] = audit(real, synth, m.path("run_id").asText(), config, progress));
        }
        return new Headline(method, m.at("/privacy/epsilon").asDouble(), m.at("/privacy/delta").asDouble(), comparison[0], fidelities[0], seconds,
                audit[0]);
    }

    private Path holdout() {
        return out.resolve("holdout");
    }

    /**
     * The quality gates on the release (full tier with a holdout, standard without), into {@code audit/<method>/}.
     * The verdict reads real data, so it goes to the release's private provenance, never into its public manifest:
     * a verdict there would be a statistic of the real data that no mechanism paid for.
     */
    private AuditResult audit(Path real, Path synth, String runId, ReleaseConfig config, Progress progress) {
        Path held = holdoutShare == null ? null : holdout();
        Audit.Tier tier = held == null ? Audit.Tier.standard : Audit.Tier.full;
        progress.step("audit (" + tier + " tier): " + synth);
        AuditResult r = Audit.run(real, synth, held, tier, config, progress);
        Path dir = out.resolve("audit").resolve(method);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("real", real.toString());
        inputs.put("synth", synth.toString());
        inputs.put("holdout", held == null ? null : held.toString());
        inputs.put("config", config.source());
        AuditReport.write(dir, r, inputs);
        ReleaseProvenance.markAudit(real, runId, r.verdict().name(), dir);
        return r;
    }

    /**
     * Releases unless the last release in {@code synth} had the same parameters and was computed from the same AGG,
     * which its private provenance (beside the ledger) records; the public manifest holds no input hashes.
     */
    private void synthesize(ReleaseConfig config, Path agg, Path real, Path synth, Progress progress) {
        ReleaseRequest request = new ReleaseRequest(epsilon, delta);
        JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
        JsonNode provenance = m == null ? null : ReleaseProvenance.read(real, m.path("run_id").asText());
        if (m != null && provenance != null
                && m.path("parameter_hash").asText().equals(ReleaseRunner.parameterHash(method, request, config, seed))
                && Manifests.json().valueToTree(ReleaseProvenance.inputHashes(agg)).equals(provenance.path("input_hashes"))) {
            progress.step("synthesize: same inputs and parameters as the last release, kept " + synth + " (no new charge)");
            return;
        }
        progress.step(String.format("synthesize-%s: epsilon %s, delta %s -> %s", method, epsilon, delta, synth));
        if (m != null) {
            // run owns its working folder: a changed parameter means a new release, and it says which one it replaces
            progress.warn("replacing the earlier release " + m.path("run_id").asText() + " in " + synth + " (its charge stays in the ledger)");
        }
        ReleaseRunner.release(Synthesizers.get(method), config, request, new ReleaseRunner.Paths(agg, real, synth, true), seed,
                RandomSource.of(seed), progress);
    }

    /**
     * The noise floor of the cross-table measure: an independent simulated fleet of the same size and story
     * ({@code raw-floor/}, its own seed), kept while its size and seed stay the same.
     */
    private Path floorFleet(Progress progress) {
        Path dir = out.resolve("raw-floor");
        JsonNode m = Manifests.readIfPresent(dir.resolve("manifest.json"));
        if (m != null && m.path("devices").asInt() == devices && m.path("days").asInt() == days && (seed == null || m.path("seed").asLong() == seed + 1)) {
            return dir;
        }
        progress.step(String.format("simulate: an independent fleet of %,d devices for the noise floor -> %s", devices, dir));
        FleetSimulator.simulate(dir, new SimulationOptions(devices, days, seed != null ? seed + 1 : RandomSource.secure().nextLong(),
                SimulationOptions.Profile.fleet, SimulationOptions.DEFAULT_START), Progress.NONE);
        return dir;
    }

    private static void timed(Map<String, Double> seconds, String stage, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        seconds.put(stage, (System.nanoTime() - t0) / 1e9);
    }
}
