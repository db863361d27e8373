package org.telesynth.report;

import org.telesynth.Progress;
import org.telesynth.fidelity.FidelityReport;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.io.Manifests;
import org.telesynth.io.StagedOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code compare} stage: scores synthetic answers against real ones and writes report.json, report.md and
 * report.html into {@code out}, atomically. With a noise floor, the real tables are split into two halves of the
 * devices (a hash of guid), the suite runs on each, and every metric is also given as a multiple of the
 * half-vs-half error.
 */
public final class CompareStage {
    private CompareStage() {
    }

    /** As below, without the cross-table fidelity section. */
    public static Comparison run(Path real, Path synth, Path out, List<QuerySpec> suite, Path noiseFloorTables, Progress progress) {
        return run(real, synth, out, suite, noiseFloorTables, null, progress);
    }

    /**
     * @param noiseFloorTables the real tables to split for the noise floor, or null
     * @param fidelity         the cross-table fidelity of the release's tables (with its floor), or null
     */
    public static Comparison run(Path real, Path synth, Path out, List<QuerySpec> suite, Path noiseFloorTables, FidelityReport fidelity,
                                 Progress progress) {
        try (StagedOutput staged = new StagedOutput(out)) {
            Path[] halves = null;
            if (noiseFloorTables != null) {
                halves = new Path[]{staged.scratch("half-1"), staged.scratch("half-2")};
                Benchmark.Options options = new Benchmark.Options(true, 0, null);
                for (int h = 0; h < 2; h++) {
                    progress.step("noise floor: running the suite on half " + (h + 1) + " of the devices of " + noiseFloorTables);
                    Benchmark.run(noiseFloorTables, halves[h], suite, options.half(h), Progress.NONE);
                }
            }
            return write(staged, real, synth, suite, noiseFloorTables, halves, fidelity, Extras.of(real, synth), progress);
        }
    }

    /**
     * As above with the half-split answers already computed ({@code halves}, from {@code noiseFloorTables}): what
     * a sweep does, answering the halves once for all its cells.
     */
    public static Comparison run(Path real, Path synth, Path out, List<QuerySpec> suite, Path noiseFloorTables, Path[] halves,
                                 FidelityReport fidelity, Progress progress) {
        return run(real, synth, out, suite, noiseFloorTables, halves, fidelity, Extras.of(real, synth), progress);
    }

    /**
     * What a report shows beyond the scores: the release's privacy facts, the fidelity-at-a-glance scores, and
     * whether a shareable version is written too ({@code OUT/shareable.html}, {@code shareable.md}).
     */
    public record Extras(ReportContext context, QualityScore quality, boolean shareable) {
        /** The context read from the manifests benchmark keeps beside the answers; no quality score. */
        public static Extras of(Path realAnswers, Path synthAnswers) {
            return new Extras(ReportContext.of(realAnswers, synthAnswers, null, null), null, false);
        }
    }

    /** As above, with {@code extras}; {@code halves} may be null (then no noise floor). */
    public static Comparison run(Path real, Path synth, Path out, List<QuerySpec> suite, Path noiseFloorTables, Path[] halves,
                                 FidelityReport fidelity, Extras extras, Progress progress) {
        try (StagedOutput staged = new StagedOutput(out)) {
            if (halves == null && noiseFloorTables != null) {
                halves = new Path[]{staged.scratch("half-1"), staged.scratch("half-2")};
                Benchmark.Options options = new Benchmark.Options(true, 0, null);
                for (int h = 0; h < 2; h++) {
                    progress.step("noise floor: running the suite on half " + (h + 1) + " of the devices of " + noiseFloorTables);
                    Benchmark.run(noiseFloorTables, halves[h], suite, options.half(h), Progress.NONE);
                }
            }
            return write(staged, real, synth, suite, noiseFloorTables, halves, fidelity, extras, progress);
        }
    }

    private static Comparison write(StagedOutput staged, Path real, Path synth, List<QuerySpec> suite, Path noiseFloorTables, Path[] halves,
                                    FidelityReport fidelity, Extras extras, Progress progress) {
        ReportContext x = extras.context();
        progress.step("scoring " + synth + " against " + real);
        Comparison c = Comparison.run(real, synth, suite, halves);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("real", real.toAbsolutePath().normalize().toString());
        inputs.put("synth", synth.toAbsolutePath().normalize().toString());
        inputs.put("noise_floor", noiseFloorTables == null ? null : noiseFloorTables.toAbsolutePath().normalize().toString());
        Map<String, Object> json = ReportJson.of(c, inputs);
        if (fidelity != null) {
            json.put("cross_table_fidelity", fidelity.json());
        }
        json.put("internal", "contains real data: exact real statistics, small groups and real names; not for sharing");
        json.put("privacy", privacyJson(x));
        json.put("verdict", Map.of("headline", UtilityVerdict.headline(c), "queries", UtilityVerdict.sentences(c, suite, x)));
        json.put("quality", extras.quality() == null ? null : extras.quality().json());
        Manifests.write(staged.file("report.json"), json);
        String title = "telesynth report: " + synth.getFileName() + " vs " + real.getFileName();
        write(staged.file("report.md"), ReportMarkdown.of(c, title, x, extras.quality(), suite) + (fidelity == null ? "" : FidelitySection.markdown(fidelity)));
        progress.step("drawing report.html");
        String html = ReportHtml.of(c, suite, real, synth, title, x, extras.quality());
        if (extras.shareable()) {
            write(staged.file("shareable.html"), ShareableReport.html(suite, synth, title, x));
            write(staged.file("shareable.md"), ShareableReport.markdown(suite, title, x));
        }
        if (fidelity != null) {
            // after the summary cards, before the per-query sections
            html = html.replaceFirst("<h2>Score per query</h2>", java.util.regex.Matcher.quoteReplacement(FidelitySection.html(fidelity)) + "<h2>Score per query</h2>");
        }
        write(staged.file("report.html"), html);
        staged.commit();
        return c;
    }

    /** The release's public facts for report.json (the same as the page's privacy section). */
    private static Map<String, Object> privacyJson(ReportContext x) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String[] r : PrivacySection.facts(x, false)) {
            m.put(r[0].replace(' ', '_'), r[1]);
        }
        m.put("seeded", x.seeded());
        m.put("simulated_data", x.simulated());
        return m;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
