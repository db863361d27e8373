package org.telesynth.spark;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.agg.Aggregator;
import org.telesynth.cli.CliRunner;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.engine.Engines;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.schema.EventSummaries;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * load and aggregate on Spark (local mode) and on DuckDB, on one small fleet with its raw events: every loaded table
 * and every AGG file has the same columns and types, the same rows (the bounded rows picked by the same keyed hash)
 * and the same values to 1e-9. Spark reads the raw tables through a Hadoop {@code file:} URI. A marginal release
 * measured on Spark writes the same synthetic tables as one measured on DuckDB.
 */
class EngineEquivalenceTest {
    @TempDir
    static Path work;
    static Path real;
    static Path duck;
    static Path spark;
    static Path raw;
    static Path realSpark;

    @BeforeAll
    static void loadAndAggregateOnBothEngines() {
        raw = work.resolve("raw");
        assertEquals(0, CliRunner.run("simulate", "-q", "--devices", "1500", "--seed", "7", "--events", "--out", raw.toString()).code());
        real = work.resolve("real");
        assertEquals(0, CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString()).code());
        realSpark = work.resolve("real-spark");
        assertEquals(0, CliRunner.run("load", "-q", "--in", raw.toUri().toString(), "--out", realSpark.toString(),
                "--engine", "spark", "--spark-master", "local[2]").code());
        ReleaseConfig config = ReleaseConfig.load(null);
        duck = work.resolve("agg-duckdb");
        Aggregator.run(real, duck, config, Engines.DUCKDB, null, Progress.NONE);
        spark = work.resolve("agg-spark");
        Aggregator.run(real, spark, config, Engines.SPARK, "local[2]", Progress.NONE);
    }

    private static List<String[]> describe(Connection c, Path file) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM read_parquet("
                + Duck.literal(file.toString()) + ")")) {
            while (r.next()) {
                out.add(new String[]{r.getString(1), r.getString(2)});
            }
        }
        return out;
    }

    @Test
    void everyAggFile_isTheSameOnBothEngines() throws Exception {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<TableSchema> tables = new ArrayList<>(Schema.tables());
        tables.addAll(EventSummaries.tables());
        for (TableSchema t : tables) {
            keys.put(t.fileName(), t.grain());
        }
        keys.put("device_profile.parquet", List.of("guid"));
        List<String> files;
        try (Stream<Path> s = Files.list(duck)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
        }
        assertEquals(keys.keySet().stream().sorted().toList(), files, "DuckDB's AGG holds every table, summary and the profile");
        try (Connection c = Duck.open()) {
            for (String name : files) {
                Path a = duck.resolve(name);
                Path b = spark.resolve(name);
                assertTrue(Files.exists(b), name + " written by Spark");
                List<String[]> columns = describe(c, a);
                List<String[]> theirs = describe(c, b);
                assertEquals(columns.stream().map(x -> x[0] + " " + x[1]).toList(), theirs.stream().map(x -> x[0] + " " + x[1]).toList(),
                        name + ": columns and types");
                String ra = "read_parquet(" + Duck.literal(a.toString()) + ")";
                String rb = "read_parquet(" + Duck.literal(b.toString()) + ")";
                long n = Duck.queryLong(c, "SELECT count(*) FROM " + ra);
                assertEquals(n, Duck.queryLong(c, "SELECT count(*) FROM " + rb), name + ": rows");
                List<String> key = keys.get(name).stream().map(k -> "\"" + k + "\"").toList();
                assertEquals(n, Duck.queryLong(c, "SELECT count(*) FROM (SELECT DISTINCT " + String.join(", ", key) + " FROM " + ra + ")"),
                        name + ": the grain identifies a row");
                List<String> on = new ArrayList<>();
                List<String> same = new ArrayList<>();
                for (String[] col : columns) {
                    String x = "a.\"" + col[0] + "\"";
                    String y = "b.\"" + col[0] + "\"";
                    if (keys.get(name).contains(col[0])) {
                        on.add(x + " IS NOT DISTINCT FROM " + y);
                    } else if (col[1].equals("DOUBLE")) {
                        same.add("((" + x + " IS NULL AND " + y + " IS NULL) OR abs(" + x + " - " + y + ") <= 1e-9 * greatest(1, abs(" + x + ")))");
                    } else {
                        same.add(x + " IS NOT DISTINCT FROM " + y);
                    }
                }
                String matched = "SELECT count(*) FROM " + ra + " a JOIN " + rb + " b ON " + String.join(" AND ", on)
                        + (same.isEmpty() ? "" : " WHERE " + String.join(" AND ", same));
                assertEquals(n, Duck.queryLong(c, matched), name + ": every row equal on both engines");
            }
        }
    }

    @Test
    void theBoundPicksRows_andBothEnginesPickTheSame() {
        JsonNode d = Manifests.readIfPresent(duck.resolve("manifest.json"));
        JsonNode s = Manifests.readIfPresent(spark.resolve("manifest.json"));
        assertEquals(d.path("rows"), s.path("rows"), "rows kept per table");
        assertEquals(d.path("event_summaries"), s.path("event_summaries"));
        assertEquals("duckdb", d.path("engine").asText());
        assertEquals("spark", s.path("engine").asText());
        JsonNode loaded = Manifests.readIfPresent(real.resolve("manifest.json")).path("tables");
        // the bound has work to do here: some table holds devices over its k, so the hash chose which rows stay
        boolean dropped = false;
        for (TableSchema t : Schema.childTables()) {
            dropped |= loaded.path(t.name()).path("rows").asLong() > d.path("rows").path(t.name()).asLong();
        }
        assertTrue(dropped, "some table lost rows to its bound");
    }

    @Test
    void everyLoadedTable_isTheSameOnBothEngines() throws Exception {
        List<TableSchema> tables = new ArrayList<>(Schema.tables());
        tables.addAll(org.telesynth.schema.EventSchema.tables());
        JsonNode d = Manifests.readIfPresent(real.resolve("manifest.json")).path("tables");
        JsonNode s = Manifests.readIfPresent(realSpark.resolve("manifest.json")).path("tables");
        long total = 0;
        try (Connection c = Duck.open()) {
            for (TableSchema t : tables) {
                Path a = real.resolve(t.fileName());
                Path b = realSpark.resolve(t.fileName());
                assertEquals(describe(c, a).stream().map(x -> x[0] + " " + x[1]).toList(),
                        describe(c, b).stream().map(x -> x[0] + " " + x[1]).toList(), t.name() + ": columns and types");
                String ra = "read_parquet(" + Duck.literal(a.toString()) + ")";
                String rb = "read_parquet(" + Duck.literal(b.toString()) + ")";
                long n = Duck.queryLong(c, "SELECT count(*) FROM " + ra);
                total += n;
                assertEquals(n, Duck.queryLong(c, "SELECT count(*) FROM " + rb), t.name() + ": rows");
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (SELECT * FROM " + ra + " EXCEPT ALL SELECT * FROM " + rb + ")"),
                        t.name() + ": every row of DuckDB's load is in Spark's");
                assertEquals(n, d.path(t.name()).path("rows").asLong(), t.name() + ": DuckDB's manifest");
                assertEquals(n, s.path(t.name()).path("rows").asLong(), t.name() + ": Spark's manifest");
            }
        }
        assertTrue(total > 10_000, "the fleet has rows to compare: " + total);
    }

    /**
     * The marginal method's measurements on Spark (--engine spark: the bounded views, the device codes and every
     * group-by count there) and on DuckDB, one seeded release each from the same AGG: the true counts are equal, so
     * the same noise and the same sampling give every synthetic table byte for byte, event summaries included, and
     * the public manifests differ in the engine they name only.
     */
    @Test
    void marginalRelease_measuredOnSpark_writesTheSameTablesAsOnDuckDB() {
        Path onDuck = work.resolve("synth-duckdb");
        Path onSpark = work.resolve("synth-spark");
        List<String> release = List.of("synthesize-marginal", "-q", "--in", duck.toString(), "--data", real.toString(),
                "--epsilon", "1", "--delta", "1e-6", "--seed", "11");
        CliRunner.Result d = CliRunner.run(with(release, "--out", onDuck.toString()));
        assertEquals(0, d.code(), d.err());
        CliRunner.Result s = CliRunner.run(with(release, "--out", onSpark.toString(), "--engine", "spark", "--spark-master", "local[2]"));
        assertEquals(0, s.code(), s.err());
        Map<String, String> duckFiles = org.telesynth.FileHashes.tree(onDuck);
        Map<String, String> sparkFiles = org.telesynth.FileHashes.tree(onSpark);
        duckFiles.remove("manifest.json");
        sparkFiles.remove("manifest.json");
        assertEquals(duckFiles, sparkFiles, "every synthetic table, byte for byte");
        assertTrue(duckFiles.keySet().containsAll(List.of(Schema.SYSINFO + ".parquet", EventSummaries.tables().get(0).fileName())),
                "the reporting tables and the event summaries: " + duckFiles.keySet());
        com.fasterxml.jackson.databind.node.ObjectNode dm = (com.fasterxml.jackson.databind.node.ObjectNode) Manifests.readIfPresent(onDuck.resolve("manifest.json"));
        com.fasterxml.jackson.databind.node.ObjectNode sm = (com.fasterxml.jackson.databind.node.ObjectNode) Manifests.readIfPresent(onSpark.resolve("manifest.json"));
        assertEquals("duckdb", dm.path("request").path("engine").asText());
        assertEquals("spark", sm.path("request").path("engine").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) dm.path("request")).remove("engine");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sm.path("request")).remove("engine");
        assertEquals(dm, sm, "the manifests but for the engine");
        long rows = 0;
        for (JsonNode n : dm.path("synthetic_rows")) {
            rows += n.asLong();
        }
        assertTrue(rows > 10_000, "a release with rows to compare: " + rows);
    }

    private static String[] with(List<String> args, String... more) {
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** Spark checks the contract as DuckDB does: every problem of the input in one line, exit 2, nothing written. */
    @Test
    void badInputOnSpark_isReportedInOneLine_andNothingIsWritten() throws Exception {
        Path bad = work.resolve("raw-bad");
        Files.createDirectories(bad);
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                Files.copy(f, bad.resolve(f.getFileName()));
            }
        }
        TableSchema t = Schema.table("system_memory_utilization");
        String negated = t.columns().stream().filter(col -> col.nonNegative() && col.isNumeric()).findFirst().orElseThrow().name();
        String dropped = t.columns().get(t.columns().size() - 1).name();
        Path file = bad.resolve(t.fileName());
        Files.delete(file);
        try (Connection c = Duck.open()) {
            Duck.exec(c, "COPY (SELECT * EXCLUDE (\"" + dropped + "\") REPLACE (-\"" + negated + "\" AS \"" + negated + "\") FROM read_parquet("
                    + Duck.literal(raw.resolve(t.fileName()).toString()) + ")) TO " + Duck.literal(file.toString()) + " (FORMAT parquet)");
        }
        Path out = work.resolve("real-bad");
        CliRunner.Result r = CliRunner.run("load", "-q", "--in", bad.toUri().toString(), "--out", out.toString(), "--engine", "spark",
                "--spark-master", "local[2]");
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertEquals(1, line.lines().filter(l -> l.contains(t.name())).count(), line);
        assertTrue(line.contains(t.name() + "." + dropped + ": missing column"), line);
        assertTrue(line.contains(t.name() + "." + negated + ": ") && line.contains("negative values in a count or duration, e.g."), line);
        assertTrue(!Files.exists(out) || Files.list(out).noneMatch(p -> p.toString().endsWith(".parquet")), "nothing written");
        // a file: URI is this machine's folder: refused as a missing local folder is, before Spark starts
        Path nowhere = work.resolve("no-such-export");
        CliRunner.Result missing = CliRunner.run("load", "-q", "--in", nowhere.toUri().toString(), "--out", out.toString(),
                "--engine", "spark", "--spark-master", "local[2]");
        assertEquals(2, missing.code(), missing.err());
        assertEquals("telesynth: --in: not a directory: " + nowhere, missing.err().strip());
    }
}
