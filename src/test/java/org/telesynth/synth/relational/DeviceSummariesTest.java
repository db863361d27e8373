package org.telesynth.synth.relational;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.BadInputException;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.schema.Schema;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device summaries the marginal method's device model learns, their coarsening, and the tighter row clip. */
class DeviceSummariesTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);

    @Test
    void summaries_areDerivedFromTheSchema_rowsForEveryTable_levelsForAverages_notTheirExtremes() {
        RelationalPlan plan = new RelationalPlan(4, 1e-5, CONFIG);
        List<DeviceAttribute> attrs = plan.attributes();
        for (var t : Schema.childTables()) {
            assertTrue(attrs.stream().anyMatch(a -> a.kind() == DeviceAttribute.Kind.ROWS && a.table().name().equals(t.name())), t.name());
        }
        List<String> names = attrs.stream().map(DeviceAttribute::name).toList();
        assertTrue(names.contains("level:system_pkg_C0.avg_pkg_c0"));
        assertFalse(names.contains("level:system_pkg_C0.min_pkg_c0"), "min_ follows its avg_");
        assertTrue(names.contains("top:system_web_cat_usage.browser"));
        assertTrue(names.contains("top:system_frgnd_apps_types.app_type"), "16 cells is within summary_max_categories");
        // the min_ column is drawn given its average's level
        ColumnSpec min = ColumnSpec.of(Schema.table("system_pkg_C0"), CONFIG).stream()
                .filter(s -> s.column().name().equals("min_pkg_c0")).findFirst().orElseThrow();
        assertEquals(names.indexOf("level:system_pkg_C0.avg_pkg_c0"), plan.summaryOf(min));
    }

    @Test
    void summariesOverride_picksColumns_andABadColumnIsRefusedByThePlan(@TempDir Path tmp) throws Exception {
        Path ok = Files.writeString(tmp.resolve("ok.yaml"), "marginal:\n  summaries: {system_pkg_C0: [nrs]}\n");
        List<String> names = new RelationalPlan(4, 1e-5, ReleaseConfig.load(ok)).attributes().stream().map(DeviceAttribute::name).toList();
        assertTrue(names.contains("level:system_pkg_C0.nrs"));
        assertFalse(names.contains("level:system_pkg_C0.avg_pkg_c0"));
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "marginal:\n  summaries: {system_pkg_C0: [no_such]}\n");
        ReleaseConfig config = ReleaseConfig.load(bad);
        BadInputException e = assertThrows(BadInputException.class, () -> new RelationalPlan(4, 1e-5, config));
        assertTrue(e.getMessage().contains("marginal.summaries.system_pkg_C0"), e.getMessage());
    }

    @Test
    void newSettings_badValues_areRefusedWithTheirKey(@TempDir Path tmp) throws Exception {
        String[][] cases = {{"row_select_share: 1.5", "marginal.row_select_share"}, {"levels: 0", "marginal.levels"},
                {"max_cells: 2", "marginal.max_cells"}, {"summaries: {system_pkg_C0: 3}", "marginal.summaries.system_pkg_C0"}};
        for (String[] c : cases) {
            Path f = Files.writeString(tmp.resolve("c.yaml"), "marginal:\n  " + c[0] + "\n");
            BadInputException e = assertThrows(BadInputException.class, () -> ReleaseConfig.load(f), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void coarsening_keepsCellZeroApart_cutsContiguousGroupsOfEqualMass_andFewerWhenMassIsSmall() {
        double[] fine = {1000, 10, 10, 10, 10, 10, 10, 10, 10};
        Coarsening c = Coarsening.byMass(fine, 5, 1);
        assertEquals(0, c.of(0));
        for (int i = 2; i < fine.length; i++) {
            assertTrue(c.of(i) >= c.of(i - 1) && c.of(i) >= 1, "contiguous, in order");
        }
        double[] coarse = c.coarse(fine);
        assertEquals(5, coarse.length);
        assertEquals(1000, coarse[0]);
        for (int g = 1; g < 5; g++) {
            assertEquals(20, coarse[g], 1e-9, "equal mass");
        }
        // 80 devices present, at least 40 per group: two groups, the other coarse cells left empty
        Coarsening few = Coarsening.byMass(fine, 5, 40);
        assertEquals(5, few.cells());
        double[] c2 = few.coarse(fine);
        assertEquals(40, c2[1], 1e-9);
        assertEquals(40, c2[2], 1e-9);
        assertEquals(0, c2[3] + c2[4], 1e-9);
    }

    @Test
    void clippedAt_keepsRhoAndTheSpend_andRefusesALooserBound() {
        Measurement m = Measurement.gaussian("t.c marginal", 0.01, 16);
        Measurement tight = m.clippedAt(2);
        assertEquals(m.rho(), tight.rho());
        assertEquals(m.sigma() / 8, tight.sigma(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> m.clippedAt(17));
        tight.spend();
        assertThrows(IllegalStateException.class, m::spend, "spent together: one budget");
    }
}
