package org.telesynth.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.io.Duck;
import org.telesynth.schema.EventSchema;
import org.telesynth.schema.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** load and the raw event tables: optional, checked like the reporting tables when present, every problem at once. */
class EventTablesLoadTest {
    @TempDir
    static Path work;
    static Path raw;
    static List<String> guids;

    @BeforeAll
    static void fleet() throws SQLException {
        raw = work.resolve("raw");
        assertEquals(ExitCode.OK, CliRunner.run("simulate", "-q", "--devices", "200", "--seed", "4", "--out", raw.toString()).code());
        guids = new ArrayList<>();
        try (Connection c = Duck.open(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT guid FROM read_parquet('" + raw.resolve("system_sysinfo_unique_normalized.parquet") + "') LIMIT 3")) {
            while (r.next()) {
                guids.add(r.getString(1));
            }
        }
    }

    private static Path withEvents(Path dir, String crashlogCsv) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(raw)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("crashlog.csv"), crashlogCsv);
        return dir;
    }

    @Test
    void aGoodEventTable_isLoadedTyped_besideTheReportingTables() throws Exception {
        String csv = "guid,ts,bugcheck_code,bugcheck_name,faulting_module,os_build\n"
                + guids.get(0) + ",2023-01-03 10:00:00,0x00000116,VIDEO_TDR_FAILURE,nvlddmkm.sys,19045\n"
                + guids.get(1) + ",2023-01-04 11:30:00,0x0000000A,IRQL_NOT_LESS_OR_EQUAL,ntoskrnl.exe,22631\n";
        Path in = withEvents(work.resolve("good"), csv);
        Path out = work.resolve("good-real");
        CliRunner.Result r = CliRunner.run("load", "-q", "--in", in.toString(), "--out", out.toString(), "--json");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("crashlog.parquet")));
        assertFalse(Files.exists(out.resolve("wifi_error.parquet")), "an event table the input lacks is simply not there");
        TableSchema crashlog = EventSchema.find("crashlog").orElseThrow();
        try (Connection c = Duck.open(); Statement st = c.createStatement();
             ResultSet q = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                     + out.resolve("crashlog.parquet") + "'))")) {
            List<String> got = new ArrayList<>();
            while (q.next()) {
                got.add(q.getString(1) + " " + q.getString(2));
            }
            assertEquals(crashlog.columns().stream().map(col -> col.name() + " " + col.type()).toList(), got);
        }
        assertEquals(2, org.telesynth.io.Manifests.readIfPresent(out.resolve("manifest.json")).at("/tables/crashlog/rows").asLong(2),
                "the manifest counts its rows");
    }

    @Test
    void aBadEventTable_isRefused_withEveryProblemAtOnce() throws Exception {
        String csv = "guid,ts,bugcheck_code,bugcheck_name,faulting_module,os_build\n"
                + guids.get(0) + ",2023-01-03 10:00:00,0x00000116,VIDEO_TDR_FAILURE,nvlddmkm.sys,19045\n"
                + "not-a-device,2023-01-04 11:30:00,0x0000000A,IRQL_NOT_LESS_OR_EQUAL,ntoskrnl.exe,22631\n";
        Path in = withEvents(work.resolve("bad"), csv);
        Files.writeString(in.resolve("wifi_error.csv"), "guid,dt,adapter_vendor,error_count\n" + guids.get(2) + ",2023-01-02,Intel,3\n");
        Path out = work.resolve("bad-real");
        CliRunner.Result r = CliRunner.run("load", "-q", "--in", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("telesynth: ")).findFirst().orElseThrow();
        assertTrue(line.contains("2 problems in"), line);
        assertTrue(line.contains("crashlog.guid: 1 rows from 1 devices have a guid absent from system_sysinfo_unique_normalized"),
                "the guid that is no device: " + line);
        assertTrue(line.contains("wifi_error.error_code: missing column"), "the missing column: " + line);
        assertFalse(Files.exists(out), "nothing written");
    }
}
