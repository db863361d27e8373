package org.telesynth.synth.relational;

import org.telesynth.config.MarginalSettings;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.bench.QuerySpec;
import org.telesynth.bench.QuerySuite;
import org.telesynth.privacy.PrivacyEvent;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;
import org.telesynth.synth.ColumnSpec;
import org.telesynth.synth.Measurement;
import org.telesynth.synth.PlanSettings;
import org.telesynth.synth.ReleaseBudget;
import org.telesynth.synth.SynthesisPlan;
import org.telesynth.BadInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The marginal method's plan, fixed from public information before any data is read. Sensitivities, for
 * neighbours that differ by all rows of one device, after aggregate's bounding to k rows per device:
 * <ul>
 *   <li>device count, each device attribute's one-way marginal (in its fine cells), each network table (parents x
 *       attribute): 1 (the device has one value of each attribute, summaries included, so it sits in one cell);</li>
 *   <li>each parent selection: the exponential mechanism's score moves by at most 2 (DeviceNetwork);</li>
 *   <li>a device-table column outside the model: 1;</li>
 *   <li>a child table's rows-per-device histogram (the methods without summaries): 1; each of its column
 *       marginals, plain or crossed with the device's summary of the column and a parent column of the row:
 *       min(k, {@code marginal.row_clip}) in L2 (with summaries, the tighter row count that 90 % of the table's
 *       present devices stay within, read from the released rows-bucket one-way: same rho, less noise,
 *       {@link Measurement#clippedAt}), because each
 *       device's rows weigh at most that much together ({@link org.telesynth.synth.Measurer#clippedHistogram});</li>
 *   <li>a child column's row-parent selection (with summaries): the dependence score moves by at most 4 times the
 *       row clip (RelationalTables.rowParentScores);</li>
 *   <li>partition selection: the device's at most {@code partition_values_per_device} distinct values (L1).</li>
 * </ul>
 * The zCDP budget: {@code marginal.device_share} to the device model (one-way / selection / pairs by the
 * configured shares, equal inside each), the rest to the tables by the config's table weights, equal inside a table.
 */
public final class RelationalPlan implements SynthesisPlan {
    private final ReleaseConfig config;
    private final ReleaseBudget budget;
    private final List<DeviceAttribute> attributes;
    private final double[][] relevance;
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final Map<String, List<ColumnSpec>> columns = new LinkedHashMap<>();
    private final double pairSigma;
    private final boolean rowsPerDevice;
    private final boolean summaries;

    public RelationalPlan(double epsilon, double delta, ReleaseConfig config) {
        this(config, ReleaseBudget.split(epsilon, delta, config.partitionShare(), config.partitionDeltaShare(), hasOpenColumns(config)), true, false);
    }

    /**
     * The plan of the relational half alone, for a method that brings its own device model (and rows per device):
     * the device count, device-table columns outside the model, child column marginals and partition selection,
     * spending all of {@code budget}.
     */
    public static RelationalPlan withoutDeviceModel(ReleaseBudget budget, ReleaseConfig config) {
        return new RelationalPlan(config, budget, false, false);
    }

    /** As {@link #withoutDeviceModel}, with each child table's noisy rows-per-device histogram too. */
    public static RelationalPlan withoutDeviceModelWithRows(ReleaseBudget budget, ReleaseConfig config) {
        return new RelationalPlan(config, budget, false, true);
    }

    /** Whether some modelled column has an open domain (its values need partition selection). */
    public static boolean hasOpenColumns(ReleaseConfig config) {
        for (TableSchema t : config.releaseTables()) {
            for (ColumnSpec s : ColumnSpec.of(t, config)) {
                if (s.kind() == ColumnSpec.Kind.OPEN) {
                    return true;
                }
            }
        }
        return false;
    }

    private RelationalPlan(ReleaseConfig config, ReleaseBudget budget, boolean deviceModel, boolean rowsPerDevice) {
        this.config = config;
        this.budget = budget;
        MarginalSettings ms = config.marginal();
        // the marginal method's own device model learns every table's summaries; the others bring their own model
        // over the device attributes and presences
        this.summaries = deviceModel;
        attributes = deviceModel ? DeviceAttribute.withSummaries(config) : DeviceAttribute.withPresences(config);
        relevance = relevance(attributes, QuerySuite.embedded());
        this.rowsPerDevice = rowsPerDevice;
        int n = attributes.size();
        int open = 0;
        for (TableSchema t : config.releaseTables()) {
            List<ColumnSpec> specs = new ArrayList<>();
            for (ColumnSpec s : ColumnSpec.of(t, config)) {
                if (!t.deviceTable() || attribute(s) < 0) {
                    specs.add(s);
                }
            }
            columns.put(t.name(), specs);
            open += (int) specs.stream().filter(s -> s.kind() == ColumnSpec.Kind.OPEN).count();
        }
        double maxRelevance = 0;
        for (double[] row : relevance) {
            for (double r : row) {
                maxRelevance = Math.max(maxRelevance, r);
            }
        }
        double rhoDevice;
        if (deviceModel) {
            rhoDevice = budget.rho() * ms.deviceShare();
            double rhoOne = rhoDevice * ms.oneWayShare() / (n + 1);
            double rhoSelect = rhoDevice * ms.selectShare() / (2 * (n - 1));
            double rhoPair = rhoDevice * (1 - ms.oneWayShare() - ms.selectShare()) / (n - 1);
            pairSigma = 1 / Math.sqrt(2 * rhoPair);
            add(Measurement.gaussian("device count", rhoOne, 1));
            for (DeviceAttribute a : attributes) {
                add(Measurement.gaussian("device " + a.name() + " one-way", rhoOne, 1));
            }
            for (int i = 1; i < n; i++) {
                add(Measurement.gaussian("device network parent " + i, rhoSelect, 2));
                add(Measurement.gaussian("device network second parent " + i, rhoSelect, 2));
                add(Measurement.gaussian("device network table " + i, rhoPair, 1));
            }
        } else {
            // the device count, weighted against the tables as in the per-table plan
            double totalWeight = config.deviceCountWeight();
            for (TableSchema t : config.releaseTables()) {
                totalWeight += parts(t) > 0 ? config.tableWeights().get(t.name()) : 0;
            }
            rhoDevice = budget.rho() * config.deviceCountWeight() / totalWeight;
            pairSigma = Double.NaN;
            add(Measurement.gaussian("device count", rhoDevice, 1));
        }
        double rhoTables = budget.rho() - rhoDevice;
        double totalWeight = 0;
        for (TableSchema t : config.releaseTables()) {
            if (parts(t) > 0) {
                totalWeight += config.tableWeights().get(t.name());
            }
        }
        for (TableSchema t : config.releaseTables()) {
            int parts = parts(t);
            if (parts == 0) {
                continue;
            }
            double rhoPart = rhoTables * config.tableWeights().get(t.name()) / totalWeight / parts;
            int k = config.table(t.name()).k();
            if (!t.deviceTable() && rowsPerDevice) {
                add(Measurement.gaussian(t.name() + " rows per device", rhoPart, 1));
            }
            List<ColumnSpec> ordered = rowOrder(t);
            for (ColumnSpec s : columns.get(t.name())) {
                double clip = t.deviceTable() ? 1 : rowClip(t.name(), config);
                if (selectsRowParent(t, s, ordered)) {
                    // sensitivity: the dependence score moves by at most 4 clip (RelationalTables.rowParentScores)
                    add(Measurement.gaussian(s.label() + " row parent", rhoPart * ms.rowSelectShare(), 4 * clip));
                    add(Measurement.gaussian(s.label() + " marginal", rhoPart * (1 - ms.rowSelectShare()), clip));
                } else {
                    add(Measurement.gaussian(s.label() + " marginal", rhoPart, clip));
                }
                if (s.kind() == ColumnSpec.Kind.OPEN) {
                    add(Measurement.partition(s.label() + " values", budget.partitionRho() / open, budget.partitionDelta() / open,
                            config.partitionValuesPerDevice()));
                }
            }
        }
        validateParents();
    }

    /**
     * Checks {@code marginal.parents} against the plan, before anything is charged: every entry names a table and a
     * column this plan models, each parent is a modelled column of the same row or a device attribute
     * ({@code device.<name>}), and the row parents of a table form no cycle.
     */
    private void validateParents() {
        Map<String, Map<String, String>> parents = config.marginal().parents();
        Set<String> attributeNames = new HashSet<>();
        attributes.forEach(a -> attributeNames.add(a.name()));
        for (var table : parents.entrySet()) {
            String where = "marginal.parents." + table.getKey();
            List<ColumnSpec> modelled = columns.get(table.getKey());
            if (modelled == null) {
                throw new BadInputException(config.source() + ": " + where + " names no table");
            }
            Set<String> names = new HashSet<>();
            modelled.forEach(c -> names.add(c.column().name()));
            for (var e : table.getValue().entrySet()) {
                String key = where + "." + e.getKey();
                String parent = e.getValue();
                if (!names.contains(e.getKey())) {
                    throw new BadInputException(config.source() + ": " + key + " is not a modelled column of " + table.getKey());
                }
                if (parent.startsWith("device.") ? !attributeNames.contains(parent.substring("device.".length())) : !names.contains(parent)) {
                    throw new BadInputException(config.source() + ": " + key + ": " + parent + " is "
                            + (parent.startsWith("device.") ? "not a device attribute (marginal.device_attributes)" : "not a modelled column"));
                }
            }
            for (String start : table.getValue().keySet()) {
                Set<String> seen = new HashSet<>();
                for (String c = start; c != null && !c.startsWith("device."); c = table.getValue().get(c)) {
                    if (!seen.add(c)) {
                        throw new BadInputException(config.source() + ": " + where + ": the parents form a cycle through " + c);
                    }
                }
            }
        }
    }

    @Override
    public ReleaseConfig config() {
        return config;
    }

    /** The marginal section (its device model, and the row clip and parents of the relational half every method uses). */
    @Override
    public Map<String, Object> publicSettings() {
        return PlanSettings.of(config, Map.of("marginal", config.marginal()));
    }

    /**
     * A child table's modelled columns in the order row parents are chosen in (public): open names, then
     * categories, then values and numbers, then days; contract order inside each.
     */
    public List<ColumnSpec> rowOrder(TableSchema t) {
        List<ColumnSpec> out = new ArrayList<>(columns.get(t.name()));
        out.sort(java.util.Comparator.comparingInt(s -> switch (s.kind()) {
            case OPEN -> 0;
            case CATEGORY -> 1;
            case VALUES, NUMERIC -> 2;
            case DAY, DEVICE_DAY -> 3;
        }));
        return out;
    }

    /** Whether the plan chooses a column's row parent by selection: a child table, no override, not first in order. */
    public boolean selectsRowParent(TableSchema t, ColumnSpec s, List<ColumnSpec> ordered) {
        return !t.deviceTable() && config.marginal().parent(t.name(), s.column().name()) == null && ordered.indexOf(s) > 0;
    }

    /** A child table's row weight per device in its column marginals: the configured clip, never above k. */
    static int rowClip(String table, ReleaseConfig config) {
        return Math.min(config.table(table).k(), config.marginal().rowClip());
    }

    private int parts(TableSchema t) {
        return columns.get(t.name()).size() + (t.deviceTable() || !rowsPerDevice ? 0 : 1);
    }

    /** The index of the device attribute a device-table column is, or -1. */
    int attribute(ColumnSpec s) {
        for (int a = 0; a < attributes.size(); a++) {
            ColumnSpec spec = attributes.get(a).spec();
            if (attributes.get(a).kind() == DeviceAttribute.Kind.VALUE && spec.label().equals(s.label())) {
                return a;
            }
        }
        return -1;
    }

    /**
     * Public workload relevance of each pair of attributes: 1 + the number of queries whose SQL involves both (a
     * presence counts as involved when the query reads its table).
     */
    static double[][] relevance(List<DeviceAttribute> attributes, List<QuerySpec> queries) {
        int n = attributes.size();
        double[][] r = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                r[a][b] = 1;
            }
        }
        for (QuerySpec q : queries) {
            List<Integer> involved = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                if (attributes.get(a).mentionedBy(q)) {
                    involved.add(a);
                }
            }
            for (int a : involved) {
                for (int b : involved) {
                    if (a != b) {
                        r[a][b]++;
                    }
                }
            }
        }
        return r;
    }

    private void add(Measurement m) {
        measurements.put(m.label(), m);
    }

    public Measurement get(String label) {
        Measurement m = measurements.get(label);
        if (m == null) {
            throw new IllegalStateException("no planned measurement " + label + ": everything measured must be in the plan");
        }
        return m;
    }

    public List<DeviceAttribute> attributes() {
        return attributes;
    }

    public double[][] relevance() {
        return relevance;
    }

    /** The noise scale of the device network's tables. */
    public double pairSigma() {
        return pairSigma;
    }

    /** Whether the device attributes include every child table's summaries (rows bucket, levels, top categories). */
    public boolean summaries() {
        return summaries;
    }

    /**
     * The device summary a child column is drawn given: its own level or top category, else (the min_ or max_ of
     * an avg_ column) the average's level; or -1.
     */
    public int summaryOf(ColumnSpec s) {
        int own = summaryIndex(s.label());
        if (own >= 0 || !DeviceAttribute.extremeOfAverage(s.table(), s)) {
            return own;
        }
        return summaryIndex(s.table().name() + ".avg_" + s.column().name().substring(4));
    }

    private int summaryIndex(String columnLabel) {
        for (int a = 0; a < attributes.size(); a++) {
            DeviceAttribute attr = attributes.get(a);
            if ((attr.kind() == DeviceAttribute.Kind.LEVEL || attr.kind() == DeviceAttribute.Kind.TOP) && attr.spec().label().equals(columnLabel)) {
                return a;
            }
        }
        return -1;
    }

    /** The rows-bucket attribute of a child table, or -1. */
    public int rowsOf(TableSchema t) {
        for (int a = 0; a < attributes.size(); a++) {
            if (attributes.get(a).kind() == DeviceAttribute.Kind.ROWS && attributes.get(a).table().name().equals(t.name())) {
                return a;
            }
        }
        return -1;
    }

    /** The columns a table models through this plan (device tables: those outside the device model). */
    List<ColumnSpec> columns(String table) {
        return columns.get(table);
    }

    @Override
    public List<PrivacyEvent> events() {
        List<PrivacyEvent> out = new ArrayList<>();
        measurements.values().forEach(m -> out.add(m.event()));
        return out;
    }
}
