package org.telesynth.synth.marginal;

import org.telesynth.synth.relational.RelationalPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.Vectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measurement step of synthesize-marginal on neighbouring datasets: AGG, and AGG plus one device that copies
 * an existing device in every table with its first row repeated up to the table's k (all its rows in one cell of
 * every marginal, the worst case for a row count). Each statistic the plan measures, taken without noise, must
 * move by at most the sensitivity the plan calibrates its noise to.
 */
class MarginalNeighbourTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);

    @Test
    void everyMeasuredStatistic_movesAtMostItsSensitivity_whenOneDeviceIsAdded(@TempDir Path tmp) throws Exception {
        Path agg = SimulatedFleet.aggregated(20_000, 3);
        Path neighbour = Files.createDirectories(tmp.resolve("agg-plus-one"));
        try (Connection c = Duck.open()) {
            // a donor present in the many-row tables, so that their statistics see the added device
            String donor = "(SELECT min(guid) FROM read_parquet(" + Duck.literal(agg.resolve("system_frgnd_apps_types.parquet").toString()) + "))";
            for (String file : tableFiles()) {
                String src = Duck.literal(agg.resolve(file).toString());
                int copies = file.equals("device_profile.parquet") ? 1 : CONFIG.table(file.replace(".parquet", "")).k();
                Duck.copyToParquet(c, "SELECT * FROM read_parquet(" + src + ") UNION ALL SELECT r.* REPLACE ('zz-added-device' AS guid)"
                        + " FROM (SELECT * FROM read_parquet(" + src + ") WHERE guid = " + donor + " ORDER BY ALL LIMIT 1) r, range("
                        + copies + ")", neighbour.resolve(file));
            }
        }
        RelationalPlan plan = new RelationalPlan(4, 1e-5, CONFIG);
        // a plan per side (each measurement is released once), the same tree edges on both (shared picks)
        Map<String, Integer> picks = new java.util.HashMap<>();
        Map<String, long[]> released = new java.util.HashMap<>();
        Map<String, double[]> a = measured(agg, plan, tmp.resolve("a"), picks, released);
        Map<String, double[]> b = measured(neighbour, new RelationalPlan(4, 1e-5, CONFIG), tmp.resolve("b"), picks, released);
        assertEquals(a.keySet(), b.keySet());
        assertEquals(plan.events().size(), a.size(), "every planned measurement was recorded");
        for (String label : a.keySet()) {
            if (label.startsWith("device network parent") || label.startsWith("device network second parent")) {
                // both sides see the same earlier outputs (the shared released one-ways) and offer the same
                // candidates, so each candidate's score may move by at most the planned 2 (DeviceNetwork)
                assertEquals(a.get(label).length, b.get(label).length, label);
                double[] sa = a.get(label);
                double[] sb = b.get(label);
                for (int i = 0; i < sa.length; i++) {
                    assertTrue(Math.abs(sa[i] - sb[i]) <= plan.get(label).sensitivity() + 1e-9,
                            label + " candidate " + i + " moved " + Math.abs(sa[i] - sb[i]));
                }
                continue;
            }
            Measurement m = plan.get(label);
            double bound = m.isPartition() ? Math.sqrt(m.sensitivity()) : m.sensitivity();
            double d = Vectors.l2(a.get(label), b.get(label));
            assertTrue(d <= bound + 1e-9, label + " moved " + d + " > " + bound);
            // and the added device is seen: every device-level statistic and every one of the donor's app table moves
            // (a network table of a table's summary counts only the devices with rows there, so it may not see the donor)
            if ((label.startsWith("device ") && !label.startsWith("device network table")) || label.startsWith("system_frgnd_apps_types")) {
                assertTrue(d > 0, label + " did not move");
            }
        }
    }

    private static Map<String, double[]> measured(Path agg, RelationalPlan plan, Path out, Map<String, Integer> picks, Map<String, long[]> released) {
        Measurer[] exact = new Measurer[1];
        try (StagedOutput staged = new StagedOutput(out)) {
            MarginalSynthesizer.synthesize(agg, new MarginalPlan(plan), CONFIG, RandomSource.seeded(1), staged, Progress.NONE,
                    c -> exact[0] = Measurer.exactForSensitivityTests(c, CONFIG, picks, released));
        }
        return exact[0].recorded();
    }

    private static List<String> tableFiles() {
        List<String> files = new java.util.ArrayList<>(Schema.tables().stream().map(TableSchema::fileName).toList());
        files.add("device_profile.parquet");
        return files;
    }
}
