package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.cli.CliRunner.Result;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet whose export lacks two optional tables, through the real command line: load lists them as absent,
 * aggregate and two methods release empty tables for them (listed absent in the release manifest), benchmark skips
 * the six queries that read them, with the reason, and compare leaves those out of the scores and lists them as
 * skipped. 300 devices: a few seconds per stage.
 */
class AbsentTablesTest {
    private static final List<String> ABSENT = List.of("system_userwait", "system_mods_power_consumption"); // contract order

    @TempDir
    static Path work;

    static Path real;
    static Path agg;
    static Path config;

    @BeforeAll
    static void loadWithoutTwoTables() throws Exception {
        Path raw = work.resolve("raw");
        ok(CliRunner.run("simulate", "-q", "--devices", "300", "--seed", "11", "--out", raw.toString()));
        for (String t : ABSENT) {
            Files.delete(raw.resolve(t + ".parquet"));
        }
        config = Files.writeString(work.resolve("optional.yaml"), "load: {optional_tables: [system_userwait, system_mods_power_consumption]}\n");
        real = work.resolve("real");
        agg = work.resolve("agg");
        ok(CliRunner.run("load", "-q", "--config", config.toString(), "--in", raw.toString(), "--out", real.toString()));
        ok(CliRunner.run("aggregate", "-q", "--config", config.toString(), "--in", real.toString(), "--out", agg.toString()));
        // room for two releases at epsilon 4 and delta 1e-5 each
        ok(CliRunner.run("budget", "init", "--data", real.toString(), "--epsilon", "10", "--delta", "1e-4"));
    }

    @Test
    void load_and_aggregate_listTheAbsentTables() {
        assertEquals(ABSENT.toString(), absent(real).toString());
        assertEquals(ABSENT.toString(), absent(agg).toString());
    }

    @Test
    void synthesizePertable_absentTablesEmptyWithContractColumns_listedInTheManifest() throws Exception {
        assertReleaseEmptiesAbsentTables("pertable");
    }

    @Test
    void synthesizeMarginal_absentTablesEmptyWithContractColumns_listedInTheManifest() throws Exception {
        assertReleaseEmptiesAbsentTables("marginal");
    }

    @Test
    void benchmarkAndCompare_skipTheQueriesReadingAbsentTables_withTheReason() throws Exception {
        List<String> expected = new ArrayList<>();
        for (QuerySpec q : QuerySuite.embedded()) {
            if (q.tables().stream().anyMatch(ABSENT::contains)) {
                expected.add(q.name());
            }
        }
        // userwait x3, the mods power table x3
        assertEquals(6, expected.size(), expected.toString());
        Path answers = work.resolve("answers-real");
        Result r = CliRunner.run("benchmark", "--tables", real.toString(), "--out", answers.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("skipped userwait_top_10_wait_processes: reads system_userwait, absent from the input"
                + " (load.optional_tables)"), r.err());
        assertTrue(r.out().contains("18 of 24 queries answered") && r.out().contains("6 skipped"), r.out());
        JsonNode skipped = Manifests.readIfPresent(answers.resolve("skipped.json"));
        assertEquals(new TreeSet<>(expected), names(skipped));
        assertEquals("reads system_mods_power_consumption, absent from the input (load.optional_tables)",
                skipped.path("ranked_process_classifications").asText());
        for (String q : expected) {
            assertFalse(Files.exists(answers.resolve(q + ".csv")), q);
        }

        // the real answers against themselves: every scored query passes, the skipped ones are neither passed nor failed
        Path report = work.resolve("report");
        Result c = CliRunner.run("compare", "-q", "--real", answers.toString(), "--synth", answers.toString(), "--out", report.toString());
        assertEquals(ExitCode.OK, c.code(), c.err());
        JsonNode summary = Manifests.readIfPresent(report.resolve("report.json")).path("summary");
        assertEquals(18, summary.path("queries").asInt());
        assertEquals(18, summary.path("passed").asInt());
        assertEquals(0, summary.path("only_in_real").size());
        Set<String> listed = new TreeSet<>();
        summary.path("skipped").forEach(s -> {
            listed.add(s.path("name").asText());
            assertTrue(s.path("reason").asText().contains("absent from the input"), s.toString());
        });
        assertEquals(new TreeSet<>(expected), listed);
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("- Skipped (not scored): userwait_top_10_wait_processes: reads system_userwait"), md);
    }

    private static void assertReleaseEmptiesAbsentTables(String method) throws Exception {
        Path out = work.resolve("synth-" + method);
        ok(CliRunner.run("synthesize-" + method, "-q", "--in", agg.toString(), "--data", real.toString(), "--out", out.toString(),
                "--config", config.toString(), "--epsilon", "4", "--delta", "1e-5", "--seed", "3"));
        JsonNode manifest = Manifests.readIfPresent(out.resolve("manifest.json"));
        assertEquals(ABSENT.toString(), absent(out).toString());
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            for (String t : ABSENT) {
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM " + t), t);
                assertEquals(0, manifest.path("synthetic_rows").path(t).asLong(-1), t);
                for (var col : Schema.table(t).columns()) {
                    assertEquals(1, Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE " + t + ") WHERE column_name = "
                            + Duck.literal(col.name()) + " AND column_type = " + Duck.literal(col.type())), t + "." + col.name());
                }
            }
            // the rest of the release is made as usual: devices, and child rows in the present tables (which ones
            // cross the noise at 300 devices depends on the seed, so the test asks for rows somewhere, not in one table)
            assertTrue(Duck.queryLong(c, "SELECT count(*) FROM system_sysinfo_unique_normalized") > 0);
            long childRows = 0;
            for (var t : Schema.tables()) {
                if (!t.name().equals("system_sysinfo_unique_normalized") && !ABSENT.contains(t.name())) {
                    childRows += Duck.queryLong(c, "SELECT count(*) FROM " + t.name());
                }
            }
            assertTrue(childRows > 0, "no child rows in the present tables");
        }
    }

    private static List<String> absent(Path dir) {
        List<String> out = new ArrayList<>();
        Manifests.readIfPresent(dir.resolve("manifest.json")).path("absent_tables").forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void ok(Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
    }
}
