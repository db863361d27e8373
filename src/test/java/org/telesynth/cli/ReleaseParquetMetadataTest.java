package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Version;
import org.telesynth.cli.CliRunner.Result;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every table file of a release carries the release's public provenance in its Parquet footer (key-value metadata,
 * read back with DuckDB's {@code parquet_kv_metadata}), seeded runs marked as not for release; a loaded real table
 * carries none, and a Parquet export of a release keeps it.
 */
class ReleaseParquetMetadataTest {
    @TempDir
    static Path work;
    static SmallFleet fleet;

    @BeforeAll
    static void fleet() {
        fleet = SmallFleet.make(work, 400, 5);
        ok(CliRunner.run("budget", "init", "--data", fleet.real().toString(), "--epsilon", "10", "--delta", "1e-4"));
    }

    @Test
    void seededRelease_everyTableSaysSeededNotForRelease() throws Exception {
        Path out = work.resolve("seeded");
        ok(CliRunner.run("synthesize-pertable", "-q", "--in", fleet.agg().toString(), "--data", fleet.real().toString(),
                "--epsilon", "2", "--delta", "1e-5", "--seed", "7", "--out", out.toString()));
        assertEveryTableCarries(out, "true", "SEEDED - not for release");
    }

    @Test
    void secureRelease_everyTableSaysRelease() throws Exception {
        Path out = work.resolve("secure");
        ok(CliRunner.run("synthesize-pertable", "-q", "--in", fleet.agg().toString(), "--data", fleet.real().toString(),
                "--epsilon", "2", "--delta", "1e-5", "--out", out.toString()));
        assertEveryTableCarries(out, "false", "release");
    }

    @Test
    void loadedRealTable_claimsNothing() throws Exception {
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                assertEquals(Map.of(), footer(c, fleet.real().resolve(t.fileName())), t.name());
            }
        }
    }

    @Test
    void parquetExportOfARelease_keepsTheFooter() throws Exception {
        Path out = work.resolve("to-export");
        ok(CliRunner.run("synthesize-pertable", "-q", "--in", fleet.agg().toString(), "--data", fleet.real().toString(),
                "--epsilon", "1", "--delta", "1e-5", "--seed", "8", "--out", out.toString()));
        Path exported = work.resolve("exported");
        ok(CliRunner.run("export", "-q", "--tables", out.toString(), "--out", exported.toString(), "--format", "parquet"));
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                Map<String, String> released = footer(c, out.resolve(t.fileName()));
                assertEquals("SEEDED - not for release", released.get("release_status"), t.name());
                assertEquals(released, footer(c, exported.resolve(t.fileName())), t.name());
            }
        }
    }

    /** Each of the 19 table files holds exactly the provenance keys, with the values of the release's manifest. */
    private static void assertEveryTableCarries(Path out, String seeded, String status) throws Exception {
        JsonNode manifest = Manifests.readIfPresent(out.resolve("manifest.json"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("telesynth_version", Version.version());
        expected.put("method", "pertable");
        expected.put("epsilon", "2.0");
        expected.put("delta", "1.0E-5");
        expected.put("seeded", seeded);
        expected.put("release_status", status);
        expected.put("run_id", manifest.path("run_id").asText());
        assertTrue(manifest.at("/privacy/epsilon").asDouble() <= 2.0 * (1 + 1e-9), "the footer's budget bounds the spend");
        assertTrue(manifest.path("run_id").asText().length() >= 32, manifest.toString());
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                assertEquals(expected, footer(c, out.resolve(t.fileName())), t.name());
            }
        }
    }

    /** The footer's key-value pairs, as DuckDB reads them. */
    private static Map<String, String> footer(Connection c, Path file) throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT key::VARCHAR, value::VARCHAR FROM parquet_kv_metadata(" + Duck.literal(file.toString()) + ")")) {
            while (rs.next()) {
                kv.put(rs.getString(1), rs.getString(2));
            }
        }
        return kv;
    }

    private static Result ok(Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
        return r;
    }
}
