package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.config.Clamp;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Column;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.EventSummaries;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw event tables through the release: aggregate's device-level summaries (bounded by k, clamped, each row a
 * function of one device's events), the synthesizers' summary tables (linked to the synthetic devices, inside the
 * public bounds and domains, loadable) and the event questions on both sides.
 */
class EventSummariesTest {
    @TempDir
    static Path work;
    static Path real;
    static Path agg;
    static final ReleaseConfig CONFIG = ReleaseConfig.load(null);

    @BeforeAll
    static void fleet() {
        Path raw = work.resolve("raw");
        ok(CliRunner.run("simulate", "-q", "--devices", "3000", "--seed", "5", "--events", "--out", raw.toString()));
        real = work.resolve("real");
        ok(CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString()));
        ok(CliRunner.run("budget", "init", "-q", "--data", real.toString(), "--study"));
        agg = work.resolve("agg");
        ok(CliRunner.run("aggregate", "-q", "--in", real.toString(), "--out", agg.toString()));
    }

    private static CliRunner.Result ok(CliRunner.Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
        return r;
    }

    private static String file(Path dir, TableSchema t) {
        return "read_parquet(" + Duck.literal(dir.resolve(t.fileName()).toString()) + ")";
    }

    /** At most k rows per device in {@code dir}'s table, every clamped column inside its clamp. */
    private static void assertWithinBounds(Connection c, Path dir, TableSchema t, ReleaseConfig.TableConfig tc) {
        assertTrue(Duck.queryLong(c, "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM " + file(dir, t)
                + " GROUP BY guid)") <= tc.k(), t.name() + ": at most k rows per device in " + dir);
        for (Column col : t.columns()) {
            Clamp clamp = tc.clamp(col.name());
            if (clamp != null) {
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM " + file(dir, t) + " WHERE " + col.sqlName() + " < "
                        + clamp.lo() + " OR " + col.sqlName() + " > " + clamp.hi()), t.name() + "." + col.name() + " clamped in " + dir);
            }
        }
    }

    @Test
    void aggregate_writesEverySummary_atMostKRowsPerDevice_everyValueClamped() {
        JsonNode m = Manifests.readIfPresent(agg.resolve("manifest.json"));
        List<String> listed = new ArrayList<>();
        m.path("event_summaries").forEach(v -> listed.add(v.asText()));
        assertEquals(EventSummaries.tables().stream().map(TableSchema::name).toList(), listed);
        try (Connection c = Duck.open()) {
            for (TableSchema t : EventSummaries.tables()) {
                ReleaseConfig.TableConfig tc = CONFIG.table(t.name());
                assertTrue(Duck.queryLong(c, "SELECT count(*) FROM " + file(agg, t)) > 0, t.name() + " has rows on this fleet");
                assertWithinBounds(c, agg, t, tc);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void summaries_areTheRawEventsAggregated_forEveryDeviceInsideTheBounds() throws Exception {
        try (Connection c = Duck.open()) {
            TableViews.create(c, real, true);
            for (TableSchema t : EventSummaries.tables()) {
                ReleaseConfig.TableConfig tc = CONFIG.table(t.name());
                List<String> inside = new ArrayList<>();
                for (Column col : t.columns()) {
                    Clamp clamp = tc.clamp(col.name());
                    if (clamp != null) {
                        inside.add("coalesce(" + col.sqlName() + " BETWEEN " + clamp.lo() + " AND " + clamp.hi() + ", true)");
                    }
                }
                // the view over REAL is the unbounded summary of the raw events (the simulator writes inside the window)
                String within = "guid IN (SELECT guid FROM \"" + t.name() + "\" GROUP BY guid HAVING count(*) <= " + tc.k()
                        + " AND bool_and(" + String.join(" AND ", inside) + "))";
                String truth = "SELECT " + t.sqlColumnList() + " FROM \"" + t.name() + "\" WHERE " + within;
                String kept = "SELECT " + t.sqlColumnList() + " FROM " + file(agg, t) + " WHERE " + within;
                long devices = Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM (" + truth + ")");
                assertTrue(devices > 0, t.name());
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM ((" + truth + ") EXCEPT ALL (" + kept + "))"), t.name() + ": a row lost");
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM ((" + kept + ") EXCEPT ALL (" + truth + "))"), t.name() + ": a row made up");
            }
        }
    }

    /** Neighbours: all rows of one device gone from every table (raw events too) change only that device's summary rows. */
    @Test
    void removingOneDevice_changesOnlyItsOwnSummaryRows() throws Exception {
        Path neighbour = work.resolve("real-neighbour");
        Files.createDirectories(neighbour);
        String victim;
        try (Connection c = Duck.open()) {
            // the device with the most crash rows: the rare-event tail, the worst case for a count
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet r = st.executeQuery("SELECT guid FROM "
                    + file(agg, EventSummaries.find("event_crash_daily").orElseThrow().table()) + " GROUP BY guid ORDER BY count(*) DESC, guid LIMIT 1")) {
                assertTrue(r.next());
                victim = r.getString(1);
            }
            List<TableSchema> all = new ArrayList<>(Schema.tables());
            all.addAll(EventSchema.tables());
            for (TableSchema t : all) {
                Duck.exec(c, "COPY (SELECT * FROM " + file(real, t) + " WHERE guid <> " + Duck.literal(victim) + ") TO "
                        + Duck.literal(neighbour.resolve(t.fileName()).toString()) + " (FORMAT parquet)");
            }
        }
        Files.copy(real.resolve("manifest.json"), neighbour.resolve("manifest.json"));
        Path aggNeighbour = work.resolve("agg-neighbour");
        ok(CliRunner.run("aggregate", "-q", "--in", neighbour.toString(), "--out", aggNeighbour.toString()));
        try (Connection c = Duck.open()) {
            for (TableSchema t : EventSummaries.tables()) {
                String without = "SELECT " + t.sqlColumnList() + " FROM " + file(agg, t) + " WHERE guid <> " + Duck.literal(victim);
                String theirs = "SELECT " + t.sqlColumnList() + " FROM " + file(aggNeighbour, t);
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM ((" + without + ") EXCEPT ALL (" + theirs + "))"), t.name());
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM ((" + theirs + ") EXCEPT ALL (" + without + "))"), t.name());
            }
            assertTrue(Duck.queryLong(c, "SELECT count(*) FROM " + file(agg, EventSummaries.find("event_crash_daily").orElseThrow().table())
                    + " WHERE guid = " + Duck.literal(victim)) > 0, "the victim had summary rows to lose");
        }
    }

    @Test
    void marginalRelease_writesLinkedBoundedSummaries_thatLoad_andAnswerTheEventQuestions() throws Exception {
        Path synth = work.resolve("synth");
        ok(CliRunner.run("synthesize-marginal", "-q", "--in", agg.toString(), "--data", real.toString(), "--out", synth.toString(),
                "--epsilon", "4", "--seed", "1"));
        JsonNode manifest = Manifests.readIfPresent(synth.resolve("manifest.json"));
        try (Connection c = Duck.open()) {
            String devices = "SELECT guid FROM " + file(synth, Schema.table(Schema.SYSINFO));
            for (TableSchema t : EventSummaries.tables()) {
                assertTrue(Files.exists(synth.resolve(t.fileName())), t.name() + " released");
                assertTrue(manifest.toString().contains(t.name()), "the manifest names " + t.name());
                ReleaseConfig.TableConfig tc = CONFIG.table(t.name());
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM " + file(synth, t) + " WHERE guid NOT IN (" + devices + ")"),
                        t.name() + ": every row on a synthetic device");
                assertWithinBounds(c, synth, t, tc);
                for (Column col : t.columns()) {
                    if (tc.clamp(col.name()) == null && !col.domain().isEmpty()) {
                        List<String> quoted = col.domain().stream().map(Duck::literal).toList();
                        assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM " + file(synth, t) + " WHERE " + col.sqlName()
                                + " NOT IN (" + String.join(", ", quoted) + ")"), t.name() + "." + col.name() + " in its public domain");
                    }
                }
            }
            // linked: desktops hold their share of the crash devices, not all of them and not none (the device model's link)
            assertTrue(Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM " + file(synth, EventSummaries.find("event_crash_daily")
                    .orElseThrow().table())) > 0);
        }
        Path loaded = work.resolve("synth-loaded");
        ok(CliRunner.run("load", "-q", "--in", synth.toString(), "--out", loaded.toString()));
        for (TableSchema t : EventSummaries.tables()) {
            assertTrue(Files.exists(loaded.resolve(t.fileName())), "load keeps " + t.name());
        }
        for (Path tables : List.of(real, synth)) {
            Path answers = work.resolve("answers-" + tables.getFileName());
            ok(CliRunner.run("benchmark", "-q", "--tables", tables.toString(), "--out", answers.toString()));
            try (Stream<Path> files = Files.list(answers)) {
                assertEquals(31, files.filter(f -> f.toString().endsWith(".csv")).count(), "24 reporting + 7 event questions on " + tables);
            }
            assertFalse(Files.exists(answers.resolve("skipped.json")), "nothing skipped on " + tables);
        }
    }

    @Test
    void aFleetWithoutEvents_releasesTheNineteenOnly_andRunsTheTwentyFourQuestions() throws IOException {
        Path raw = work.resolve("plain-raw");
        ok(CliRunner.run("simulate", "-q", "--devices", "400", "--seed", "6", "--out", raw.toString()));
        Path plain = work.resolve("plain-real");
        ok(CliRunner.run("load", "-q", "--in", raw.toString(), "--out", plain.toString()));
        Path plainAgg = work.resolve("plain-agg");
        ok(CliRunner.run("aggregate", "-q", "--in", plain.toString(), "--out", plainAgg.toString()));
        assertEquals(0, Manifests.readIfPresent(plainAgg.resolve("manifest.json")).path("event_summaries").size());
        Path synth = work.resolve("plain-synth");
        ok(CliRunner.run("synthesize-pertable", "-q", "--in", plainAgg.toString(), "--data", plain.toString(), "--out", synth.toString(),
                "--epsilon", "1", "--seed", "2"));
        try (Stream<Path> files = Files.list(synth)) {
            assertEquals(19, files.filter(f -> f.toString().endsWith(".parquet")).count());
        }
        Path answers = work.resolve("plain-answers");
        ok(CliRunner.run("benchmark", "-q", "--tables", synth.toString(), "--out", answers.toString()));
        try (Stream<Path> files = Files.list(answers)) {
            assertEquals(24, files.filter(f -> f.toString().endsWith(".csv")).count());
        }
    }

    @Test
    void runWithEvents_releasesTheSummaries_andScoresTheEventQuestions() throws IOException {
        Path out = work.resolve("run");
        ok(CliRunner.run("run", "-q", "--out", out.toString(), "--devices", "1500", "--events", "--method", "pertable",
                "--seed", "3"));
        for (TableSchema t : EventSummaries.tables()) {
            assertTrue(Files.exists(out.resolve("synth/pertable").resolve(t.fileName())), t.name());
        }
        for (String side : List.of("real", "pertable")) {
            try (Stream<Path> files = Files.list(out.resolve("answers").resolve(side))) {
                assertEquals(31, files.filter(f -> f.toString().endsWith(".csv")).count(), side);
            }
        }
        JsonNode report = Manifests.readIfPresent(out.resolve("reports/pertable/report.json"));
        List<String> scored = new ArrayList<>();
        report.path("queries").forEach(q -> scored.add(q.path("name").asText()));
        assertTrue(scored.containsAll(org.telesynth.bench.QuerySuite.embeddedEvents().stream().map(q -> q.name()).toList()),
                "the report scores the event questions: " + scored);
    }
}
