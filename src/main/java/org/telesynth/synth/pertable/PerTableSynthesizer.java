package org.telesynth.synth.pertable;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.synth.BoundedViews;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ChildRowGenerator;
import org.telesynth.synth.ColumnModel;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.RowSampler;
import org.telesynth.synth.SyntheticDevices;
import org.telesynth.synth.ReleaseRequest;
import org.telesynth.synth.Synthesizer;
import org.telesynth.synth.dpvae.DeviceVae;
import org.telesynth.synth.relational.DeviceAttribute;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-table baseline (the published approach, done right): every table is modelled on its own from noisy
 * one-way marginals, and child rows hang off synthetic devices drawn at random, so no cross-table relation
 * survives — which is exactly what the later methods are compared against. With {@code pertable.device_model:
 * dpvae} the device tables' attribute columns come jointly from a DP-SGD VAE ({@link DeviceVae}) instead.
 * Everything measured is in the {@link PerTablePlan}, charged before this runs.
 */
public final class PerTableSynthesizer implements Synthesizer<PerTablePlan> {
    @Override
    public String name() {
        return "pertable";
    }

    @Override
    public PerTablePlan plan(ReleaseConfig config, ReleaseRequest request) {
        request.allowOnly(Set.of());
        return new PerTablePlan(request.epsilon(), request.delta(), config);
    }

    @Override
    public Map<String, Long> synthesize(Path agg, PerTablePlan plan, RandomSource random, StagedOutput out, Progress progress) {
        ReleaseConfig config = plan.config();
        Map<String, Long> rows = new LinkedHashMap<>();
        Connection c = Duck.open(0, "2GB", out.scratch("spill")); // with -Xmx4g the process stays under 4 GB
        try (c) {
            BoundedViews.create(c, agg, config);
            Measurer measure = new Measurer(c, random, config);
            double noisyDevices = measure.count(plan.get("device count"), "SELECT count(*) FROM " + Schema.SYSINFO);
            int n = (int) Math.max(1, Math.round(noisyDevices));
            progress.step(String.format("  %,d synthetic devices", n));
            // drawing rows from the released models is post-processing: a fast stream keyed once from the release's source
            RandomSource sampling = RandomSource.seeded(random.nextLong());
            SyntheticDevices devices = new SyntheticDevices(n, sampling);
            ChildRowGenerator generator = new ChildRowGenerator(c, config, sampling, devices, out);
            // the device tables' marginals first (the schema lists them first), so a device model can start from them
            Map<String, Map<String, ColumnModel>> marginals = new LinkedHashMap<>();
            for (TableSchema t : config.releaseTables()) {
                if (t.deviceTable()) {
                    marginals.put(t.name(), marginals(measure, plan, t));
                }
            }
            Map<String, RowSampler.Draw> deviceDraws = plan.vaeDeviceModel()
                    ? vaeDraws(c, measure, plan, marginals, noisyDevices, n, random, progress) : Map.of();
            for (TableSchema t : config.releaseTables()) {
                Map<String, ColumnModel> models = t.deviceTable() ? marginals.get(t.name()) : marginals(measure, plan, t);
                long written;
                if (t.deviceTable()) {
                    written = generator.writeDeviceTable(t, s -> deviceDraws.getOrDefault(s.label(), RowSampler.Draw.of(models.get(s.column().name()))),
                            out.file(t.fileName()));
                } else {
                    int k = config.table(t.name()).k();
                    double coverage = measure.count(plan.get(t.name() + " coverage"), "SELECT count(DISTINCT guid) FROM \"" + t.name() + "\"");
                    double[] histogram = measure.rowsPerDevice(plan.get(t.name() + " rows per device"), t, k);
                    int present = (int) Math.max(0, Math.min(n, Math.round(coverage)));
                    // blockers need a device with an OS history: that is where their days fall inside an interval
                    boolean[] allowed = t.name().equals("system_mods_top_blocker_hist") ? devices.hasOsHistoryMask() : null;
                    int[] idx = devices.sample(present, allowed, sampling);
                    written = generator.writeChildTable(t, idx, generator.rowsPerDevice(idx.length, histogram),
                            s -> RowSampler.Draw.of(models.get(s.column().name())), out.file(t.fileName()));
                }
                rows.put(t.name(), written);
                // synthetic rows only (post-processing of released values); no timing, which depends on the real data
                progress.step(String.format("  %-45s %,12d synthetic rows", t.name(), written));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        return rows;
    }

    /** The released one-way marginal of each modelled column of a table, by column name. */
    private static Map<String, ColumnModel> marginals(Measurer measure, PerTablePlan plan, TableSchema t) {
        Map<String, ColumnModel> models = new LinkedHashMap<>();
        for (ColumnSpec s : plan.columns(t.name())) {
            // sensitivity (plan): a device's at most k bounded rows (1 in a device table) fall in these cells
            models.put(s.column().name(), measure.marginal(plan.get(s.label() + " marginal"),
                    s.kind() == ColumnSpec.Kind.OPEN ? plan.get(s.label() + " values") : null, s));
        }
        return models;
    }

    /**
     * The device VAE's draws of the device attributes' columns, by column label: a VAE trained with DP-SGD on the
     * real devices' attributes (the plan's training charge), decoded into {@code n} synthetic devices, its decoder
     * started from the released marginals (post-processing).
     */
    private static Map<String, RowSampler.Draw> vaeDraws(Connection c, Measurer measure, PerTablePlan plan, Map<String, Map<String, ColumnModel>> marginals,
                                                         double noisyDevices, int n, RandomSource random, Progress progress) {
        List<DeviceAttribute> attrs = plan.deviceAttributes();
        int[][] real = new int[attrs.size()][];
        double[][] oneWay = new double[attrs.size()][];
        for (int a = 0; a < attrs.size(); a++) {
            DeviceAttribute attr = attrs.get(a);
            real[a] = attr.realCodes(c, measure, plan.config(), measure.cells(attr.spec(), null));
            oneWay[a] = marginals.get(attr.spec().table().name()).get(attr.spec().column().name()).weights();
        }
        // sensitivity (DpSgd, plan): one device is one record; the training spends the plan's (epsilon, delta)
        int[][] synth = DeviceVae.synthesize(attrs, real, oneWay, plan.config().dpvae(), plan.trainingEpsilon(), plan.trainingDelta(),
                noisyDevices, n, random, progress);
        Map<String, RowSampler.Draw> draws = new HashMap<>();
        for (int a = 0; a < attrs.size(); a++) {
            draws.put(attrs.get(a).spec().label(), RowSampler.Draw.ofDeviceCodes(attrs.get(a).spec(), attrs.get(a).cells(), synth[a]));
        }
        return draws;
    }
}
