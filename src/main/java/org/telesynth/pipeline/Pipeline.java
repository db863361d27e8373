package org.telesynth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.audit.Audit;
import org.telesynth.audit.AuditReport;
import org.telesynth.audit.AuditResult;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.Manifests;
import org.telesynth.report.CompareStage;
import org.telesynth.report.Comparison;
import org.telesynth.synth.ReleaseProvenance;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.BadInputException;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.fidelity.FidelityReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param events     simulate the raw event tables too (their summaries are released and the event questions run)
 * @param seed       seed of simulation and release, or null (fresh simulation seed, secure release)
 * @param epsilon    total epsilon of the release
 * @param delta      total delta
 * @param configFile configuration, or null for the built-in one
 * @param method     the release method (a name of {@link Synthesizers#tableMethods()})
 */
public record Pipeline(Path out, Path in, int devices, int days, boolean events, Long seed, double epsilon, double delta, Path configFile, String method,
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
                           Map<String, Double> stageSeconds, AuditResult audit, boolean simulated, boolean seeded, String runId,
                           org.telesynth.ledger.Ledger.State ledger, boolean studyLedger) {
    }

    public Headline run(Progress progress) {
        ReleaseConfig config = ReleaseConfig.load(configFile);
        Stages stages = new Stages(config, progress);
        Path raw = in != null ? in : out.resolve("raw");
        if (in == null) {
            stages.simulate(raw, devices, days, seed, events);
        }
        Path real = out.resolve("real");
        stages.load(raw, real, holdoutShare, holdout());
        if (org.telesynth.io.Dataset.isSimulated(real)) {
            studyLedger(real, progress);
        }
        Path agg = out.resolve("agg");
        stages.aggregate(real, agg);
        Path synth = out.resolve("synth").resolve(method);
        stages.release(method, new ReleaseRequest(epsilon, delta), seed, agg, real, synth);
        List<QuerySpec> suite = QuerySuite.forTables(real);
        Path realAnswers = out.resolve("answers").resolve("real");
        Path synthAnswers = out.resolve("answers").resolve(method);
        stages.benchmark("benchmark real", real, realAnswers, suite);
        stages.benchmark("benchmark", synth, synthAnswers, suite);
        Path[] halves = stages.noiseFloor(real, out.resolve("answers").resolve("halves"), suite);
        Path floor = in == null ? stages.floorFleet(out.resolve("raw-floor"), devices, days, seed) : null;
        JsonNode m = Manifests.readIfPresent(synth.resolve("manifest.json"));
        AuditResult audit = gates ? stages.timed("audit", () -> audit(real, synth, m.path("run_id").asText(), config, progress)) : null;
        Path reports = out.resolve("reports").resolve(method);
        Compared compared = stages.timed("compare", () -> compare(real, synth, floor, realAnswers, synthAnswers, halves, reports, suite,
                config, progress));
        stages.writeCosts(real, "run-" + method);
        Map<String, Double> seconds = new LinkedHashMap<>();
        stages.costs().forEach((stage, c) -> seconds.put(stage, c.wallSeconds()));
        return new Headline(method, m.at("/privacy/epsilon").asDouble(), m.at("/privacy/delta").asDouble(), compared.comparison(), compared.fidelity(), seconds, audit,
                org.telesynth.io.Dataset.isSimulated(real), m.path("seed").isNumber(), m.path("run_id").asText(),
                org.telesynth.ledger.Ledger.of(real).read(), org.telesynth.ledger.Ledger.of(real).isStudy());
    }

    private record Compared(Comparison comparison, FidelityReport fidelity) {
    }

    /**
     * Scores the release and writes its reports, unless the reports there were made from the same real, synthetic
     * and floor tables with the same configuration and code (their manifests, recorded in
     * {@code compare-inputs.json}): then the cross-table measure is read back and only the cheap scoring is redone
     * in memory for the headline.
     */
    private static Compared compare(Path real, Path synth, Path floor, Path realAnswers, Path synthAnswers, Path[] halves, Path reports,
                                    List<QuerySpec> suite, ReleaseConfig config, Progress progress) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("real", Manifests.readIfPresent(real.resolve("manifest.json")));
        inputs.put("synth", Manifests.readIfPresent(synth.resolve("manifest.json")));
        inputs.put("floor", floor == null ? null : Manifests.readIfPresent(floor.resolve("manifest.json")));
        inputs.put("config_hash", config.hash());
        inputs.put("code", org.telesynth.io.BuildInfo.describe());
        // an audit since the last report changes its privacy section (the verdict and its link)
        JsonNode release = Manifests.readIfPresent(synth.resolve("manifest.json"));
        JsonNode provenance = release == null ? null : ReleaseProvenance.read(real, release.path("run_id").asText(""));
        inputs.put("audit", provenance == null ? null : provenance.path("audit"));
        JsonNode key = Manifests.json().valueToTree(inputs);
        Path mark = reports.resolve("compare-inputs.json");
        Path cached = reports.resolve("cross-table-fidelity.json");
        if (key.equals(Manifests.readIfPresent(mark)) && java.nio.file.Files.exists(cached)) {
            progress.step("compare: unchanged, kept " + reports);
            try {
                FidelityReport fidelity = Manifests.json().treeToValue(Manifests.readIfPresent(cached), FidelityReport.class);
                return new Compared(Comparison.run(realAnswers, synthAnswers, suite, halves), fidelity);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                progress.warn("compare: cannot read " + cached + " back (" + e.getMessage() + "), comparing again");
            }
        }
        progress.step("cross-table fidelity of " + synth + (floor == null ? "" : ", and of an independent fleet (its noise floor)"));
        FidelityReport fidelity = new FidelityReport(CrossTableFidelity.measure(real, synth, config),
                floor == null ? null : CrossTableFidelity.measure(real, floor, config));
        progress.step("column shapes and pair trends of " + synth);
        org.telesynth.report.QualityScore quality = org.telesynth.report.QualityScore.of(
                org.telesynth.audit.ShapesAndTrends.measure(real, synth, config.audit().sampleRows()), fidelity);
        CompareStage.Extras extras = new CompareStage.Extras(org.telesynth.report.ReportContext.of(realAnswers, synthAnswers, real, synth), quality, false);
        Comparison c = CompareStage.run(realAnswers, synthAnswers, reports, suite, real, halves, fidelity, extras, progress);
        // the reports are private (real statistics), and so are these two files beside them
        Manifests.writeAtomically(cached, fidelity);
        Manifests.writeAtomically(mark, key);
        return new Compared(c, fidelity);
    }

    /**
     * The embedded simulator's fleet is public (made from public facts only), so its dataset gets a study ledger: a
     * second {@code run} at another epsilon is recorded, not refused. A release on it is still not for sharing:
     * the fleet stands in for real data.
     */
    private static void studyLedger(Path real, Progress progress) {
        org.telesynth.ledger.Ledger ledger = org.telesynth.ledger.Ledger.of(real);
        if (!ledger.isStudy()) {
            ledger.markStudy("run", "a simulated (public) fleet: charges are recorded, never refused; nothing released on it is for sharing");
            progress.step("study ledger " + ledger.location() + ": the fleet is simulated (public), so releases on it are recorded, never refused");
        }
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

}
