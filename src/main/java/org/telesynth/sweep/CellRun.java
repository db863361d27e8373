package org.telesynth.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.telesynth.Progress;
import org.telesynth.StageCost;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.fidelity.CrossTableFidelity;
import org.telesynth.fidelity.FidelityReport;
import org.telesynth.io.Manifests;
import org.telesynth.pipeline.Stages;
import org.telesynth.report.CompareStage;
import org.telesynth.report.Comparison;
import org.telesynth.report.QueryScore;
import org.telesynth.synth.ReleaseRequest;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One cell of a sweep, in its own JVM ({@code telesynth sweep-cell}): the release (through the shared stage engine,
 * so a cell already released from the same AGG is kept and never re-charged), its answers, the comparison with
 * the sweep's half-split noise floor, the cross-table fidelity and the relations; then its result row, written
 * last and atomically to {@code cells/<id>/result.json}, which is what marks the cell done.
 */
public final class CellRun {
    private CellRun() {
    }

    /** The file that marks a cell done. */
    static Path resultFile(SweepLayout layout, SweepCell cell) {
        return layout.cell(cell).resolve("result.json");
    }

    public static Map<String, Object> run(SweepLayout layout, SweepCell cell, Progress progress) {
        long wall0 = System.nanoTime();
        long cpu0 = StageCost.processCpuNanos();
        JsonNode settings = Manifests.readIfPresent(layout.settings());
        if (settings == null) {
            throw new IllegalStateException("no sweep settings " + layout.settings() + ": run telesynth sweep");
        }
        Path real = Path.of(settings.path("real").asText());
        String configFile = settings.path("config").asText(null);
        SweepMethod method = SweepMethod.of(cell.method());
        ReleaseConfig config = method.config(configFile == null ? null : Path.of(configFile));
        double delta = settings.path("delta").asDouble();
        Stages stages = new Stages(config, progress);
        Path dir = layout.cell(cell);
        Path synth = dir.resolve("synth");
        ReleaseRequest request = new ReleaseRequest(cell.epsilon(), delta);
        stages.release(method.method(), request, cell.seed(), layout.agg(), real, synth);
        List<QuerySpec> suite = QuerySuite.forTables(real);
        Path answers = dir.resolve("answers");
        stages.benchmark("benchmark", synth, answers, suite);
        Path[] halves = {layout.halves().resolve("half-1"), layout.halves().resolve("half-2")};
        record Compared(Comparison comparison, CrossTableFidelity.Result fidelity) {
        }
        Compared compared = stages.timed("compare", () -> {
            CrossTableFidelity.Result fidelity = CrossTableFidelity.measure(real, synth, config);
            return new Compared(CompareStage.run(layout.realAnswers(), answers, dir.resolve("report"), suite, real, halves,
                    new FidelityReport(fidelity, null), progress), fidelity);
        });
        Relations.Held held = stages.timed("relations", () -> Relations.check(synth));
        JsonNode manifest = Manifests.readIfPresent(synth.resolve("manifest.json"));
        Comparison c = compared.comparison();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", cell.method());
        row.put("epsilon", cell.epsilon());
        row.put("delta", delta);
        row.put("seed", cell.seed());
        row.put("run_id", manifest.path("run_id").asText());
        row.put("queries", c.queries().size());
        row.put("passed", (int) c.passed());
        row.put("peer_queries", (int) c.queries().stream().filter(QueryScore::peerScored).count());
        row.put("peer_passed", (int) c.queries().stream().filter(q -> q.peerScored() && q.passed()).count());
        row.put("mean_score", c.meanScore());
        row.put("median_normalized_error", c.medianNormalizedError());
        row.put("within_10", c.within(0.1));
        row.put("within_25", c.within(0.25));
        row.put("within_50", c.within(0.5));
        row.put("fidelity_mean_tvd", compared.fidelity().mean());
        row.put("fidelity_floor_mean_tvd", settings.path("fidelity_floor_mean_tvd").isNumber() ? settings.path("fidelity_floor_mean_tvd").asDouble() : null);
        row.put("relations_held", held.count());
        row.put("relations_checked", held.relations().size());
        row.put("structural_zero_percent", held.structuralZeroPercent());
        row.put("epsilon_spent", manifest.at("/privacy/epsilon").asDouble());
        row.put("delta_spent", manifest.at("/privacy/delta").asDouble());
        long rows = 0;
        for (Iterator<JsonNode> it = manifest.path("synthetic_rows").elements(); it.hasNext(); ) {
            rows += it.next().asLong();
        }
        row.put("rows_written", rows);
        row.put("synthesize_seconds", seconds(stages, "synthesize"));
        row.put("benchmark_seconds", seconds(stages, "benchmark"));
        row.put("compare_seconds", seconds(stages, "compare") + seconds(stages, "relations"));
        row.put("cell_seconds", (System.nanoTime() - wall0) / 1e9);
        row.put("cpu_seconds", (StageCost.processCpuNanos() - cpu0) / 1e9);
        row.put("peak_rss_bytes", StageCost.peakRss());
        row.put("passed_queries", c.queries().stream().filter(QueryScore::passed).map(QueryScore::name).sorted().collect(Collectors.joining(";")));
        row.put("relations", held.relations().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.joining(";")));
        stages.writeCosts(real, "sweep-" + cell.id());
        Manifests.writeAtomically(resultFile(layout, cell), SweepResults.checked(row));
        return row;
    }

    private static double seconds(Stages stages, String stage) {
        return stages.costs().containsKey(stage) ? stages.costs().get(stage).wallSeconds() : 0;
    }

    /** A finished cell's row, or null when the cell has not finished. */
    static Map<String, Object> read(SweepLayout layout, SweepCell cell) {
        JsonNode n = Manifests.readIfPresent(resultFile(layout, cell));
        if (n == null) {
            return null;
        }
        Map<String, Object> row = Manifests.json().convertValue(n, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return row.keySet().equals(SweepResults.COLUMNS.keySet()) && Objects.equals(row.get("method"), cell.method()) ? row : null;
    }

}
