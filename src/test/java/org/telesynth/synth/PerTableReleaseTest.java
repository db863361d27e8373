package org.telesynth.synth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BudgetRefusedException;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.Manifests;
import org.telesynth.io.TableViews;
import org.telesynth.ledger.Ledger;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.pertable.PerTablePlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-table release end to end on a 20 k-device simulated fleet: validity, invariants, ledger, seeds, sensitivity. */
class PerTableReleaseTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    private static Map<String, Object> release(Path data, Path out, double epsilon, long seed) {
        return Releases.release("pertable", agg, data, out, epsilon, seed, Map.of()).manifest();
    }

    /** A dataset directory of the test's own (AGG's dataset id), so each test has its own ledger. */
    private static Path dataset(Path tmp) {
        return Releases.dataset(tmp.resolve("dataset"), agg, 4, 1e-5);
    }

    @Test
    void release_passesLoadValidation_andKeepsTheSchemaInvariants(@TempDir Path tmp) throws SQLException {
        Path out = tmp.resolve("synth");
        Map<String, Object> manifest = release(dataset(tmp), out, 4, 11);
        FleetLoader.load(out, tmp.resolve("validated"), false, Progress.NONE); // throws on any contract violation or orphan
        try (Connection c = Duck.open()) {
            TableViews.create(c, out, true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_userwait WHERE acdc <> upper(left(ac_dc_event_name, 2))"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_memory_utilization m JOIN " + Schema.SYSINFO
                    + " s USING (guid) WHERE m.sysinfo_ram <> CAST(s.ram * 1024 AS BIGINT)"));
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_cpu_metadata m JOIN " + Schema.SYSINFO
                    + " s USING (guid) WHERE m.cpucode IS DISTINCT FROM s.cpucode"));
            long blockers = Duck.queryLong(c, "SELECT count(*) FROM system_mods_top_blocker_hist");
            assertTrue(blockers > 0);
            assertEquals(blockers, Duck.queryLong(c, "SELECT count(*) FROM system_mods_top_blocker_hist a JOIN system_os_codename_history b"
                    + " ON a.guid = b.guid AND a.dt BETWEEN b.min_ts AND b.max_ts"), "every blocker day inside exactly one OS interval");
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_pkg_C0 WHERE NOT (min_pkg_c0 <= avg_pkg_c0 AND avg_pkg_c0 <= max_pkg_c0)"));
        }
        assertEquals(4.0, (double) ((Map<?, ?>) manifest.get("privacy")).get("epsilon"), 1e-6);
    }

    @Test
    void ledger_oneChargePerRun_overCapRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path data = dataset(tmp);
        Ledger.of(data).init(5, 1e-5);
        release(data, tmp.resolve("a"), 4, 1);
        assertEquals(1, Ledger.of(data).read().entries().size());
        assertThrows(BudgetRefusedException.class, () -> release(data, tmp.resolve("b"), 4, 2));
        assertFalse(Files.exists(tmp.resolve("b")), "a refused release writes nothing");
        assertEquals(1, Ledger.of(data).read().entries().size());
    }

    @Test
    void sameSeed_byteIdenticalTablesAndManifest(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Ledger.of(data).init(100, 1e-4);
        release(data, tmp.resolve("a"), 2, 42);
        release(data, tmp.resolve("b"), 2, 42);
        for (TableSchema t : Schema.tables()) {
            assertEquals(FileHashes.sha256(tmp.resolve("a").resolve(t.fileName())), FileHashes.sha256(tmp.resolve("b").resolve(t.fileName())), t.name());
        }
        var ma = (com.fasterxml.jackson.databind.node.ObjectNode) Manifests.readIfPresent(tmp.resolve("a/manifest.json"));
        var mb = (com.fasterxml.jackson.databind.node.ObjectNode) Manifests.readIfPresent(tmp.resolve("b/manifest.json"));
        assertEquals(ma, mb);
        assertFalse(ma.has("wall_seconds") || ma.has("input_hashes"), "nothing read from the data without a mechanism");
    }

    @Test
    void everyReleasedStatistic_movesAtMostItsSensitivity_whenOneMaximalDeviceIsAdded(@TempDir Path tmp) throws Exception {
        Path neighbour = Files.createDirectories(tmp.resolve("agg-plus-one"));
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                int k = CONFIG.table(t.name()).k();
                String src = Duck.literal(agg.resolve(t.fileName()).toString());
                // the added device repeats one row k times: all its rows in the same cell of every marginal (worst case)
                Duck.copyToParquet(c, "SELECT * FROM read_parquet(" + src + ") UNION ALL SELECT r.* REPLACE ('zz-added-device' AS guid)"
                        + " FROM (SELECT * FROM read_parquet(" + src + ") ORDER BY guid LIMIT 1) r, range(" + k + ")", neighbour.resolve(t.fileName()));
            }
        }
        // one plan per side: a planned measurement is released once
        PerTablePlan plan = new PerTablePlan(4, 1e-5, CONFIG);
        PerTablePlan other = new PerTablePlan(4, 1e-5, CONFIG);
        int checked = 0;
        try (Connection a = Duck.open(); Connection b = Duck.open()) {
            TableViews.create(a, agg, true);
            TableViews.create(b, neighbour, true);
            Measurer ma = Measurer.exactForSensitivityTests(a, CONFIG);
            Measurer mb = Measurer.exactForSensitivityTests(b, CONFIG);
            Measurement devices = plan.get("device count");
            String count = "SELECT count(*) FROM " + Schema.SYSINFO;
            assertTrue(Math.abs(mb.count(other.get("device count"), count) - ma.count(devices, count)) <= devices.sensitivity());
            checked++;
            for (TableSchema t : Schema.tables()) {
                if (!t.deviceTable()) {
                    Measurement cov = plan.get(t.name() + " coverage");
                    String sql = "SELECT count(DISTINCT guid) FROM \"" + t.name() + "\"";
                    assertTrue(Math.abs(mb.count(other.get(cov.label()), sql) - ma.count(cov, sql)) <= cov.sensitivity(), cov.label());
                    Measurement rows = plan.get(t.name() + " rows per device");
                    int k = CONFIG.table(t.name()).k();
                    assertTrue(Vectors.l2(ma.rowsPerDevice(rows, t, k), mb.rowsPerDevice(other.get(rows.label()), t, k)) <= rows.sensitivity() + 1e-9, rows.label());
                    checked += 2;
                }
                for (ColumnSpec s : plan.columns(t.name())) {
                    Measurement m = plan.get(s.label() + " marginal");
                    Measurement p = s.kind() == ColumnSpec.Kind.OPEN ? plan.get(s.label() + " values") : null;
                    Measurement pOther = p == null ? null : other.get(p.label());
                    double moved = Vectors.l2(ma.marginal(m, p, s).weights(), mb.marginal(other.get(m.label()), pOther, s).weights());
                    assertTrue(moved <= m.sensitivity() + 1e-9, m.label() + " moved " + moved + " > " + m.sensitivity());
                    checked++;
                }
            }
        }
        assertEquals(plan.measurements().values().stream().filter(x -> !x.isPartition()).count(), checked);
    }
}
