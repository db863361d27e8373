package org.telesynth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.cli.CliRunner.Result;
import org.telesynth.io.Duck;
import org.telesynth.io.TableViews;
import org.telesynth.schema.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code load} on the bad-input corpus in src/test/resources/load: a valid 25-device fleet as CSV ({@code valid/})
 * and one folder per case ({@code bad/<case>/}) whose files replace or add to it, with {@code _remove} listing
 * files to delete. Every bad case must exit 2 with one line naming the table and column of every problem, and
 * leave a non-empty output directory byte-for-byte as it was.
 */
class LoadCommandTest {
    private static final Path CORPUS = Path.of("src/test/resources/load");

    @TempDir
    Path tmp;

    @Test
    void load_validCorpus_writesAllTablesTyped() throws Exception {
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--in", CORPUS.resolve("valid").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        for (var t : Schema.tables()) {
            assertTrue(Files.exists(out.resolve(t.fileName())), t.name());
        }
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(25, Duck.queryLong(c, "SELECT count(*) FROM system_sysinfo_unique_normalized"));
            assertEquals(1, Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE system_display_devices)"
                    + " WHERE column_name = 'ts' AND column_type = 'TIMESTAMP'"));
        }
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"stage\" : \"load\""));
    }

    @Test
    void load_missingTable_exit2() throws IOException {
        assertRejected("missing_table", "system_userwait: missing required table");
    }

    @Test
    void load_missingColumn_exit2() throws IOException {
        assertRejected("missing_column", "system_network_consumption.nrs: missing column");
    }

    @Test
    void load_uncastableValue_exit2() throws IOException {
        assertRejected("uncastable_type", "system_memory_utilization.avg_percentage_used: 1 values cannot be read as DOUBLE, first 'high' at line 2");
    }

    // the acceptance case: three tables deleted, all three named in one run
    @Test
    void load_threeTablesMissing_namesAllThreeInOneLine() throws IOException {
        Path in = caseInput("three_missing_tables");
        String line = assertRejected(in, "telesynth: 3 problems in " + in + ": ");
        for (String t : new String[]{"system_pkg_C0", "system_userwait", "system_mods_power_consumption"}) {
            assertTrue(line.contains(t + ": missing required table"), line);
        }
    }

    // a missing column in one table and two bad values in another: both named, the bad value by its first line (line 5,
    // not data row 3: the first record's quoted company name spans two lines)
    @Test
    void load_missingColumnAndBadValues_namesBothWithTheFirstBadLine() throws IOException {
        Path in = caseInput("several_problems");
        String line = assertRejected(in, "telesynth: 2 problems in " + in + ": ");
        assertTrue(line.contains("system_network_consumption.nrs: missing column"), line);
        assertTrue(line.contains("system_frgnd_apps_types.lines_per_day: 2 values cannot be read as BIGINT (whole numbers), first 'many' at line 5"), line);
    }

    // Parquet has no lines: the first bad value is named by its data row (1-based)
    @Test
    void load_badValueInParquet_namesTheDataRow() throws Exception {
        Path in = caseInput("uncastable_type");
        Path csv = in.resolve("system_memory_utilization.csv");
        try (Connection c = Duck.open()) {
            // the CSV's one bad row (data row 1 of 4) moved to the end, data row 4, written as text columns
            Duck.exec(c, "COPY (SELECT * FROM read_csv(" + Duck.literal(csv.toString()) + ", header = true, all_varchar = true)"
                    + " ORDER BY avg_percentage_used = 'high', guid, dt) TO " + Duck.literal(in.resolve("system_memory_utilization.parquet").toString())
                    + " (FORMAT parquet)");
        }
        Files.delete(csv);
        assertRejected(in, "system_memory_utilization.avg_percentage_used: 1 values cannot be read as DOUBLE, first 'high' at row 4");
    }

    @Test
    void load_optionalTableMissing_loadedEmptyWithTheContractColumnsAndListedAbsent() throws Exception {
        Path in = caseInput("missing_table"); // system_userwait deleted
        Path config = Files.writeString(tmp.resolve("optional.yaml"), "load: {optional_tables: [system_userwait, system_pkg_C0]}\n");
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--config", config.toString(), "--in", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("system_userwait: absent from the input, loaded as an empty table (load.optional_tables)"), r.err());
        assertTrue(r.out().contains("loaded 18 tables") && r.out().contains("(1 absent tables loaded empty)"), r.out());
        var t = Schema.table("system_userwait");
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_userwait"));
            for (var col : t.columns()) {
                assertEquals(1, Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE system_userwait) WHERE column_name = "
                        + Duck.literal(col.name()) + " AND column_type = " + Duck.literal(col.type())), col.name());
            }
            assertEquals(t.columns().size(), Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE system_userwait)"));
            // optional but present: loaded as usual
            assertEquals(4, Duck.queryLong(c, "SELECT count(*) FROM \"system_pkg_C0\""));
        }
        var manifest = org.telesynth.io.Manifests.readIfPresent(out.resolve("manifest.json"));
        assertEquals("[\"system_userwait\"]", manifest.path("absent_tables").toString());
        assertEquals("absent", manifest.path("tables").path("system_userwait").path("format").asText());
    }

    @Test
    void load_optionalTableNamingNoTable_exit2() throws IOException {
        Path config = Files.writeString(tmp.resolve("optional.yaml"), "load: {optional_tables: [system_userwiat]}\n");
        Path out = tmp.resolve("never");
        Result r = CliRunner.run("load", "-q", "--config", config.toString(), "--in", CORPUS.resolve("valid").toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("load.optional_tables names no table: system_userwiat"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void load_deviceTableListedOptional_exit2() throws IOException {
        Path config = Files.writeString(tmp.resolve("optional.yaml"), "load: {optional_tables: [system_cpu_metadata]}\n");
        Path out = tmp.resolve("never");
        Result r = CliRunner.run("load", "-q", "--config", config.toString(), "--in", CORPUS.resolve("valid").toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("load.optional_tables lists the device table system_cpu_metadata, which every release needs"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void load_fractionInIntegerColumn_exit2() throws IOException {
        assertRejected("fractional_integer", "system_display_devices.resolution_width: 1 values cannot be read as BIGINT");
    }

    @Test
    void load_emptyGuid_exit2() throws IOException {
        assertRejected("null_guid", "system_userwait.guid: 1 rows with a null or empty guid");
    }

    @Test
    void load_duplicateDeviceGuid_exit2() throws IOException {
        assertRejected("duplicate_guid", "system_sysinfo_unique_normalized.guid: 1 duplicate guids");
    }

    @Test
    void load_orphanGuid_exit2_countGiven() throws IOException {
        assertRejected("orphan_guid", "system_batt_dc_events.guid: 1 rows from 1 devices have a guid absent from"
                + " system_sysinfo_unique_normalized");
    }

    @Test
    void load_orphanGuidWithDropOrphans_dropsAndReports() throws Exception {
        Path in = caseInput("orphan_guid");
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--drop-orphans", "--in", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("system_batt_dc_events: dropped 1 orphan rows from 1 devices"), r.err());
        assertTrue(r.out().contains("dropped 1 orphan rows"), r.out());
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            long validRows = Files.readAllLines(CORPUS.resolve("valid/system_batt_dc_events.csv")).size() - 1;
            assertEquals(validRows - 1, Duck.queryLong(c, "SELECT count(*) FROM system_batt_dc_events"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_batt_dc_events"
                    + " WHERE guid NOT IN (SELECT guid FROM system_sysinfo_unique_normalized)"));
        }
    }

    @Test
    void load_nan_exit2() throws IOException {
        assertRejected("nan_value", "system_pkg_C0.avg_pkg_c0: 1 NaN or infinite values");
    }

    @Test
    void load_infinity_exit2() throws IOException {
        assertRejected("infinite_value", "system_pkg_temp_centigrade.max_temp_centigrade: 1 NaN or infinite values");
    }

    @Test
    void load_negativeDuration_exit2() throws IOException {
        assertRejected("negative_duration", "system_on_off_suspend_time_day.on_time: 1 negative values");
    }

    @Test
    void load_truncatedParquet_exit2() throws IOException {
        assertRejected("truncated_parquet", "system_sysinfo_unique_normalized: cannot read");
    }

    @Test
    void load_truncatedGzip_exit2() throws IOException {
        assertRejected("truncated_gzip", "system_frgnd_apps_types: cannot read");
    }

    @Test
    void load_emptyDeviceTable_exit2() throws IOException {
        assertRejected("empty_device_table", "system_sysinfo_unique_normalized: empty table");
    }

    // reliability 11: real exports can have a child table no device reported in the window; it loads, with a warning
    @Test
    void load_emptyChildTable_loadsWithAWarning() throws Exception {
        Path in = caseInput("../ok/empty_child_table");
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--in", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("system_psys_rap_watts: empty table"), r.err());
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_psys_rap_watts"));
            assertEquals(1, Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE system_psys_rap_watts) WHERE column_name = 'avg_psys_rap_watts'"));
        }
    }

    // reliability 13: DuckDB would rename the second column to NRS_1 and warn about a column the file does not have
    @Test
    void load_columnsDifferingOnlyInCase_exit2() throws IOException {
        assertRejected("case_duplicate_column", "system_network_consumption: columns 'nrs' and 'NRS' in system_network_consumption.csv differ only in case");
    }

    // reliability 14: DuckDB reports a ragged row as an undetectable dialect; the message names the line
    @Test
    void load_raggedRow_exit2_namesTheLine() throws IOException {
        assertRejected("ragged_row", "system_userwait: line 5 of");
    }

    @Test
    void load_twoFilesForOneTable_exit2() throws IOException {
        assertRejected("two_files", "system_hw_pkg_power: several input files");
    }

    @Test
    void load_badInputIntoNewDirectory_createsNothing() throws IOException {
        Path out = tmp.resolve("never");
        Result r = CliRunner.run("load", "-q", "--in", caseInput("negative_duration").toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code());
        assertFalse(Files.exists(out));
    }

    @Test
    void load_unknownColumn_warnsAndDrops() throws Exception {
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--in", caseInput("extra_column").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.err().contains("system_web_cat_usage: dropping unknown columns [debug_flag]"), r.err());
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (DESCRIBE system_web_cat_usage) WHERE column_name = 'debug_flag'"));
        }
    }

    @Test
    void load_frgndDateAlias_acceptedAsDt() throws Exception {
        Path out = tmp.resolve("real");
        Result r = CliRunner.run("load", "-q", "--in", caseInput("date_alias").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(4, Duck.queryLong(c, "SELECT count(dt) FROM system_frgnd_apps_types"));
        }
    }

    @Test
    void load_twice_byteIdenticalOutputs() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(ExitCode.OK, CliRunner.run("load", "-q", "--in", CORPUS.resolve("valid").toString(), "--out", a.toString()).code());
        assertEquals(ExitCode.OK, CliRunner.run("load", "-q", "--in", CORPUS.resolve("valid").toString(), "--out", b.toString()).code());
        Map<String, String> ha = snapshot(a);
        Map<String, String> hb = snapshot(b);
        // the manifest names its input and the dataset id, the ledger its folder: each load is a dataset of its own
        ha.keySet().removeIf(k -> k.equals("manifest.json") || k.startsWith(".telesynth"));
        hb.keySet().removeIf(k -> k.equals("manifest.json") || k.startsWith(".telesynth"));
        assertEquals(ha, hb);
    }

    /** Runs load on the case, into an output directory holding an earlier file; asserts exit 2, message, no change. */
    private void assertRejected(String caseName, String expectedMessage) throws IOException {
        assertRejected(caseInput(caseName), expectedMessage);
    }

    /** As above on the input folder {@code in}; returns the one line of stderr. */
    private String assertRejected(Path in, String expectedMessage) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(out.resolve("system_userwait.parquet"), "an earlier output that must survive");
        Map<String, String> before = snapshot(out);
        Result r = CliRunner.run("load", "-q", "--in", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expectedMessage), "expected '" + expectedMessage + "' in: " + r.err());
        assertEquals(before, snapshot(out), "output directory changed");
        return r.err().strip();
    }

    /** The valid corpus with the case's files laid over it. */
    private Path caseInput(String caseName) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in-" + caseName));
        try (Stream<Path> files = Files.list(CORPUS.resolve("valid"))) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Path overlay = CORPUS.resolve("bad").resolve(caseName);
        assertTrue(Files.isDirectory(overlay), "no corpus case " + overlay);
        try (Stream<Path> files = Files.list(overlay)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().equals("_remove")) {
                    for (String name : Files.readAllLines(f)) {
                        Files.delete(in.resolve(name.strip()));
                    }
                } else {
                    Files.copy(f, in.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return in;
    }

    private static Map<String, String> snapshot(Path dir) {
        return FileHashes.tree(dir);
    }
}
