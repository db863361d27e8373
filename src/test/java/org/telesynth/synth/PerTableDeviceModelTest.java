package org.telesynth.synth;

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
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.schema.Schema;
import org.telesynth.sim.SimulatedFleet;
import org.telesynth.synth.pertable.PerTablePlan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-table baseline's DP-VAE device model ({@code pertable.device_model: dpvae}): its plan charges the training
 * and the rest to exactly the requested total, its release keeps the contract and a device's attributes together
 * (which the histogram model draws apart), and the same seed gives the same bytes.
 */
class PerTableDeviceModelTest {
    private static final ReleaseConfig HISTOGRAM = ReleaseConfig.load(null);
    private static final ReleaseConfig VAE = ReleaseConfig.load(null, "pertable: {device_model: dpvae}");
    private static Path agg;

    @BeforeAll
    static void aggregate() {
        agg = SimulatedFleet.aggregated(20_000, 3);
    }

    @Test
    void plan_chargesTheTrainingShare_andComposesToTheTotal() {
        for (double epsilon : new double[]{0.5, 4, 16}) {
            PerTablePlan plan = new PerTablePlan(epsilon, 1e-5, VAE);
            PrivacyEvent.ApproxDp training = (PrivacyEvent.ApproxDp) plan.events().get(0);
            assertEquals(epsilon * VAE.dpvae().trainingShare(), training.epsilon(), 1e-12);
            assertEquals(1e-5 * VAE.dpvae().trainingDeltaShare(), training.delta(), 1e-18);
            assertEquals(epsilon, Accountant.standard().compose(plan.events(), 1e-5).epsilon(), 1e-6 * epsilon);
            // a plan that forgot the training would claim less than it spends: the composition shows it
            List<PrivacyEvent> withoutTraining = new ArrayList<>(plan.events().subList(1, plan.events().size()));
            assertTrue(Accountant.standard().compose(withoutTraining, 1e-5 - training.delta()).epsilon() < epsilon - training.epsilon() + 1e-6 * epsilon);
            assertEquals(VAE.marginal().deviceAttributes().size(), plan.deviceAttributes().size());
        }
        assertTrue(new PerTablePlan(4, 1e-5, HISTOGRAM).deviceAttributes().isEmpty());
        assertTrue(new PerTablePlan(4, 1e-5, HISTOGRAM).events().stream().noneMatch(e -> e instanceof PrivacyEvent.ApproxDp));
    }

    @Test
    void configRefusesAnUnknownDeviceModel(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "pertable: {device_model: gan}\n", StandardCharsets.UTF_8);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.telesynth.BadInputException.class, () -> ReleaseConfig.load(bad));
        assertTrue(e.getMessage().contains("pertable.device_model") && e.getMessage().contains("histogram, dpvae"), e.getMessage());
        assertNotEquals(HISTOGRAM.hash(), VAE.hash(), "the variant is a configuration of its own (its own parameter hash)");
        ReleaseConfig noInputs = ReleaseConfig.load(null, "pertable: {device_model: dpvae}\nmarginal: {device_attributes: []}");
        var none = org.junit.jupiter.api.Assertions.assertThrows(org.telesynth.BadInputException.class, () -> new PerTablePlan(4, 1e-5, noInputs));
        assertTrue(none.getMessage().contains("marginal.device_attributes"), none.getMessage());
    }

    /**
     * Both models at the same seed on the same fleet: the VAE's device tables keep the contract, and their two-way
     * joints of device attributes (cpu vendor with cpu name and graphics maker, chassis with its 2-in-1 kind) sit
     * closer to the real ones than independent histograms do.
     */
    @Test
    void vaeDeviceModel_keepsAttributesTogether_thatHistogramsDrawApart(@TempDir Path tmp) throws SQLException {
        Path vaeOut = tmp.resolve("vae");
        Path histOut = tmp.resolve("hist");
        Releases.release("pertable", VAE, agg, Releases.dataset(tmp.resolve("d1"), agg, 16, 1e-5), vaeOut, 16, 5L, Map.of());
        Releases.release("pertable", HISTOGRAM, agg, Releases.dataset(tmp.resolve("d2"), agg, 16, 1e-5), histOut, 16, 5L, Map.of());
        FleetLoader.load(vaeOut, tmp.resolve("validated"), false, Progress.NONE); // throws on any contract violation
        String[][] pairs = {{"cpuvendor", "cpuname"}, {"cpuvendor", "graphicsmanuf"}, {"chassistype", "chassistype_2in1_category"}};
        Path real = agg.getParent().resolve("test-real-20000-3");
        double vae = 0;
        double hist = 0;
        for (String[] p : pairs) {
            Map<String, Double> truth = joint(real, p);
            vae += tvd(truth, joint(vaeOut, p));
            hist += tvd(truth, joint(histOut, p));
        }
        assertTrue(vae < 0.8 * hist, "mean TVD of the pairs: VAE " + vae / pairs.length + ", histograms " + hist / pairs.length);
    }

    @Test
    void sameSeed_sameBytes(@TempDir Path tmp) {
        Releases.release("pertable", VAE, agg, Releases.dataset(tmp.resolve("d1"), agg, 4, 1e-5), tmp.resolve("a"), 1, 9L, Map.of());
        Releases.release("pertable", VAE, agg, Releases.dataset(tmp.resolve("d2"), agg, 4, 1e-5), tmp.resolve("b"), 1, 9L, Map.of());
        for (var t : Schema.tables()) {
            assertEquals(FileHashes.sha256(tmp.resolve("a").resolve(t.fileName())), FileHashes.sha256(tmp.resolve("b").resolve(t.fileName())), t.name());
        }
    }

    /** The share of devices in each cell of two sysinfo columns. */
    private static Map<String, Double> joint(Path tables, String[] columns) throws SQLException {
        Map<String, Double> out = new HashMap<>();
        try (Connection c = Duck.open()) {
            TableViews.create(c, tables, true);
            String sql = "SELECT coalesce(" + columns[0] + ", '~') || '|' || coalesce(" + columns[1] + ", '~'), count(*) / sum(count(*)) OVER () FROM "
                    + Schema.SYSINFO + " GROUP BY 1";
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return out;
    }

    private static double tvd(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> all = new HashMap<>(a);
        b.keySet().forEach(k -> all.putIfAbsent(k, 0.0));
        double d = 0;
        for (String k : all.keySet()) {
            d += Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0));
        }
        return d / 2;
    }
}
