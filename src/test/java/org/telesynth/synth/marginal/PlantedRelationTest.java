package org.telesynth.synth.marginal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.agg.Aggregator;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.FleetLoader;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.Releases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generality: a relation planted in a test fleet that neither the config nor the query suite names (vPro devices
 * keep their displays on AC ten times longer) is recovered by synthesize-marginal at epsilon 4 without any wiring:
 * the device model finds vPro -> the display table's duration_ac level by its own selection. The effect is the
 * log ratio of the median per-device mean duration_ac of vPro and other devices; the release must keep its sign
 * and at least half its size.
 */
class PlantedRelationTest {
    private static final String EFFECT = "SELECT ln(median(d) FILTER (WHERE vpro_enabled = 'Y') / median(d) FILTER (WHERE vpro_enabled = 'N')) "
            + "FROM (SELECT guid, avg(duration_ac) AS d FROM %s GROUP BY guid) JOIN %s USING (guid)";

    @Test
    void vproTimesDisplayDuration_isRecoveredWithoutWiring(@TempDir Path tmp) throws Exception {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Path sim = SimulatedFleet.of(30_000, 41);
        try (Connection c = Duck.open()) {
            for (TableSchema t : Schema.tables()) {
                Path from = sim.resolve(t.fileName());
                String src = "read_parquet(" + Duck.literal(from.toString()) + ")";
                String sql = t.name().equals("system_display_devices")
                        ? "SELECT d.* REPLACE (CASE WHEN s.vpro_enabled = 'Y' THEN d.duration_ac * 10 ELSE d.duration_ac END AS duration_ac) FROM "
                          + src + " d JOIN read_parquet(" + Duck.literal(sim.resolve(Schema.table(Schema.SYSINFO).fileName()).toString())
                          + ") s USING (guid)"
                        : "SELECT * FROM " + src;
                Duck.copyToParquet(c, sql, raw.resolve(t.fileName()));
            }
        }
        Path real = tmp.resolve("real");
        Path agg = tmp.resolve("agg");
        FleetLoader.load(raw, real, false, Progress.NONE);
        Aggregator.run(real, agg, ReleaseConfig.load(null), Progress.NONE);
        Path out = tmp.resolve("synth");
        Releases.release("marginal", agg, real, out, 4.0, 5L, Map.of());

        double planted = effect(real);
        double released = effect(out);
        assertTrue(planted > Math.log(5), "the plant took: effect " + planted);
        assertTrue(released > 0.5 * planted, "released effect " + released + " vs planted " + planted);
    }

    private static double effect(Path tables) throws Exception {
        try (Connection c = Duck.open()) {
            String display = "read_parquet(" + Duck.literal(tables.resolve("system_display_devices.parquet").toString()) + ")";
            String sysinfo = "read_parquet(" + Duck.literal(tables.resolve(Schema.table(Schema.SYSINFO).fileName()).toString()) + ")";
            return Duck.queryDouble(c, String.format(EFFECT, display, sysinfo));
        }
    }
}
