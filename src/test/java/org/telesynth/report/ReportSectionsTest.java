package org.telesynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.CliRunner;
import org.telesynth.cli.ExitCode;
import org.telesynth.io.Manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's new sections on two real releases of one small fleet: loaded from the simulator's output (its
 * manifest kept: public data) and from the same files without it (the user's own data), released seeded and not.
 */
class ReportSectionsTest {
    @TempDir
    static Path work;
    static Path simReport;
    static Path userReport;
    static JsonNode userRelease;

    private static void cli(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(ExitCode.OK, r.code(), String.join(" ", args) + "\n" + r.err());
    }

    /** load, aggregate, release, answer both sides, compare with the tables; returns the report directory. */
    private static Path release(String name, Path raw, String... seed) {
        Path d = work.resolve(name);
        cli("load", "-q", "--in", raw.toString(), "--out", d.resolve("real").toString());
        cli("aggregate", "-q", "--in", d.resolve("real").toString(), "--out", d.resolve("agg").toString());
        String[] release = Stream.concat(Stream.of("synthesize-pertable", "-q", "--in", d.resolve("agg").toString(), "--data",
                d.resolve("real").toString(), "--out", d.resolve("synth").toString()), Stream.of(seed)).toArray(String[]::new);
        cli(release);
        cli("benchmark", "-q", "--tables", d.resolve("real").toString(), "--out", d.resolve("ans-real").toString());
        cli("benchmark", "-q", "--tables", d.resolve("synth").toString(), "--out", d.resolve("ans-synth").toString());
        cli("compare", "-q", "--real", d.resolve("ans-real").toString(), "--synth", d.resolve("ans-synth").toString(), "--out",
                d.resolve("report").toString(), "--real-tables", d.resolve("real").toString(), "--synth-tables", d.resolve("synth").toString(),
                "--shareable");
        return d.resolve("report");
    }

    @BeforeAll
    static void releases() throws IOException {
        Path raw = work.resolve("raw");
        cli("simulate", "-q", "--out", raw.toString(), "--devices", "3000", "--seed", "11");
        Path user = Files.createDirectories(work.resolve("user-export"));
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Files.copy(f, user.resolve(f.getFileName())); // the same rows, without the simulator's manifest
            }
        }
        simReport = release("sim", raw);
        userReport = release("user", user, "--seed", "5");
        userRelease = Manifests.readIfPresent(work.resolve("user/synth/manifest.json"));
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    @Test
    void everyReport_isMarkedInternal_andOpensWithThePrivacyFacts() throws IOException {
        for (Path r : List.of(simReport, userReport)) {
            String html = read(r, "report.html");
            assertTrue(html.contains(PrivacySection.INTERNAL), "page banner");
            assertTrue(html.contains("<title>") && html.substring(0, html.indexOf("</title>")).contains("internal: contains real data"));
            assertTrue(read(r, "report.md").contains(PrivacySection.INTERNAL), "report.md banner");
            assertTrue(html.indexOf("id=\"privacy\"") < html.indexOf("id=\"verdict\""), "privacy first, then the verdict");
            assertTrue(Manifests.readIfPresent(r.resolve("report.json")).path("internal").asText().startsWith("contains real data"));
        }
        String html = read(userReport, "report.html");
        assertTrue(html.contains(userRelease.path("run_id").asText()), "the run id");
        assertTrue(html.contains("epsilon 4.000, delta 1.00e-05"), "the spend");
        assertTrue(html.contains("ledger left") && html.contains("epsilon 0.000, delta 0.00 of the cap (epsilon 4.0, delta 1.0E-5); 1 release charged"),
                "what the ledger has left after the one release");
        assertTrue(html.contains("not audited yet"));
    }

    @Test
    void seededBanner_onlyOnTheSeededRelease() throws IOException {
        assertTrue(read(userReport, "report.html").contains(PrivacySection.SEEDED));
        assertTrue(read(userReport, "report.md").contains(PrivacySection.SEEDED));
        assertFalse(read(simReport, "report.html").contains(PrivacySection.SEEDED));
    }

    @Test
    void peersFigures_onlyOnTheSimulatedFleet_andLabelledAsAnotherStudys() throws IOException {
        String sim = read(simReport, "report.html");
        assertTrue(sim.contains("(published)</th>") && sim.contains("published figures from another study"));
        for (String file : List.of("report.html", "report.md")) {
            String user = read(userReport, file);
            assertFalse(user.contains("(published)") || user.contains("of the peers'") || user.contains("6 of 21"), file);
            assertTrue(user.contains("No published figures are shown"), file);
        }
        assertFalse(Manifests.readIfPresent(userReport.resolve("report.json")).at("/privacy/simulated_data").asBoolean());
        assertTrue(Manifests.readIfPresent(simReport.resolve("report.json")).at("/privacy/simulated_data").asBoolean());
    }

    @Test
    void verdict_countsThePasses_andGivesEveryFailureAReasonAndAHint() throws IOException {
        JsonNode json = Manifests.readIfPresent(userReport.resolve("report.json"));
        int passed = json.at("/summary/passed").asInt();
        assertTrue(json.at("/verdict/headline").asText().startsWith(passed + " of 24 queries meet their thresholds"));
        int failing = 0;
        for (JsonNode s : json.at("/verdict/queries")) {
            if (s.asText().startsWith("✗")) {
                failing++;
                assertTrue(s.asText().contains(" fails: ") && s.asText().contains("Would help: "), s.asText());
            }
        }
        assertEquals(24 - passed, failing);
        // pertable keeps no cross-table relation: a failing join query says so
        assertTrue(json.at("/verdict/queries").toString().contains("pertable keeps no cross-table relation"));
    }

    @Test
    void perQuery_questionAndCollapsedSql_marksAndLabelledHeatMap() throws IOException {
        String html = read(userReport, "report.html");
        assertEquals(24, count(html, "<details><summary>SQL</summary>"));
        assertTrue(html.contains("Devices and nrs-weighted mean package power per country."), "the question of pkg_power_by_country");
        assertTrue(html.contains("class=\"m\">"), "metric names inside the heat-map cells");
        assertTrue(count(html, "✓") + count(html, "✗") >= 48, "marks beside the colours");
    }

    @Test
    void fidelityAtAGlance_overallIsTheMeanOfItsParts() {
        JsonNode q = Manifests.readIfPresent(userReport.resolve("report.json")).path("quality");
        double mean = (q.path("column_shapes").asDouble() + q.path("column_pair_trends").asDouble() + q.path("cross_table").asDouble()) / 3;
        assertEquals(mean, q.path("overall").asDouble(), 1e-12);
        for (String part : List.of("column_shapes", "column_pair_trends", "cross_table")) {
            assertTrue(q.path(part).asDouble() > 0 && q.path(part).asDouble() <= 1, part);
        }
        assertEquals(QualityScore.WORST, q.path("worst_column_shapes").size());
        assertTrue(q.path("column_shapes_by_table").has("system_sysinfo_unique_normalized"));
    }

    @Test
    void shareableVersion_holdsNoNumberComputedFromTheRealData() throws IOException {
        String shareable = read(userReport, "shareable.html");
        assertFalse(shareable.contains(PrivacySection.INTERNAL));
        for (String word : List.of("meet their thresholds", "mean score", "queries passed", "✓", "✗", "normalised", "Fidelity")) {
            assertFalse(shareable.contains(word), word);
        }
        // no real answer value: the device counts of the real per-country answer do not appear, the synthetic ones do
        List<String> realCounts = column(work.resolve("user/ans-real/pkg_power_by_country.csv"), 1);
        List<String> synthCounts = column(work.resolve("user/ans-synth/pkg_power_by_country.csv"), 1);
        String from = shareable.substring(shareable.indexOf("<h3>pkg_power_by_country</h3>"));
        String section = from.substring(0, from.indexOf("<h3>", 5));
        for (String v : synthCounts.subList(0, Math.min(3, synthCounts.size()))) {
            assertTrue(section.contains("<td>" + v + "</td>"), v);
        }
        long realOnly = realCounts.stream().filter(v -> !synthCounts.contains(v) && section.contains("<td>" + v + "</td>")).count();
        assertEquals(0, realOnly, "a real count in the shareable page");
        assertTrue(shareable.contains(userRelease.path("run_id").asText()));
    }

    private static List<String> column(Path csv, int index) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[index]).toList();
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
