package org.telesynth.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.cli.Main;
import org.telesynth.io.Duck;
import org.telesynth.io.Manifests;
import org.telesynth.ledger.Ledger;
import org.telesynth.privacy.LedgerEntry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sweep} end to end on a tiny simulated fleet: the tidy results, one charge per cell, a kill -9 in the middle
 * then a re-run giving the same rows as an uninterrupted sweep, and a named ledger too small refused before any cell.
 */
class SweepTest {
    private static final String[] GRID = {"--devices", "1500", "--methods", "pertable", "--epsilons", "1,2", "--seeds", "1,2", "-q"};

    private static int sweep(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--out", out.toString()));
        args.addAll(List.of(GRID));
        args.addAll(List.of(more));
        return Main.execute(args.toArray(String[]::new));
    }

    /** The rows without the columns that measure the machine. */
    private static List<Map<String, Object>> withoutCost(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            SweepResults.COST_COLUMNS.forEach(m::remove);
            out.add(m);
        }
        return out;
    }

    private static void assertOneChargePerCell(Path real, List<Map<String, Object>> rows) {
        List<LedgerEntry> entries = Ledger.of(real).read().entries();
        assertEquals(rows.size(), entries.size(), "one charge per cell: " + entries);
        assertEquals(rows.size(), new HashSet<>(entries.stream().map(LedgerEntry::runId).toList()).size());
        for (Map<String, Object> r : rows) {
            assertTrue(entries.stream().anyMatch(e -> e.runId().equals(r.get("run_id")) && e.outcome().equals(LedgerEntry.RELEASED)), r.toString());
        }
    }

    @Test
    void sweep_writesTidyResultsAndPage_oneChargePerCell_andARerunChargesNothing(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        assertEquals(0, sweep(out, "--parallel", "2"));
        List<Map<String, Object>> rows = SweepResults.read(out.resolve("results.parquet"));
        assertEquals(4, rows.size());
        for (Map<String, Object> r : rows) {
            assertEquals(((Number) r.get("epsilon")).doubleValue(), ((Number) r.get("epsilon_spent")).doubleValue(), 1e-6, "spent what was asked");
            assertEquals(24, ((Number) r.get("queries")).intValue());
            assertEquals(21, ((Number) r.get("peer_queries")).intValue());
            assertTrue(((Number) r.get("rows_written")).longValue() > 0);
            assertTrue(((Number) r.get("peak_rss_bytes")).longValue() > 0);
        }
        assertOneChargePerCell(out.resolve("real"), rows);
        // the tidy schema: parquet and csv carry exactly the declared columns, in order, with their types
        try (Connection c = Duck.open(); Statement st = c.createStatement()) {
            for (String file : new String[]{"results.parquet", "results.csv"}) {
                Map<String, String> columns = new LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + Duck.literal(out.resolve(file).toString()))) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertEquals(List.copyOf(SweepResults.COLUMNS.keySet()), List.copyOf(columns.keySet()), file);
                if (file.endsWith("parquet")) {
                    assertEquals(SweepResults.COLUMNS, columns);
                }
            }
        }
        String html = Files.readString(out.resolve("sweep.html"));
        for (String part : new String[]{SweepReport.PRIVATE, "<svg", "Peer queries passed", "Median normalised error", "Release time",
                "Peak RSS", "Pass rate per query", "smallest epsilon reaching 14", "best method"}) {
            assertTrue(html.contains(part), "sweep.html lacks " + part);
        }
        assertTrue(Files.readString(out.resolve("sweep.md")).contains("| 2 |"), "a row per epsilon");
        // a re-run finds every cell done: nothing released, nothing charged
        assertEquals(0, sweep(out));
        assertOneChargePerCell(out.resolve("real"), rows);
        assertEquals(withoutCost(rows), withoutCost(SweepResults.read(out.resolve("results.parquet"))));
    }

    /**
     * The per-table baseline's two device models side by side: each a cell of its own, charged once under its own
     * run id, each release recording its model; and the plain token stays the histogram model whatever --config says.
     */
    @Test
    void deviceModelVariant_isACellOfItsOwn(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        assertEquals(0, Main.execute("sweep", "--out", out.toString(), "--devices", "1500", "--methods", "pertable,pertable+dpvae",
                "--epsilons", "2", "--seeds", "1", "-q"));
        List<Map<String, Object>> rows = SweepResults.read(out.resolve("results.parquet"));
        assertEquals(List.of("pertable", "pertable+dpvae"), rows.stream().map(r -> r.get("method")).toList());
        assertNotEquals(rows.get(0).get("run_id"), rows.get(1).get("run_id"));
        assertOneChargePerCell(out.resolve("real"), rows);
        for (Map<String, Object> r : rows) {
            SweepCell cell = new SweepCell((String) r.get("method"), 2, 1);
            JsonNode manifest = Manifests.readIfPresent(out.resolve("cells").resolve(cell.id()).resolve("synth").resolve("manifest.json"));
            assertEquals(cell.method().equals("pertable") ? "histogram" : "dpvae", manifest.path("settings").path("pertable").path("device_model").asText());
        }
        assertTrue(Files.readString(out.resolve("sweep.html")).contains("pertable+dpvae"));
        Path vaeConfig = Files.writeString(tmp.resolve("vae.yaml"), "pertable: {device_model: dpvae}\n");
        assertEquals("histogram", SweepMethod.of("pertable").config(vaeConfig).pertableDeviceModel());
        assertEquals("dpvae", SweepMethod.of("pertable+dpvae").config(null).pertableDeviceModel());
        assertEquals("marginal", SweepMethod.of("marginal").method());
    }

    /** A kill -9 of the sweep while cells run, then a re-run: the same rows as an uninterrupted sweep, one charge per cell. */
    @Test
    void killedSweep_rerun_finishesTheMissingCells_sameRowsAsUninterrupted(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        assertEquals(0, sweep(whole, "--parallel", "2"));
        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.telesynth.cli.Main", "sweep", "--out", killed.toString()));
        cmd.addAll(List.of(GRID));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        Path firstDone = killed.resolve("cells").resolve(new SweepCell("pertable", 1, 1).id()).resolve("result.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(firstDone) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the sweep was still running when one cell had finished: " + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        Thread.sleep(1500); // the running cell's JVM halts when it sees its parent gone
        assertFalse(Files.exists(killed.resolve("results.parquet")), "killed before the end");
        assertEquals(0, sweep(killed));
        List<Map<String, Object>> rows = SweepResults.read(killed.resolve("results.parquet"));
        assertEquals(withoutCost(SweepResults.read(whole.resolve("results.parquet"))), withoutCost(rows));
        assertOneChargePerCell(killed.resolve("real"), rows);
    }

    /** With --ledger, a cap that cannot admit the whole sweep is refused before the first cell: exit 3, nothing written. */
    @Test
    void namedLedgerTooSmall_refusedBeforeTheFirstCell(@TempDir Path tmp) throws Exception {
        Path raw = tmp.resolve("raw");
        Path real = tmp.resolve("real");
        assertEquals(0, Main.execute("simulate", "-q", "--out", raw.toString(), "--devices", "1000", "--seed", "1"));
        assertEquals(0, Main.execute("load", "-q", "--in", raw.toString(), "--out", real.toString()));
        assertEquals(0, Main.execute("budget", "init", "--data", real.toString(), "--epsilon", "5", "--delta", "1e-3"));
        Path out = tmp.resolve("s");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int code;
        try {
            // 1 + 2 + 1 + 2 = 6 > 5
            code = Main.execute("sweep", "--out", out.toString(), "--data", real.toString(), "--ledger", real.toString(), "--methods", "pertable",
                    "--epsilons", "1,2", "--seeds", "1,2", "-q");
        } finally {
            System.setErr(err);
        }
        assertEquals(3, code, captured.toString());
        assertTrue(captured.toString().contains("before the first cell") && captured.toString().contains("epsilon 6"), captured.toString());
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(0, Ledger.of(real).read().entries().size());
    }

    @Test
    void badSweepArguments_exitTwoBeforeAnythingIsWritten(@TempDir Path tmp) {
        String out = tmp.resolve("s").toString();
        for (String[] bad : new String[][]{{"--methods", "magic"}, {"--epsilons", "1,1"}, {"--epsilons", "-1"}, {"--parallel", "0"},
                {"--bar", "22"}, {"--seeds", "1,1"}, {"--ledger", tmp.toString()}}) {
            List<String> args = new ArrayList<>(List.of("sweep", "--out", out, "-q"));
            args.addAll(List.of(bad));
            assertEquals(2, Main.execute(args.toArray(String[]::new)), String.join(" ", bad));
            assertFalse(Files.exists(Path.of(out)), "nothing written for " + String.join(" ", bad));
        }
    }
}
