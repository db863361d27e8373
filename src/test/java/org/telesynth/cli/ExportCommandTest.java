package org.telesynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.CliRunner.Result;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.schema.Column;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export} on a small simulated fleet (loaded, so it carries a load manifest): both formats load back into the
 * very same rows, metadata.json describes the 19 tables as SDV multi-table metadata, and bad input exits 2 with one
 * line and writes nothing.
 */
class ExportCommandTest {
    @TempDir
    static Path work;
    static Path real;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fleet() {
        Path raw = work.resolve("raw");
        real = work.resolve("real");
        ok(CliRunner.run("simulate", "-q", "--devices", "400", "--seed", "11", "--out", raw.toString()));
        ok(CliRunner.run("load", "-q", "--in", raw.toString(), "--out", real.toString()));
    }

    @Test
    void export_csv_loadsBackToTheSameRows() throws Exception {
        assertRoundTrip("csv");
    }

    @Test
    void export_parquet_loadsBackToTheSameRows() throws Exception {
        assertRoundTrip("parquet");
    }

    @Test
    void export_metadata_isSdvMultiTableWithGuidTheIdAndARelationshipPerChild() throws Exception {
        Path out = tmp.resolve("csv");
        ok(CliRunner.run("export", "-q", "--tables", real.toString(), "--out", out.toString(), "--format", "csv"));
        JsonNode m = Manifests.json().readTree(out.resolve("metadata.json").toFile());
        assertEquals("MULTI_TABLE_V1", m.path("METADATA_SPEC_VERSION").asText());
        assertEquals(19, m.path("tables").size());
        for (TableSchema t : Schema.tables()) {
            JsonNode table = m.path("tables").path(t.name());
            List<String> columns = iterable(table.path("columns").fieldNames());
            assertEquals(t.columnNames(), columns, t.name() + ": the contract's columns, in its order");
            assertEquals("id", table.at("/columns/guid/sdtype").asText(), t.name());
            for (Column c : t.columns()) {
                JsonNode col = table.path("columns").path(c.name());
                if (!c.domain().isEmpty()) {
                    assertEquals("categorical", col.path("sdtype").asText(), t.name() + "." + c.name());
                }
                if (c.isNumeric()) {
                    assertEquals("numerical", col.path("sdtype").asText(), t.name() + "." + c.name());
                }
                if (c.type().equals("DATE") || c.type().equals("TIMESTAMP")) {
                    assertEquals("datetime", col.path("sdtype").asText(), t.name() + "." + c.name());
                    assertTrue(col.path("datetime_format").asText().startsWith("%Y-%m-%d"), t.name() + "." + c.name());
                }
            }
        }
        assertEquals("guid", m.at("/tables/" + Schema.SYSINFO + "/primary_key").asText());
        // SDV refuses a foreign key that is its own table's primary key, so the second device table has none
        assertTrue(m.at("/tables/" + Schema.CPU_METADATA + "/primary_key").isMissingNode());
        Set<String> children = new HashSet<>();
        for (JsonNode r : m.path("relationships")) {
            assertEquals(Schema.SYSINFO, r.path("parent_table_name").asText());
            assertEquals("guid", r.path("parent_primary_key").asText());
            assertEquals("guid", r.path("child_foreign_key").asText());
            assertTrue(children.add(r.path("child_table_name").asText()), "one relationship per child: " + r);
        }
        Set<String> expected = new HashSet<>(Schema.tables().stream().map(TableSchema::name).toList());
        expected.remove(Schema.SYSINFO);
        assertEquals(expected, children);
        assertArrayEquals(Files.readAllBytes(real.resolve("manifest.json")), Files.readAllBytes(out.resolve("manifest.json")),
                "the table set's manifest travels with the export");
    }

    @Test
    void export_json_printsTablesAndRowCounts() throws Exception {
        Result r = ok(CliRunner.run("export", "-q", "--json", "--tables", real.toString(), "--out", tmp.resolve("j").toString(), "--format", "parquet"));
        JsonNode doc = Manifests.json().readTree(r.out());
        assertEquals("parquet", doc.path("format").asText());
        assertEquals(19, doc.path("tables").size());
        long sum = 0;
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                long rows = Duck.queryLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(real.resolve(t.fileName()).toString()) + ")");
                assertEquals(rows, doc.path("tables").path(t.name()).asLong(), t.name());
                sum += rows;
            }
        }
        assertEquals(sum, doc.path("rows").asLong());
    }

    @Test
    void export_badFormat_exit2_nothingWritten() {
        Path out = tmp.resolve("x");
        assertRefused("--format must be csv or parquet, not xlsx", "--tables", real.toString(), "--out", out.toString(), "--format", "xlsx");
        assertFalse(Files.exists(out));
    }

    @Test
    void export_missingTablesDir_exit2() {
        Path out = tmp.resolve("x");
        assertRefused("--tables: not a directory", "--tables", tmp.resolve("nope").toString(), "--out", out.toString(), "--format", "csv");
        assertFalse(Files.exists(out));
    }

    @Test
    void export_dirWithoutContractTables_exit2() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.csv"), "a,b\n1,2\n");
        Path out = tmp.resolve("x");
        assertRefused("--tables: no contract table", "--tables", empty.toString(), "--out", out.toString(), "--format", "parquet");
        assertFalse(Files.exists(out));
    }

    @Test
    void export_besideAnExportInTheOtherFormat_exit2_outUntouched() throws Exception {
        Path out = tmp.resolve("both");
        ok(CliRunner.run("export", "-q", "--tables", real.toString(), "--out", out.toString(), "--format", "csv"));
        Set<String> before = names(out);
        assertRefused("already holds system_sysinfo_unique_normalized.csv", "--tables", real.toString(), "--out", out.toString(), "--format", "parquet");
        assertEquals(before, names(out));
    }

    /** Exports {@code real}, loads the export, and finds every table's rows (as a multiset) equal to the original's. */
    private void assertRoundTrip(String format) throws Exception {
        Path exported = tmp.resolve("exported");
        Path loaded = tmp.resolve("loaded");
        Result r = ok(CliRunner.run("export", "--tables", real.toString(), "--out", exported.toString(), "--format", format));
        assertTrue(r.out().startsWith("exported 19 tables, "), r.out());
        for (TableSchema t : Schema.tables()) {
            assertTrue(Files.isRegularFile(exported.resolve(t.name() + "." + format)), t.name());
        }
        ok(CliRunner.run("load", "-q", "--in", exported.toString(), "--out", loaded.toString()));
        long total = 0;
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                String a = "read_parquet(" + Duck.literal(real.resolve(t.fileName()).toString()) + ")";
                String b = "read_parquet(" + Duck.literal(loaded.resolve(t.fileName()).toString()) + ")";
                long rows = Duck.queryLong(c, "SELECT count(*) FROM " + a);
                assertEquals(rows, Duck.queryLong(c, "SELECT count(*) FROM " + b), t.name() + ": row count");
                String cols = t.sqlColumnList();
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (SELECT " + cols + " FROM " + a + " EXCEPT ALL SELECT " + cols + " FROM " + b + ")"),
                        t.name() + ": rows lost or changed by " + format);
                assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM (SELECT " + cols + " FROM " + b + " EXCEPT ALL SELECT " + cols + " FROM " + a + ")"),
                        t.name() + ": rows added by " + format);
                total += rows;
            }
        }
        assertTrue(total > 1000, "a fleet with rows in it: " + total);
        assertTrue(r.out().contains(String.format("%,d rows", total)), r.out());
    }

    private static void assertRefused(String message, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "export";
        all[1] = "-q";
        System.arraycopy(args, 0, all, 2, args.length);
        Result r = CliRunner.run(all);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    private static Set<String> names(Path dir) throws java.io.IOException {
        try (var list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static Result ok(Result r) {
        assertEquals(ExitCode.OK, r.code(), r.err());
        return r;
    }
}
