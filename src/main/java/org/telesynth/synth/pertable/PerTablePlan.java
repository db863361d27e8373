package org.telesynth.synth.pertable;

import org.telesynth.BadInputException;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.PlanSettings;
import org.telesynth.synth.ReleaseBudget;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.synth.relational.DeviceAttribute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-table baseline's plan, from public information only: the device count; per child table its coverage
 * (devices present), its rows-per-device histogram and one marginal per modelled column; per device table one
 * marginal per modelled column; a partition selection per open-domain column. Sensitivities, for neighbours that
 * differ by all rows of one device, after aggregate's bounding to k rows per device:
 * <ul>
 *   <li>device count, coverage: 1 (one device, counted once);</li>
 *   <li>rows-per-device histogram: 1 (the device sits in one bucket);</li>
 *   <li>a column marginal of a child table: k in L2 (the device's at most k rows, worst case all in one cell);
 *       of a device table: 1;</li>
 *   <li>partition selection: the device's at most {@code partition_values_per_device} distinct values (L1).</li>
 * </ul>
 * The zCDP budget is split by the config's weights: the device count, then per table, equally inside a table.
 *
 * <p>With {@code pertable.device_model: dpvae}, {@code dpvae.training_share} of epsilon (and
 * {@code training_delta_share} of delta) first goes to DP-SGD training of a VAE over {@code marginal.device_attributes}
 * (one device, one record), charged as an (epsilon, delta) event and composed additively with the rest, as the
 * DP-VAE method does; the rest is split as above. The VAE's decoder starts from the device tables' released
 * marginals (post-processing).
 */
public final class PerTablePlan implements SynthesisPlan {
    private final ReleaseConfig config;
    private final ReleaseBudget budget;
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final Map<String, List<ColumnSpec>> columns = new LinkedHashMap<>();
    private final boolean vaeDeviceModel;
    /** The device VAE's attributes (empty for the histogram device model). */
    private final List<DeviceAttribute> deviceAttributes;
    private final double trainingEpsilon;
    private final double trainingDelta;

    public PerTablePlan(double epsilon, double delta, ReleaseConfig config) {
        this.config = config;
        int open = 0;
        for (TableSchema t : config.releaseTables()) {
            List<ColumnSpec> specs = ColumnSpec.of(t, config);
            columns.put(t.name(), specs);
            open += (int) specs.stream().filter(s -> s.kind() == ColumnSpec.Kind.OPEN).count();
        }
        boolean vae = config.pertableDeviceModel().equals("dpvae");
        this.vaeDeviceModel = vae;
        this.deviceAttributes = vae ? DeviceAttribute.values(config) : List.of();
        if (vae && deviceAttributes.isEmpty()) {
            throw new BadInputException(config.source() + ": pertable.device_model dpvae needs marginal.device_attributes (the VAE's inputs)");
        }
        this.trainingEpsilon = vae ? epsilon * config.dpvae().trainingShare() : 0;
        this.trainingDelta = vae ? delta * config.dpvae().trainingDeltaShare() : 0;
        this.budget = ReleaseBudget.split(epsilon - trainingEpsilon, delta - trainingDelta, config.partitionShare(),
                config.partitionDeltaShare(), open > 0);
        double totalWeight = config.deviceCountWeight()
                + config.releaseTables().stream().mapToDouble(t -> config.tableWeights().get(t.name())).sum();
        double rho = budget.rho();
        add(Measurement.gaussian("device count", rho * config.deviceCountWeight() / totalWeight, 1));
        for (TableSchema t : config.releaseTables()) {
            List<ColumnSpec> specs = columns.get(t.name());
            int k = config.table(t.name()).k();
            int parts = specs.size() + (t.deviceTable() ? 0 : 2);
            double rhoPart = rho * config.tableWeights().get(t.name()) / totalWeight / parts;
            if (!t.deviceTable()) {
                add(Measurement.gaussian(t.name() + " coverage", rhoPart, 1));
                add(Measurement.gaussian(t.name() + " rows per device", rhoPart, 1));
            }
            for (ColumnSpec s : specs) {
                add(Measurement.gaussian(s.label() + " marginal", rhoPart, t.deviceTable() ? 1 : k));
                if (s.kind() == ColumnSpec.Kind.OPEN) {
                    add(Measurement.partition(s.label() + " values", budget.partitionRho() / open,
                            budget.partitionDelta() / open, config.partitionValuesPerDevice()));
                }
            }
        }
    }

    private void add(Measurement m) {
        measurements.put(m.label(), m);
    }

    /** Whether the device tables come from the device VAE ({@code pertable.device_model: dpvae}). */
    public boolean vaeDeviceModel() {
        return vaeDeviceModel;
    }

    /** The device VAE's attributes: the configured device attributes (empty for the histogram model). */
    public List<DeviceAttribute> deviceAttributes() {
        return deviceAttributes;
    }

    /** The device VAE's training (epsilon, delta), charged up front (0 for the histogram model). */
    public double trainingEpsilon() {
        return trainingEpsilon;
    }

    public double trainingDelta() {
        return trainingDelta;
    }

    public ReleaseBudget budget() {
        return budget;
    }

    public Measurement get(String label) {
        Measurement m = measurements.get(label);
        if (m == null) {
            throw new IllegalStateException("no planned measurement " + label + ": everything measured must be in the plan");
        }
        return m;
    }

    public List<ColumnSpec> columns(String table) {
        return columns.get(table);
    }

    @Override
    public ReleaseConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> publicSettings() {
        Map<String, Object> out = PlanSettings.of(config, vaeDeviceModel() ? Map.of("dpvae", config.dpvae()) : Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> own = (Map<String, Object>) out.get("pertable");
        own.put("device_model", config.pertableDeviceModel());
        return out;
    }

    @Override
    public List<PrivacyEvent> events() {
        List<PrivacyEvent> out = new ArrayList<>();
        if (vaeDeviceModel()) {
            out.add(new PrivacyEvent.ApproxDp(trainingEpsilon, trainingDelta,
                    "DP-SGD training of the device VAE (noise calibrated to this after the noisy device count)"));
        }
        measurements.values().forEach(m -> out.add(m.event()));
        return out;
    }

    public Map<String, Measurement> measurements() {
        return measurements;
    }

    /**
     * The per-table privacy table of docs/privacy.md, from the configuration: grain, k, clamps, and the L2
     * sensitivity of each statistic the per-table release measures, for the 19 tables and the event summaries (which
     * a release writes when its input held event tables). A test keeps the page equal to this.
     */
    public static String privacyTable(ReleaseConfig config) {
        StringBuilder b = new StringBuilder("| table | grain | k | clamps | sensitivities (L2, one device added or removed) |\n|---|---|---|---|---|\n");
        List<String> summaries = org.telesynth.schema.EventSummaries.tables().stream().map(TableSchema::name).toList();
        for (TableSchema t : config.withEventSummaries(summaries).releaseTables()) {
            ReleaseConfig.TableConfig tc = config.table(t.name());
            StringBuilder clamps = new StringBuilder();
            tc.clamps().forEach((col, c) -> clamps.append(clamps.length() == 0 ? "" : ", ").append(col).append(" [")
                    .append(fmt(c.lo())).append(", ").append(fmt(c.hi())).append("]"));
            String sens = t.deviceTable() ? "each column marginal 1" : "coverage 1; rows-per-device histogram 1; each column marginal "
                    + tc.k() + "; partition selection sqrt(" + config.partitionValuesPerDevice() + ") (" + config.partitionValuesPerDevice() + " values)";
            b.append("| ").append(t.name()).append(" | ").append(String.join(", ", t.grain())).append(" | ").append(tc.k())
                    .append(" | ").append(clamps.length() == 0 ? "-" : clamps).append(" | ").append(sens).append(" |\n");
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
