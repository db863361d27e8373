package org.telesynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.bench.Benchmark;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.io.Manifests;
import org.telesynth.sim.SimulatedFleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare on answers of a simulated fleet: itself, a known perturbation, and missing or empty answers. */
class CompareTest {
    private static final List<QuerySpec> SUITE = QuerySuite.load(Path.of("queries"));
    private static Path answers;

    @BeforeAll
    static void answers(@TempDir Path tmp) {
        answers = tmp.resolve("answers");
        Benchmark.run(SimulatedFleet.of(20_000, 3), answers, SUITE, new Benchmark.Options(false, 0, null), Progress.NONE);
    }

    @Test
    void compare_answersWithThemselves_zeroErrorFullCoverageAllPass(@TempDir Path tmp) throws IOException {
        Comparison c = CompareStage.run(answers, answers, tmp.resolve("report"), SUITE, null, Progress.NONE);
        assertEquals(24, c.queries().size());
        assertEquals(24, c.passed());
        assertEquals(1.0, c.meanScore(), 1e-12);
        assertEquals(1.0, c.within(0.10), 1e-12);
        for (QueryScore q : c.queries()) {
            assertEquals(1.0, q.coverage(), 1e-12, q.name());
            assertEquals(0, q.spuriousGroups(), q.name());
            for (ColumnError col : q.columns()) {
                if (Arrays.stream(AnswerTable.read(answers.resolve(q.name() + ".csv")).numbers(col.column())).anyMatch(v -> v == 0)) {
                    continue; // 0 x 1.3 = 0: no error there
                }
                assertTrue(col.matched() == 0 || col.medianRelError() == 0, q.name() + " " + col.column());
            }
        }
        JsonNode report = Manifests.json().readTree(tmp.resolve("report/report.json").toFile());
        assertEquals(24, report.at("/summary/passed").asInt());
        assertTrue(report.at("/summary/median_normalized_error").isNull());
        assertEquals(24, report.get("queries").size());
        assertTrue(Files.readString(tmp.resolve("report/report.html")).contains("data:image/png;base64,"));
        assertTrue(Files.readString(tmp.resolve("report/report.md")).contains("24 of 24"));
    }

    @Test
    void compare_everyMetricTimes1point3_relativeErrorPoint3_aggQueriesFail(@TempDir Path tmp) throws IOException {
        Path scaled = Files.createDirectories(tmp.resolve("scaled"));
        for (QuerySpec q : SUITE) {
            Files.writeString(scaled.resolve(q.name() + ".csv"), scaleColumns(Files.readString(answers.resolve(q.name() + ".csv")),
                    q.kind().equals("agg") ? q.metrics() : List.of(), 1.3));
        }
        Comparison c = Comparison.run(answers, scaled, SUITE, null);
        for (QueryScore q : c.queries()) {
            if (!q.kind().equals("agg") || q.realGroups() == 0) {
                continue;
            }
            for (MetricScore m : q.metrics()) {
                boolean realZeros = m.type().equals("median_relative_error")
                        && Arrays.stream(AnswerTable.read(answers.resolve(q.name() + ".csv")).numbers(m.column())).anyMatch(v -> v == 0);
                if (m.type().equals("median_relative_error") && !m.detail().equals("no real values") && !realZeros) {
                    assertEquals(0.3, m.value(), 1e-6, q.name() + " " + m.column());
                    assertFalse(m.passed());
                }
            }
            for (ColumnError col : q.columns()) {
                if (Arrays.stream(AnswerTable.read(answers.resolve(q.name() + ".csv")).numbers(col.column())).anyMatch(v -> v == 0)) {
                    continue; // 0 x 1.3 = 0: no error there
                }
                assertTrue(col.matched() == 0 || Math.abs(col.medianRelError() - 0.3) < 1e-6, q.name() + " " + col.column());
                assertTrue(Double.isNaN(col.realMean()) || Math.abs(col.meanRelError() - 0.3) < 1e-6, q.name() + " " + col.column());
            }
            assertEquals(1.0, q.metrics().get(0).value(), 1e-12, "group coverage unchanged");
            assertFalse(q.passed() && q.metrics().size() > 2, q.name() + ": at most its coverage and zero-valued metrics pass");
        }
    }

    @Test
    void compare_emptyAndMissingSyntheticAnswers_scoredAsWorst(@TempDir Path tmp) throws IOException {
        Path synth = Files.createDirectories(tmp.resolve("synth"));
        String name = "display_devices_vendors_percentage";
        for (QuerySpec q : SUITE) {
            Files.copy(answers.resolve(q.name() + ".csv"), synth.resolve(q.name() + ".csv"));
        }
        String header = Files.readAllLines(answers.resolve(name + ".csv")).get(0);
        Files.writeString(synth.resolve(name + ".csv"), header + "\n");
        Files.delete(synth.resolve("ram_utilization_histogram.csv"));
        Files.writeString(synth.resolve("extra_query.csv"), "a\n1\n");
        Comparison c = Comparison.run(answers, synth, SUITE, null);
        QueryScore empty = c.queries().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        assertEquals("empty_synth", empty.status());
        assertEquals(0.0, empty.score());
        assertEquals(0.0, empty.coverage());
        QueryScore missing = c.queries().stream().filter(q -> q.name().equals("ram_utilization_histogram")).findFirst().orElseThrow();
        assertEquals("missing_synth", missing.status());
        assertEquals(0.0, missing.score());
        assertEquals(List.of("ram_utilization_histogram"), c.onlyInReal());
        assertEquals(List.of("extra_query"), c.onlyInSynth());
        assertEquals(24, c.queries().size());
    }

    @Test
    void compare_withNoiseFloor_normalisesByTheHalfSplitError(@TempDir Path tmp) {
        Path fleet = SimulatedFleet.of(20_000, 3);
        Comparison c = CompareStage.run(answers, answers, tmp.resolve("report"), SUITE, fleet, Progress.NONE);
        Double median = c.medianNormalizedError();
        assertEquals(0.0, median, 1e-12, "a perfect synthetic answer has zero normalised error");
        long normalised = c.queries().stream().flatMap(q -> q.metrics().stream()).filter(m -> m.normalizedError() != null).count();
        assertTrue(normalised > 50, "metrics with a half-split error: " + normalised);
    }

    /** Multiplies the named numeric columns of a CSV answer (no quoted fields in these) by {@code factor}. */
    private static String scaleColumns(String csv, List<String> columns, double factor) {
        AnswerTable t = AnswerTable.parse(csv, "answer");
        StringBuilder b = new StringBuilder(String.join(",", t.columns())).append('\n');
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < t.columns().size(); j++) {
                String col = t.columns().get(j);
                String v = t.text(i, col);
                double d = columns.contains(col) ? t.number(i, col) : Double.NaN;
                String cell = !Double.isNaN(d) ? Double.toString(d * factor) : v;
                b.append(j > 0 ? "," : "").append(cell.contains(",") ? '"' + cell + '"' : cell);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The command line adds the cross-table fidelity section (with its floor) to all three reports; half the options is bad input. */
    @Test
    void compareCli_withTables_reportsCrossTableFidelity_andRefusesHalfTheOptions(@TempDir Path tmp) throws IOException {
        Path fleet = SimulatedFleet.of(20_000, 3);
        var bad = org.telesynth.cli.CliRunner.run("compare", "-q", "--real", answers.toString(), "--synth", answers.toString(),
                "--out", tmp.resolve("bad").toString(), "--real-tables", fleet.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(Files.notExists(tmp.resolve("bad")));
        var ok = org.telesynth.cli.CliRunner.run("compare", "-q", "--real", answers.toString(), "--synth", answers.toString(),
                "--out", tmp.resolve("report").toString(), "--real-tables", fleet.toString(), "--synth-tables", fleet.toString(),
                "--fidelity-floor", fleet.toString());
        assertEquals(0, ok.code(), ok.err());
        JsonNode f = Manifests.json().readTree(tmp.resolve("report/report.json").toFile()).get("cross_table_fidelity");
        assertTrue(f.at("/release/pairs").asInt() > 500, f.toString());
        assertEquals(0.0, f.at("/release/mean_tvd").asDouble(), 1e-12, "a fleet against itself");
        assertEquals(10, f.at("/release/worst_pairs").size());
        assertTrue(f.at("/mean_tvd_over_floor").isNull(), "a zero floor gives no ratio");
        assertTrue(Files.readString(tmp.resolve("report/report.md")).contains("## Cross-table fidelity"));
        assertTrue(Files.readString(tmp.resolve("report/report.html")).contains("<h2>Cross-table fidelity</h2>"));
    }
}
