package org.telesynth.synth.relational;

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
import org.telesynth.synth.Measurement;
import org.telesynth.synth.Measurer;
import org.telesynth.synth.RowSampler;
import org.telesynth.synth.SyntheticDevices;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relational half of a release, shared by every method with a device model: given the synthetic devices'
 * codes of the plan's device attributes (values and every child table's presence), writes the device tables
 * (modelled columns from the codes, the rest from noisy one-way marginals) and each child table's rows on the
 * devices present, each column drawn from a noisy marginal crossed with its configured parent (a column of the
 * row or a device attribute), so joins and the within-row relations the workload uses survive. Everything
 * measured is in the plan, charged before this runs.
 */
public final class RelationalTables {
    private final Connection c;
    private final RelationalPlan plan;
    private final ReleaseConfig config;
    private final Measurer measure;
    private final Progress progress;

    /** How many rows each present device of a child table gets. */
    @FunctionalInterface
    public interface RowsPerDevice {
        int[] rows(TableSchema table, int[] devices, ChildRowGenerator generator);
    }

    /** Over a connection where aggregate's tables are views and {@code device_profile} is its device profile. */
    public RelationalTables(Connection c, RelationalPlan plan, ReleaseConfig config, Measurer measure, Progress progress) {
        this.c = c;
        this.plan = plan;
        this.config = config;
        this.measure = measure;
        this.progress = progress;
    }

    /** Opens AGG as the connection this class reads. */
    public static Connection open(Path agg, ReleaseConfig config, StagedOutput out) {
        Connection c = Duck.open(0, "2GB", out.scratch("spill"));
        try {
            BoundedViews.create(c, agg, config);
            return c;
        } catch (RuntimeException e) {
            Duck.close(c);
            throw e;
        }
    }

    /** The plan's noisy device count (released once; callers keep it). */
    public double noisyDeviceCount() {
        // sensitivity (plan): one device, counted once
        return measure.count(plan.get("device count"), "SELECT count(*) FROM " + Schema.SYSINFO);
    }

    /** How many synthetic devices a noisy count gives: rounded, at least 1. */
    public static int syntheticDevices(double noisyCount) {
        return (int) Math.max(1, Math.round(noisyCount));
    }

    /** Rows per device from the plan's noisy rows-per-device histogram of each table. */
    public RowsPerDevice measuredRows() {
        // sensitivity (plan): a device sits in one bucket, L2 = 1
        return (t, idx, generator) -> generator.rowsPerDevice(idx.length,
                measure.rowsPerDevice(plan.get(t.name() + " rows per device"), t, config.table(t.name()).k()));
    }

    /**
     * Blocker rows fall inside OS intervals (SCHEMA.md), so a device with blockers needs an OS history: a synthetic
     * device with blockers and none gets one (post-processing). A device model that does not learn that implication
     * exactly (the VAE, PE) would otherwise lose the blockers of such devices; the marginal method's tree links the
     * two presences and needs none of this.
     */
    public void blockersNeedOsHistory(int[][] codes) {
        int os = -1;
        int blockers = -1;
        for (int a = 0; a < plan.attributes().size(); a++) {
            DeviceAttribute attr = plan.attributes().get(a);
            String t = attr.presenceOf() == null ? "" : attr.presenceOf().name();
            os = t.equals("system_os_codename_history") ? a : os;
            blockers = t.equals("system_mods_top_blocker_hist") ? a : blockers;
        }
        for (int d = 0; os >= 0 && blockers >= 0 && d < codes[os].length; d++) {
            codes[os][d] |= codes[blockers][d];
        }
    }

    /** The plan's device attributes' cells. */
    public int[] cells() {
        int[] cells = new int[plan.attributes().size()];
        for (int a = 0; a < cells.length; a++) {
            cells[a] = plan.attributes().get(a).cells(config);
        }
        return cells;
    }

    /** The real devices' codes of every device attribute, in guid order (private; only mechanisms read them). */
    public int[][] realCodes() {
        int[][] out = new int[plan.attributes().size()][];
        for (int a = 0; a < out.length; a++) {
            DeviceAttribute attr = plan.attributes().get(a);
            out[a] = codes(attr, attr.spec() == null ? null : measure.cells(attr.spec(), null));
        }
        return out;
    }

    /**
     * Writes every table for {@code n} synthetic devices whose attribute codes are {@code synth[attribute][device]}.
     *
     * @param sampling post-processing randomness (a fast stream keyed once from the release's source)
     */
    public Map<String, Long> write(int n, int[][] synth, RowsPerDevice rowsPerDevice, RandomSource sampling, StagedOutput out) {
        List<DeviceAttribute> attrs = plan.attributes();
        int na = attrs.size();
        int[] cells = cells();
        SyntheticDevices devices = new SyntheticDevices(n, sampling);
        ChildRowGenerator generator = new ChildRowGenerator(c, config, sampling, devices, out.scratch("staging"));
        Map<String, Integer> attrIndex = new HashMap<>();
        for (int a = 0; a < na; a++) {
            attrIndex.put(attrs.get(a).name(), a);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableSchema t : Schema.tables()) {
            Map<String, RowSampler.Draw> draws = tableDraws(t, synth, attrIndex, cells);
            long written;
            if (t.deviceTable()) {
                for (ColumnSpec s : ColumnSpec.of(t, config)) {
                    int a = plan.attribute(s);
                    if (a >= 0) {
                        // the device model's value, as a point mass per value
                        List<ColumnModel> point = new ArrayList<>();
                        for (int v = 0; v < cells[a]; v++) {
                            double[] w = new double[cells[a]];
                            w[v] = 1;
                            point.add(new ColumnModel(s, w, null));
                        }
                        int[] code = synth[a];
                        draws.put(s.column().name(), RowSampler.Draw.byDevice(point, d -> code[d]));
                    }
                }
                written = generator.writeDeviceTable(t, s -> draws.get(s.column().name()), out.file(t.fileName()));
            } else {
                int[] presence = synth[attrIndex.get("present:" + t.name())];
                boolean[] osHistory = devices.hasOsHistoryMask();
                boolean blockers = t.name().equals("system_mods_top_blocker_hist");
                int count = 0;
                for (int d = 0; d < n; d++) {
                    count += presence[d] == 1 && (!blockers || osHistory[d]) ? 1 : 0;
                }
                int[] idx = new int[count];
                for (int d = 0, i = 0; d < n; d++) {
                    if (presence[d] == 1 && (!blockers || osHistory[d])) {
                        idx[i++] = d;
                    }
                }
                if (count == 0) {
                    // the contract has no empty tables: a rare table the noisy model left empty gets one device
                    // (post-processing, no data read); for blockers one with an OS history
                    int d = 0;
                    while (blockers && d < n - 1 && !osHistory[d]) {
                        d++;
                    }
                    idx = new int[]{d};
                }
                written = generator.writeChildTable(t, idx, rowsPerDevice.rows(t, idx, generator),
                        s -> draws.get(s.column().name()), out.file(t.fileName()));
            }
            rows.put(t.name(), written);
            // synthetic rows only (post-processing of released values); no timing, which depends on the real data
            progress.step(String.format("  %-45s %,12d synthetic rows", t.name(), written));
        }
        return rows;
    }

    /** The draws of a table's modelled columns outside the device model: parents first, each crossed with its parent. */
    private Map<String, RowSampler.Draw> tableDraws(TableSchema t, int[][] synth, Map<String, Integer> attrIndex, int[] attrCells) {
        Map<String, RowSampler.Draw> draws = new HashMap<>();
        Map<String, Measurer.Cells> columnCells = new HashMap<>();
        Map<String, ColumnSpec> byName = new HashMap<>();
        for (ColumnSpec s : plan.columns(t.name())) {
            byName.put(s.column().name(), s);
        }
        List<ColumnSpec> pending = new ArrayList<>(plan.columns(t.name()));
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (ColumnSpec s : List.copyOf(pending)) {
                String parent = config.marginal().parent(t.name(), s.column().name());
                boolean rowParent = parent != null && !parent.startsWith("device.");
                if (rowParent && !byName.containsKey(parent)) {
                    throw new IllegalArgumentException("marginal.parents." + t.name() + "." + s.column().name() + ": " + parent + " is not a modelled column");
                }
                if (rowParent && !columnCells.containsKey(parent)) {
                    continue;
                }
                List<String> open = s.kind() == ColumnSpec.Kind.OPEN ? measure.openValues(plan.get(s.label() + " values"), s) : null;
                Measurer.Cells cells = measure.cells(s, open);
                columnCells.put(s.column().name(), cells);
                List<String> labels = open == null ? null : open.isEmpty() ? List.of("Other") : open;
                Measurement m = plan.get(s.label() + " marginal");
                String key = "CAST(" + measure.keySql(s, "t." + s.column().sqlName()) + " AS VARCHAR)";
                String table = "\"" + t.name() + "\" t";
                int clip = RelationalPlan.rowClip(t.name(), config);
                if (parent == null && t.deviceTable()) {
                    // sensitivity (plan): the device's one row, L2 = 1
                    double[] w = measure.histogram(m, "SELECT " + key + ", count(*) FROM " + table + " GROUP BY 1", v -> cells.of(v[0]), cells.count());
                    draws.put(s.column().name(), RowSampler.Draw.of(new ColumnModel(s, w, labels)));
                } else if (parent == null) {
                    // sensitivity (plan): the device's rows weigh at most clip together, L2 <= clip
                    double[] w = measure.clippedHistogram(m, key, table, v -> cells.of(v[0]), cells.count(), clip);
                    draws.put(s.column().name(), RowSampler.Draw.of(new ColumnModel(s, m.zeroBelow(w, 3), labels)));
                } else if (rowParent) {
                    ColumnSpec ps = byName.get(parent);
                    Measurer.Cells pc = columnCells.get(parent);
                    String pkey = "CAST(" + measure.keySql(ps, "t." + ps.column().sqlName()) + " AS VARCHAR)";
                    // sensitivity (plan): the device's rows weigh at most clip together over the parent x column grid
                    double[] w = measure.clippedHistogram(m, pkey + ", " + key, table,
                            v -> cellPair(pc.of(v[0]), cells.of(v[1]), cells.count()), pc.count() * cells.count(), clip);
                    draws.put(s.column().name(), new RowSampler.Draw(slices(s, w, pc.count(), cells.count(), labels, m), null, parent));
                } else {
                    int a = attrIndex.getOrDefault(parent.substring("device.".length()), -1);
                    if (a < 0) {
                        throw new IllegalArgumentException("marginal.parents." + t.name() + "." + s.column().name() + ": " + parent + " is not a device attribute");
                    }
                    DeviceAttribute attr = plan.attributes().get(a);
                    Measurer.Cells ac = attr.spec() == null ? null : measure.cells(attr.spec(), null);
                    // sensitivity (plan): the device's rows share its attribute value and weigh at most clip together
                    double[] w = measure.clippedHistogram(m, "CAST(" + attr.keySql(measure, "p.") + " AS VARCHAR), " + key,
                            table + " JOIN device_profile p USING (guid)",
                            v -> cellPair(v[0] == null ? -1 : attr.cellOf(v[0], ac), cells.of(v[1]), cells.count()), attrCells[a] * cells.count(), clip);
                    int[] code = synth[a];
                    draws.put(s.column().name(), RowSampler.Draw.byDevice(slices(s, w, attrCells[a], cells.count(), labels, m), d -> code[d]));
                }
                pending.remove(s);
                progressed = true;
            }
            if (!progressed) {
                throw new IllegalArgumentException("marginal.parents." + t.name() + ": the parents form a cycle");
            }
        }
        return draws;
    }

    private static int cellPair(int group, int cell, int cells) {
        return group < 0 || cell < 0 ? -1 : group * cells + cell;
    }

    /**
     * One model per parent value from a noisy parent x column grid. Each row is blended with the column's overall
     * shape, weighted like a prior of sigma pseudo-counts: rows with many counts keep their own shape,
     * rows the noise dominates fall back to the overall one (post-processing).
     */
    private static List<ColumnModel> slices(ColumnSpec s, double[] noisy, int groups, int cells, List<String> labels, Measurement m) {
        double[] w = m.zeroBelow(noisy, 3);
        double[] overall = new double[cells];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < cells; j++) {
                overall[j] += Math.max(0, w[g * cells + j]);
            }
        }
        double[] shape = normalised(overall);
        double prior = m.sensitivity() / Math.sqrt(2 * m.rho());
        List<ColumnModel> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] row = new double[cells];
            for (int j = 0; j < cells; j++) {
                row[j] = Math.max(0, w[g * cells + j]) + prior * shape[j];
            }
            out.add(new ColumnModel(s, row, labels));
        }
        return out;
    }

    /** The real devices' cells of one attribute, in guid order (private; only measurements read them). */
    private int[] codes(DeviceAttribute a, Measurer.Cells cells) {
        String key = "CAST(" + a.keySql(measure, "") + " AS VARCHAR)";
        Map<String, Integer> cellOfKey = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT " + key + " FROM device_profile")) {
            while (rs.next()) {
                String v = rs.getString(1);
                cellOfKey.put(v, v == null ? (a.spec() != null && a.spec().nullSlot() ? cells.count() - 1 : 0) : Math.max(0, a.cellOf(v, cells)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(Duck.message(e), e);
        }
        StringBuilder cases = new StringBuilder("CASE");
        for (var e : cellOfKey.entrySet()) {
            cases.append(e.getKey() == null ? " WHEN " + key + " IS NULL" : " WHEN " + key + " = " + Duck.literal(e.getKey())).append(" THEN ").append(e.getValue());
        }
        cases.append(" ELSE 0 END");
        return Duck.queryIntList(c, "SELECT list((" + cases + ")::INTEGER ORDER BY guid) FROM device_profile");
    }

    /** Weights as a distribution: negatives as 0, uniform when nothing is left (post-processing of released counts). */
    public static double[] normalised(double[] w) {
        double total = 0;
        for (double x : w) {
            total += Math.max(0, x);
        }
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = total > 0 ? Math.max(0, w[i]) / total : 1.0 / w.length;
        }
        return p;
    }
}
