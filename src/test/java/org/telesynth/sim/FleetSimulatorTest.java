package org.telesynth.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetSimulatorTest {

    private static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TableSchema t : Schema.tables()) {
            out.put(t.name(), FileHashes.sha256(dir.resolve(t.fileName())));
        }
        return out;
    }

    private static SimulationOptions options(int devices, long seed) {
        return new SimulationOptions(devices, 30, seed, SimulationOptions.Profile.fleet, SimulationOptions.DEFAULT_START);
    }

    @Test
    void sameSeed_identicalFiles_otherSeed_differentFiles(@TempDir Path tmp) throws Exception {
        FleetSimulator.simulate(tmp.resolve("a"), options(20_000, 7), Progress.NONE);
        FleetSimulator.simulate(tmp.resolve("b"), options(20_000, 7), Progress.NONE);
        FleetSimulator.simulate(tmp.resolve("c"), options(20_000, 8), Progress.NONE);
        assertEquals(hashes(tmp.resolve("a")), hashes(tmp.resolve("b")));
        Map<String, String> a = hashes(tmp.resolve("a"));
        Map<String, String> c = hashes(tmp.resolve("c"));
        for (String table : a.keySet()) {
            assertNotEquals(a.get(table), c.get(table), table + " should change with the seed");
        }
    }

    @Test
    void everyTable_hasExactlyTheContractColumnsAndTypes() throws SQLException {
        Path dir = SimulatedFleet.of(20_000, 3);
        try (Connection c = Duck.open(); Statement s = c.createStatement()) {
            for (TableSchema t : Schema.tables()) {
                Map<String, String> actual = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Duck.literal(dir.resolve(t.fileName()).toString()) + ")")) {
                    while (rs.next()) {
                        actual.put(rs.getString(1), rs.getString(2));
                    }
                }
                Map<String, String> expected = new LinkedHashMap<>();
                t.columns().forEach(col -> expected.put(col.name(), col.type().equals("TIMESTAMP") ? "TIMESTAMP" : col.type()));
                assertEquals(expected, actual, t.name());
            }
        }
    }

    @Test
    void everyChildGuid_existsInSysinfo_andEveryTableIsNonEmpty() throws SQLException {
        Path dir = SimulatedFleet.of(20_000, 3);
        try (Connection c = Duck.open()) {
            TableViews.create(c, dir, true);
            for (TableSchema t : Schema.childTables()) {
                long orphans = Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\" WHERE guid NOT IN (SELECT guid FROM "
                        + Schema.SYSINFO + ")");
                assertEquals(0, orphans, t.name() + " orphans");
                assertTrue(Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\"") > 0, t.name() + " is empty");
            }
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_userwait WHERE acdc <> upper(left(ac_dc_event_name, 2))"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_memory_utilization m JOIN "
                    + Schema.SYSINFO + " s USING (guid) WHERE m.sysinfo_ram <> CAST(s.ram * 1024 AS BIGINT)"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_cpu_metadata m JOIN " + Schema.SYSINFO
                    + " s USING (guid) WHERE m.cpucode <> s.cpucode"));
        }
    }

    @Test
    void failedRun_leavesNoStagingBehind(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        FleetSimulator.simulate(out, options(500, 1), Progress.NONE);
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".staging")));
        }
        assertEquals("x", Files.readString(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("system_userwait.parquet")));
    }

    @Test
    void simulatedFleet_passesLoadValidation_rowsUnchanged(@TempDir Path tmp) {
        Path dir = SimulatedFleet.of(20_000, 3);
        Map<String, FleetLoader.TableLoad> loaded = FleetLoader.load(dir, tmp.resolve("real"), false, Progress.NONE);
        try (Connection c = Duck.open()) {
            TableViews.create(c, dir, true);
            for (TableSchema t : Schema.tables()) {
                assertEquals(Duck.queryLong(c, "SELECT count(*) FROM \"" + t.name() + "\""), loaded.get(t.name()).rows(), t.name());
                assertEquals(0, loaded.get(t.name()).droppedOrphanRows(), t.name());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A large fleet is expanded chunk by chunk of device ids: the rows and their order must be one expansion's. */
    @Test
    void chunkedExpansion_sameRowsInSameOrder_asOneExpansion(@TempDir Path tmp) throws SQLException {
        SimulationOptions options = new SimulationOptions(2_500, 30, 5, SimulationOptions.Profile.fleet,
                SimulationOptions.DEFAULT_START, true);
        FleetSimulator.simulate(tmp.resolve("one"), options, Progress.NONE, 2_500);
        FleetSimulator.simulate(tmp.resolve("chunked"), options, Progress.NONE, 1_000);
        java.util.List<TableSchema> tables = new java.util.ArrayList<>(Schema.tables());
        tables.addAll(org.telesynth.schema.EventSchema.tables());
        try (Connection c = Duck.open()) {
            for (TableSchema t : tables) {
                String one = numbered(tmp.resolve("one").resolve(t.fileName()));
                String chunked = numbered(tmp.resolve("chunked").resolve(t.fileName()));
                long rows = Duck.queryLong(c, "SELECT count(*) FROM " + one);
                assertTrue(rows > 0, t.name());
                assertEquals(rows, Duck.queryLong(c, "SELECT count(*) FROM " + chunked), t.name());
                // row number included: a row in another place counts as a difference
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (SELECT * FROM " + one + " EXCEPT ALL SELECT * FROM "
                        + chunked + ")"), t.name());
            }
        }
        try (Stream<Path> left = Files.list(tmp.resolve("chunked"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".staging")), "scratch chunks removed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String numbered(Path file) {
        return "(SELECT row_number() OVER () AS _n, * FROM read_parquet(" + Duck.literal(file.toString()) + "))";
    }
}
