package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.RelationalPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.FileHashes;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.io.TableViews;
import org.telesynth.privacy.Accountant;
import org.telesynth.ledger.Ledger;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.ReleaseChecks;
import org.telesynth.synth.Releases;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The marginal release end to end on a 20 k-device simulated fleet: budget, validity, invariants, one charge per run, seeds. */
class MarginalReleaseTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    private static Map<String, Object> release(Path data, Path out, double epsilon, long seed) {
        return Releases.release("marginal", agg, data, out, epsilon, seed, Map.of()).manifest();
    }

    @Test
    void plan_composesToTheRequestedBudget() {
        RelationalPlan plan = new RelationalPlan(4, 1e-5, CONFIG);
        assertEquals(4, Accountant.standard().compose(plan.events(), 1e-5).epsilon(), 1e-6);
    }

    @Test
    void release_passesLoad_keepsInvariants_chargesOnce_andIsReproducible(@TempDir Path tmp) throws Exception {
        Path data = Releases.dataset(tmp.resolve("dataset"), agg, 100, 1e-4);
        Map<String, Object> manifest = release(data, tmp.resolve("a"), 4, 7);
        release(data, tmp.resolve("b"), 4, 7);
        assertEquals(2, Ledger.of(data).read().entries().size(), "one charge per run");
        assertEquals(4.0, (double) ((Map<?, ?>) manifest.get("privacy")).get("epsilon"), 1e-6);
        FleetLoader.load(tmp.resolve("a"), tmp.resolve("validated"), false, Progress.NONE); // throws on any contract violation or orphan
        for (TableSchema t : Schema.tables()) {
            assertEquals(FileHashes.sha256(tmp.resolve("a").resolve(t.fileName())), FileHashes.sha256(tmp.resolve("b").resolve(t.fileName())), t.name());
        }
        try (Connection c = Duck.open()) {
            TableViews.create(c, tmp.resolve("a"), true);
            assertEquals(0, Duck.queryLong(c, "SELECT count(*) FROM system_memory_utilization m JOIN " + Schema.SYSINFO
                    + " s USING (guid) WHERE m.sysinfo_ram <> CAST(s.ram * 1024 AS BIGINT)"));
            ReleaseChecks.assertBlockersInsideOsIntervals(c);
            // entity slots (config entities:): a device's displays and blocker names recur instead of varying per row
            assertEquals(2, Duck.queryLong(c, "SELECT max(n) FROM (SELECT count(DISTINCT (vendor_name, connection_type, resolution_width,"
                    + " resolution_heigth)) n FROM system_display_devices GROUP BY guid)"), "at most 2 displays per device, and some with 2");
            assertTrue(Duck.queryLong(c, "SELECT max(n) FROM (SELECT count(DISTINCT blocker_name) n FROM system_mods_top_blocker_hist GROUP BY guid)") <= 16);
        }
    }
}
