package org.telesynth.fidelity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cross-table measure: exact values on hand-made distributions, 0 on identical tables, a known value on a planted loss. */
class CrossTableFidelityTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path fleet;

    @BeforeAll
    static void fleet() {
        fleet = SimulatedFleet.of(20_000, 3);
    }

    @Test
    void tvd_ofHandMadeDistributions() {
        assertEquals(0.0, CrossTableFidelity.tvd(Map.of("a", 2.0, "b", 2.0), Map.of("a", 5.0, "b", 5.0)), 1e-12);
        // (0.75, 0.25) against (0.25, 0.75): TVD 0.5; a category on one side only counts in full
        assertEquals(0.5, CrossTableFidelity.tvd(Map.of("a", 3.0, "b", 1.0), Map.of("a", 1.0, "b", 3.0)), 1e-12);
        assertEquals(1.0, CrossTableFidelity.tvd(Map.of("a", 1.0), Map.of("b", 4.0)), 1e-12);
        assertEquals(1.0, CrossTableFidelity.tvd(Map.of("a", 1.0), Map.of()), 1e-12);
        // groups weighted by their real share: 3/4 * 0.5 + 1/4 * 1 (a group the synthetic side lacks)
        double w = CrossTableFidelity.weightedTvd(Map.of("x", Map.of("a", 2.25, "b", 0.75), "y", Map.of("a", 1.0)),
                Map.of("x", Map.of("a", 1.0, "b", 3.0)));
        assertEquals(0.75 * 0.5 + 0.25 * 1.0, w, 1e-12);
    }

    @Test
    void identicalTables_measureZeroEverywhere() {
        CrossTableFidelity.Result r = CrossTableFidelity.measure(fleet, fleet, CONFIG);
        assertTrue(r.pairs().size() > 500, "pairs " + r.pairs().size());
        assertEquals(0.0, r.mean(), 1e-12);
        assertEquals(0.0, r.meanCardinality(), 1e-12);
        assertEquals(0.0, r.meanTrend(), 1e-12);
    }

    /**
     * Two fleets measured twice give the same bits (a sweep re-runs a killed cell and must write the same row):
     * the displays and blockers tables span several DuckDB row groups, where parallel sums would add in any order.
     */
    @Test
    void measuringTwice_givesTheSameBits() {
        Path other = SimulatedFleet.of(20_000, 4);
        CrossTableFidelity.Result a = CrossTableFidelity.measure(fleet, other, CONFIG);
        CrossTableFidelity.Result b = CrossTableFidelity.measure(fleet, other, CONFIG);
        assertTrue(a.mean() > 0, "independent fleets differ: " + a.mean());
        assertEquals(Double.doubleToLongBits(a.mean()), Double.doubleToLongBits(b.mean()));
        assertEquals(Double.doubleToLongBits(a.meanTrend()), Double.doubleToLongBits(b.meanTrend()));
        assertEquals(a.pairs(), b.pairs());
    }

    /** With every battery row gone, P(battery present | chassis) is lost: the pair's TVD is exactly P(present). */
    @Test
    void aLostChildTable_givesItsPresenceShare_andFullLossForItsOtherFeatures(@TempDir Path tmp) throws Exception {
        Path synth = Files.createDirectories(tmp.resolve("synth"));
        double present;
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                String src = "read_parquet(" + Duck.literal(fleet.resolve(t.fileName()).toString()) + ")";
                Duck.copyToParquet(c, "SELECT * FROM " + src + (t.name().equals("system_batt_dc_events") ? " WHERE false" : ""),
                        synth.resolve(t.fileName()));
            }
            present = Duck.queryDouble(c, "SELECT count(DISTINCT guid) FROM read_parquet(" + Duck.literal(fleet.resolve("system_batt_dc_events.parquet").toString())
                    + ") WHERE guid IN (SELECT guid FROM read_parquet(" + Duck.literal(fleet.resolve(Schema.SYSINFO + ".parquet").toString()) + "))")
                    / Duck.queryDouble(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(fleet.resolve(Schema.SYSINFO + ".parquet").toString()) + ")");
        }
        CrossTableFidelity.Result r = CrossTableFidelity.measure(fleet, synth, CONFIG);
        assertTrue(present > 0.01, "the fleet has battery events: " + present);
        for (CrossTableFidelity.Pair p : r.pairs()) {
            if (p.feature().startsWith("system_batt_dc_events presence")) {
                assertEquals(present, p.tvd(), 1e-9, p.toString());
            } else if (p.feature().startsWith("system_batt_dc_events")) {
                assertEquals(1.0, p.tvd(), 1e-9, p.toString());
            } else {
                assertEquals(0.0, p.tvd(), 1e-12, p.toString());
            }
        }
        assertEquals("system_batt_dc_events", r.worst().get(0).feature().split("[ .]")[0]);
    }
}
