package org.telesynth.synth.relational;

import org.telesynth.Progress;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.io.StagedOutput;
import org.telesynth.synth.AliasTable;
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
    private Coarsening[] coarse;
    /** Per child table, a row clip tighter than the configured one, chosen from released outputs ({@link #clipsFromRows}). */
    private final Map<String, Integer> clips = new HashMap<>();
    /** The row parents the current table's selections chose, by column (null: none). */
    private final Map<String, String> selected = new HashMap<>();
    private final Map<String, List<String>> openValues = new HashMap<>();
    /** The columns whose chosen row parent replaces their summary (the grid with both would be too large). */
    private final java.util.Set<String> withoutSummary = new java.util.HashSet<>();

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
     * Rows per device from each device's rows bucket (the device model's attribute {@code plan.rowsOf(t)}): a count
     * among the bucket's row counts, drawn by their weights in the released fine one-way marginal of the bucket
     * attribute (post-processing); uniform over the bucket when the noise left it nothing.
     */
    public RowsPerDevice rowsFromBuckets(int[][] synth, Coarsening[] coarse, double[][] fineOneWay) {
        return (t, idx, generator) -> {
            int a = plan.rowsOf(t);
            Coarsening group = coarse[a];
            double[] fine = fineOneWay[a];
            AliasTable[] byBucket = new AliasTable[group.cells()];
            for (int b = 1; b < group.cells(); b++) {
                double[] w = new double[fine.length - 1];
                double[] any = new double[fine.length - 1];
                for (int rows = 1; rows < fine.length; rows++) {
                    boolean in = group.of(rows) == b;
                    w[rows - 1] = in ? Math.max(0, fine[rows]) : 0;
                    any[rows - 1] = in ? 1 : 0;
                }
                byBucket[b] = sum(w) > 0 ? AliasTable.of(w) : sum(any) > 0 ? AliasTable.of(any) : null;
            }
            int[] out = new int[idx.length];
            RandomSource r = generator.random();
            for (int i = 0; i < idx.length; i++) {
                int b = synth[a][idx[i]];
                AliasTable table = b > 0 && byBucket[b] != null ? byBucket[b] : null;
                out[i] = table == null ? 1 : table.draw(r) + 1;
            }
            return out;
        };
    }

    /**
     * Tightens each child table's row clip to the row count that 90 % of its present devices stay within, read
     * from the released fine one-way of its rows bucket (post-processing): where most devices have one or two rows
     * (battery events), a clip of 16 would add sixteen times the noise that their rows need.
     */
    public void clipsFromRows(double[][] fineOneWay) {
        for (TableSchema t : config.releaseChildTables()) {
            int a = plan.rowsOf(t);
            if (a < 0) {
                continue;
            }
            double[] fine = fineOneWay[a];
            double present = 0;
            for (int rows = 1; rows < fine.length; rows++) {
                present += Math.max(0, fine[rows]);
            }
            double cumulative = 0;
            int clip = fine.length - 1;
            for (int rows = 1; rows < fine.length; rows++) {
                cumulative += Math.max(0, fine[rows]);
                if (cumulative >= 0.9 * present) {
                    clip = rows;
                    break;
                }
            }
            clips.put(t.name(), Math.max(1, clip));
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
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

    private int presenceIndex(TableSchema t) {
        for (int a = 0; a < plan.attributes().size(); a++) {
            TableSchema p = plan.attributes().get(a).presenceOf();
            if (p != null && p.name().equals(t.name())) {
                return a;
            }
        }
        throw new IllegalStateException("no presence of " + t.name() + " in the device model");
    }

    /** The plan's device attributes' cells. */
    public int[] cells() {
        int[] cells = new int[plan.attributes().size()];
        for (int a = 0; a < cells.length; a++) {
            cells[a] = plan.attributes().get(a).cells();
        }
        return cells;
    }

    /** The real devices' codes of every device attribute, in guid order (private; only mechanisms read them). */
    public int[][] realCodes() {
        int[][] out = new int[plan.attributes().size()][];
        for (int a = 0; a < out.length; a++) {
            out[a] = fineCodes(plan.attributes().get(a));
        }
        return out;
    }

    /** The real devices' fine codes of one attribute, in guid order (private; only mechanisms read them). */
    public int[] fineCodes(DeviceAttribute attr) {
        return attr.realCodes(c, measure, config, attr.spec() == null ? null : measure.cells(attr.spec(), null));
    }

    /**
     * Writes every table for {@code n} synthetic devices whose attribute codes are {@code synth[attribute][device]}.
     *
     * @param sampling post-processing randomness (a fast stream keyed once from the release's source)
     */
    public Map<String, Long> write(int n, int[][] synth, RowsPerDevice rowsPerDevice, RandomSource sampling, StagedOutput out) {
        return write(n, synth, null, rowsPerDevice, sampling, out);
    }

    /**
     * As above, where the attributes were modelled in coarse cells: {@code coarse[a]} maps attribute a's fine cells
     * to its modelled ones (null: no grouping), so the real devices' summaries are read in the same cells.
     */
    public Map<String, Long> write(int n, int[][] synth, Coarsening[] coarse, RowsPerDevice rowsPerDevice, RandomSource sampling, StagedOutput out) {
        this.coarse = coarse;
        List<DeviceAttribute> attrs = plan.attributes();
        int na = attrs.size();
        int[] cells = cells();
        SyntheticDevices devices = new SyntheticDevices(n, sampling);
        ChildRowGenerator generator = new ChildRowGenerator(c, config, sampling, devices, out);
        Map<String, Integer> attrIndex = new HashMap<>();
        for (int a = 0; a < na; a++) {
            attrIndex.put(attrs.get(a).name(), a);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableSchema t : config.releaseTables()) {
            Map<String, RowSampler.Draw> draws = tableDraws(t, synth, attrIndex, cells);
            long written;
            if (t.deviceTable()) {
                for (ColumnSpec s : ColumnSpec.of(t, config)) {
                    int a = plan.attribute(s);
                    if (a >= 0) {
                        draws.put(s.column().name(), RowSampler.Draw.ofDeviceCodes(s, cells[a], synth[a]));
                    }
                }
                written = generator.writeDeviceTable(t, s -> draws.get(s.column().name()), out.file(t.fileName()));
            } else {
                int[] presence = synth[presenceIndex(t)];
                boolean[] osHistory = devices.hasOsHistoryMask();
                boolean blockers = t.name().equals("system_mods_top_blocker_hist");
                int count = 0;
                for (int d = 0; d < n; d++) {
                    count += presence[d] > 0 && (!blockers || osHistory[d]) ? 1 : 0;
                }
                int[] idx = new int[count];
                for (int d = 0, i = 0; d < n; d++) {
                    if (presence[d] > 0 && (!blockers || osHistory[d])) {
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
        List<ColumnSpec> ordered = plan.rowOrder(t);
        List<ColumnSpec> pending = new ArrayList<>(ordered);
        selected.clear();
        withoutSummary.clear();
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (ColumnSpec s : List.copyOf(pending)) {
                if (plan.selectsRowParent(t, s, ordered) && !selected.containsKey(s.column().name())) {
                    selected.put(s.column().name(), selectRowParent(t, s, ordered, columnCells, attrCells));
                }
                String parent = parentOf(t, s);
                boolean rowParent = parent != null && !parent.startsWith("device.") && !parent.startsWith("device:");
                if (rowParent && !byName.containsKey(parent)) {
                    throw new IllegalArgumentException("marginal.parents." + t.name() + "." + s.column().name() + ": " + parent + " is not a modelled column");
                }
                String configured = rowParent(t, s);
                if (configured != null && byName.containsKey(configured) && !columnCells.containsKey(configured)) {
                    continue; // its row parent (configured, beside a summary or alone) is drawn first
                }
                List<String> open = openValuesOf(s);
                Measurer.Cells cells = measure.cells(s, open);
                columnCells.put(s.column().name(), cells);
                List<String> labels = open == null ? null : open.isEmpty() ? List.of("Other") : open;
                Measurement m = plan.get(s.label() + " marginal");
                String key = "CAST(" + measure.keySql(s, "t." + s.column().sqlName()) + " AS STRING)";
                String table = "\"" + t.name() + "\" t";
                int clip = Math.min(RelationalPlan.rowClip(t.name(), config), clips.getOrDefault(t.name(), Integer.MAX_VALUE));
                if (!t.deviceTable()) {
                    m = m.clippedAt(clip);
                }
                if (parent == null && t.deviceTable()) {
                    // sensitivity (plan): the device's one row, L2 = 1
                    double[] w = measure.histogram(m, "SELECT " + key + ", count(*) FROM " + table + " GROUP BY 1", v -> cells.of(v[0]), cells.count());
                    draws.put(s.column().name(), RowSampler.Draw.of(new ColumnModel(s, w, labels)));
                } else if (parent == null) {
                    // sensitivity (plan): the device's rows weigh at most clip together, L2 <= clip
                    double[] w = measure.clippedHistogram(m, List.of(key), table, v -> cells.of(v[0]), cells.count(), clip);
                    draws.put(s.column().name(), RowSampler.Draw.of(new ColumnModel(s, m.zeroBelow(w, 3), labels)));
                } else if (rowParent) {
                    ColumnSpec ps = byName.get(parent);
                    Measurer.Cells pc = columnCells.get(parent);
                    String pkey = "CAST(" + measure.keySql(ps, "t." + ps.column().sqlName()) + " AS STRING)";
                    // sensitivity (plan): the device's rows weigh at most clip together over the parent x column grid
                    double[] w = measure.clippedHistogram(m, List.of(pkey, key), table,
                            v -> cellPair(pc.of(v[0]), cells.of(v[1]), cells.count()), pc.count() * cells.count(), clip);
                    draws.put(s.column().name(), new RowSampler.Draw(slices(s, w, pc.count(), cells.count(), labels, m, null), null, parent));
                } else {
                    int a = parent.startsWith("device:") ? Integer.parseInt(parent.substring("device:".length()))
                            : attrIndex.getOrDefault(parent.substring("device.".length()), -1);
                    if (a < 0) {
                        throw new IllegalArgumentException("marginal.parents." + t.name() + "." + s.column().name() + ": " + parent + " is not a device attribute");
                    }
                    DeviceAttribute attr = plan.attributes().get(a);
                    Measurer.Cells ac = attr.spec() == null ? null : measure.cells(attr.spec(), null);
                    Coarsening group = coarse == null || coarse[a] == null ? Coarsening.identity(attr.fineCells(config)) : coarse[a];
                    String rowParent2 = summaryRowParent(t, s, attrCells[a], cells.count(), byName, columnCells);
                    String deviceKey = "CAST(" + attr.keySql(measure, "p.", config) + " AS STRING)";
                    String from = table + " JOIN device_profile p USING (guid)";
                    int[] code = synth[a];
                    if (rowParent2 == null) {
                        // sensitivity (plan): the device's rows share its attribute value and weigh at most clip together
                        double[] w = measure.clippedHistogram(m, List.of(deviceKey, key), from,
                                v -> cellPair(v[0] == null && attr.spec() != null ? -1 : group.of(attr.fineCellOf(v[0], ac)), cells.of(v[1]), cells.count()),
                                attrCells[a] * cells.count(), clip);
                        draws.put(s.column().name(), RowSampler.Draw.byDevice(slices(s, w, attrCells[a], cells.count(), labels, m,
                                withinSummary(attr, group, attrCells[a], cells.count(), s)), d -> code[d]));
                    } else {
                        ColumnSpec ps = byName.get(rowParent2);
                        Measurer.Cells pc = columnCells.get(rowParent2);
                        String pkey = "CAST(" + measure.keySql(ps, "t." + ps.column().sqlName()) + " AS STRING)";
                        int groups = attrCells[a] * pc.count();
                        // sensitivity (plan): the device's rows share its summary and weigh at most clip together over
                        // the summary x row parent x column grid
                        double[] w = measure.clippedHistogram(m, List.of(deviceKey, pkey, key), from,
                                v -> {
                                    int g = v[0] == null && attr.spec() != null ? -1 : group.of(attr.fineCellOf(v[0], ac));
                                    int p2 = pc.of(v[1]);
                                    return g < 0 || p2 < 0 ? -1 : cellPair(g * pc.count() + p2, cells.of(v[2]), cells.count());
                                }, groups * cells.count(), clip);
                        int pcs = pc.count();
                        draws.put(s.column().name(), new RowSampler.Draw(slicesByParent(s, w, attrCells[a], pcs, cells.count(), labels, m,
                                withinSummary(attr, group, attrCells[a], cells.count(), s)),
                                d -> code[d], rowParent2));
                    }
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

    /**
     * A column's parent: the override of {@code marginal.parents} if it names a device attribute; else, where the
     * device model learnt the column's summary, that summary ({@code device:<index>}, with the configured row
     * parent added by {@link #summaryRowParent}); else the configured row parent, or none.
     */
    private String parentOf(TableSchema t, ColumnSpec s) {
        String configured = rowParent(t, s);
        if (configured != null && configured.startsWith("device.")) {
            return configured;
        }
        int summary = t.deviceTable() || !plan.summaries() || withoutSummary.contains(s.column().name()) ? -1 : plan.summaryOf(s);
        return summary >= 0 ? "device:" + summary : configured;
    }

    /** An OPEN column's values kept by its partition selection (released once, then reused), else null. */
    private List<String> openValuesOf(ColumnSpec s) {
        if (s.kind() != ColumnSpec.Kind.OPEN) {
            return null;
        }
        // sensitivity (plan): the partition selection's, stated in Measurer.openValues
        return openValues.computeIfAbsent(s.label(), l -> measure.openValues(plan.get(s.label() + " values"), s));
    }

    /** A column's row parent: the configured override, else the one the plan's selection chose (null: none). */
    private String rowParent(TableSchema t, ColumnSpec s) {
        String configured = config.marginal().parent(t.name(), s.column().name());
        return configured != null ? configured : selected.get(s.column().name());
    }

    /**
     * Chooses a column's row parent by the exponential mechanism among the columns before it in the plan's order
     * (all drawn already, so their cells are known) and none. A candidate p scores
     * {@code L1(T(p, c) - T(p) T(c) / T) - 0.5 sqrt(2/pi) sigma G cells(p) cells(c)} over the clipped row weights
     * (each device's rows weigh min(1, clip / n) each), where G is the column's summary cells and sigma the noise
     * the grid would be measured with; none scores minus the noise of its G x cells(c) grid. Candidates whose grid
     * with the summary would pass {@code max_row_cells} are not offered (in place of the summary, the device's
     * level would be lost: measured, fidelity 0.196 -> 0.232 at 200 k).
     *
     * <p>Sensitivity: a device adds at most clip of weight (L1); T(p, c) moves by at most clip, and the
     * independence table T(p) T(c) / T by at most 3 clip (its three terms, each bounded by the added weight), so a
     * score moves by at most 4 clip, the plan's (tightened with the clip).
     */
    private String selectRowParent(TableSchema t, ColumnSpec s, List<ColumnSpec> ordered, Map<String, Measurer.Cells> columnCells, int[] attrCells) {
        int clip = Math.min(RelationalPlan.rowClip(t.name(), config), clips.getOrDefault(t.name(), Integer.MAX_VALUE));
        Measurement select = plan.get(s.label() + " row parent").clippedAt(4.0 * clip);
        double sigma = plan.get(s.label() + " marginal").clippedAt(clip).sigma();
        int summary = plan.summaries() ? plan.summaryOf(s) : -1;
        int groups = summary >= 0 ? attrCells[summary] : 1;
        Measurer.Cells own = measure.cells(s, openValuesOf(s));
        int cc = own.count();
        List<ColumnSpec> candidates = new ArrayList<>();
        for (ColumnSpec p : ordered.subList(0, ordered.indexOf(s))) {
            Measurer.Cells pc = columnCells.get(p.column().name());
            // a parent is offered beside the summary only: in place of it, the device's level would be lost
            if (pc != null && fitsWithSummary(groups, pc.count(), cc)) {
                candidates.add(p);
            }
        }
        double[] scores = new double[candidates.size() + 1];
        double cell = 0.5 * Math.sqrt(2 / Math.PI) * sigma;
        scores[0] = -cell * groups * cc;
        if (!candidates.isEmpty()) {
            double[] gains = rowParentGains(t, s, own, candidates, columnCells, clip);
            for (int i = 0; i < candidates.size(); i++) {
                int pc = columnCells.get(candidates.get(i).column().name()).count();
                // AIM's cost: the expected L1 noise of the whole grid (cheaper costs picked more parents and lost
                // device-level fidelity: with (pc + cc) 0.236, with sqrt(pc cc (pc + cc)) 0.211, this 0.200 at 200 k)
                scores[i + 1] = gains[i] - cell * groups * pc * cc;
            }
        }
        // sensitivity (plan): each score moves by at most 4 clip (above)
        int pick = measure.select(select, scores);
        if (pick == 0) {
            return null;
        }
        ColumnSpec chosen = candidates.get(pick - 1);
        if (!fitsWithSummary(groups, columnCells.get(chosen.column().name()).count(), cc)) {
            withoutSummary.add(s.column().name());
        }
        return chosen.column().name();
    }

    private boolean fitsWithSummary(int groups, int parentCells, int cells) {
        return (long) groups * parentCells * cells <= config.marginal().maxRowCells();
    }

    /** The true dependence gains L1(T(p, c) - T(p) T(c) / T) of each candidate over clipped row weights (private). */
    private double[] rowParentGains(TableSchema t, ColumnSpec s, Measurer.Cells own, List<ColumnSpec> candidates,
                                    Map<String, Measurer.Cells> columnCells, int clip) {
        int n = candidates.size();
        StringBuilder keys = new StringBuilder("CAST(" + measure.keySql(s, "t." + s.column().sqlName()) + " AS STRING) AS kc");
        StringBuilder sets = new StringBuilder();
        StringBuilder grouping = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ColumnSpec p = candidates.get(i);
            keys.append(", CAST(").append(measure.keySql(p, "t." + p.column().sqlName())).append(" AS STRING) AS k").append(i);
            sets.append(i == 0 ? "" : ", ").append("(k").append(i).append(", kc)");
            grouping.append(", GROUPING(k").append(i).append(")");
        }
        String sql = "SELECT kc" + grouping + ", " + java.util.stream.IntStream.range(0, n).mapToObj(i -> "k" + i).reduce((a, b) -> a + ", " + b).orElseThrow()
                + ", CAST(sum(w) AS BIGINT) FROM (SELECT " + keys + ", " + Measurer.rowWeight(clip) + " AS w FROM \"" + t.name()
                + "\" t) weighted GROUP BY GROUPING SETS (" + sets + ")";
        int cc = own.count();
        double[][] tables = new double[n][];
        for (int i = 0; i < n; i++) {
            tables[i] = new double[columnCells.get(candidates.get(i).column().name()).count() * cc];
        }
        // private: the gains feed the exponential mechanism only (selectRowParent); the rows are grouped weights
        for (String[] row : measure.engine().rows(sql)) {
            int cell = own.of(row[0]);
            int set = -1;
            for (int i = 0; i < n && set < 0; i++) {
                set = Integer.parseInt(row[1 + i]) == 0 ? i : -1;
            }
            if (cell < 0 || set < 0) {
                continue;
            }
            int pcell = columnCells.get(candidates.get(set).column().name()).of(row[1 + n + set]);
            if (pcell >= 0) {
                // integer sums in sixteenths (as Measurer.clippedHistogram): exact, so the same data scores alike
                tables[set][pcell * cc + cell] += Long.parseLong(row[1 + 2 * n]) / 16.0;
            }
        }
        double[] gains = new double[n];
        for (int i = 0; i < n; i++) {
            double[] tab = tables[i];
            int rows = tab.length / cc;
            double[] rowSum = new double[rows];
            double[] colSum = new double[cc];
            double total = 0;
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cc; j++) {
                    rowSum[r] += tab[r * cc + j];
                    colSum[j] += tab[r * cc + j];
                    total += tab[r * cc + j];
                }
            }
            for (int r = 0; r < rows && total > 0; r++) {
                for (int j = 0; j < cc; j++) {
                    gains[i] += Math.abs(tab[r * cc + j] - rowSum[r] * colSum[j] / total);
                }
            }
        }
        return gains;
    }

    /**
     * The row parent drawn beside the device summary: the configured one, when it is modelled, already drawn, and
     * the summary x parent x column grid stays within {@code marginal.max_row_cells} (public sizes; an open
     * parent's size is its released value count); else none.
     */
    private String summaryRowParent(TableSchema t, ColumnSpec s, int summaryCells, int cells, Map<String, ColumnSpec> byName,
                                    Map<String, Measurer.Cells> columnCells) {
        String configured = rowParent(t, s);
        if (configured == null || configured.startsWith("device.") || !byName.containsKey(configured)) {
            return null;
        }
        Measurer.Cells pc = columnCells.get(configured);
        return pc != null && (long) summaryCells * pc.count() * cells <= config.marginal().maxRowCells() ? configured : null;
    }

    /**
     * One model per (summary, row parent) from a noisy summary x parent x column grid, each blended like
     * {@link #slices} with the column's shape given the row parent alone (summed over summaries), so a sparse
     * summary keeps the row relation (post-processing).
     */
    private static List<ColumnModel> slicesByParent(ColumnSpec s, double[] noisy, int groups, int parents, int cells, List<String> labels,
                                                    Measurement m, double[][] within) {
        double[] w = m.zeroBelow(noisy, 3);
        double prior = m.sigma();
        List<ColumnModel> out = new ArrayList<>();
        double[][] byParent = new double[parents][];
        double[] overall = summedShape(noisy, 0, 1, groups * parents, cells, m);
        for (int p = 0; p < parents; p++) {
            // the shape given the row parent alone, itself smoothed towards the overall shape
            double[] sp = summedShape(noisy, p, parents, groups, cells, m);
            double[] blended = new double[cells];
            for (int j = 0; j < cells; j++) {
                blended[j] = sp[j] + overall[j] / Math.max(1, groups);
            }
            byParent[p] = normalised(blended);
        }
        for (int g = 0; g < groups; g++) {
            for (int p = 0; p < parents; p++) {
                double[] f = within == null ? byParent[p] : weighted(byParent[p], within[g]);
                double[] row = new double[cells];
                for (int j = 0; j < cells; j++) {
                    row[j] = Math.max(0, w[(g * parents + p) * cells + j]) + prior * f[j];
                }
                out.add(new ColumnModel(s, row, labels));
            }
        }
        return out;
    }

    private static int cellPair(int group, int cell, int cells) {
        return group < 0 || cell < 0 ? -1 : group * cells + cell;
    }

    /**
     * One model per parent value from a noisy parent x column grid. Each row is blended with the column's overall
     * shape, weighted like a prior of sigma pseudo-counts: rows with many counts keep their own shape,
     * rows the noise dominates fall back to the overall one (post-processing). The overall shape sums the noisy
     * rows before zeroing (its noise grows with the square root of the rows, its signal with their number), so a
     * sparse grid still has one.
     *
     * @param within where the parent is the device's summary of this column, within[g][j] weighs cell j in the
     *               fallback of summary g ({@link #withinSummary}); else null
     */
    private static List<ColumnModel> slices(ColumnSpec s, double[] noisy, int groups, int cells, List<String> labels, Measurement m,
                                            double[][] within) {
        double[] w = m.zeroBelow(noisy, 3);
        double[] shape = summedShape(noisy, 0, 1, groups, cells, m);
        double prior = m.sigma();
        List<ColumnModel> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] f = within == null ? shape : weighted(shape, within[g]);
            double[] row = new double[cells];
            for (int j = 0; j < cells; j++) {
                row[j] = Math.max(0, w[g * cells + j]) + prior * f[j];
            }
            out.add(new ColumnModel(s, row, labels));
        }
        return out;
    }

    /** The column's shape over the grid rows {@code first + g * stride}, summed before zeroing below 3 sigma sqrt(rows). */
    private static double[] summedShape(double[] noisy, int first, int stride, int groups, int cells, Measurement m) {
        double[] sum = new double[cells];
        for (int g = 0; g < groups; g++) {
            int row = first + g * stride;
            for (int j = 0; j < cells; j++) {
                sum[j] += noisy[row * cells + j];
            }
        }
        double floor = 3 * m.sigma() * Math.sqrt(groups);
        for (int j = 0; j < cells; j++) {
            sum[j] = sum[j] >= floor ? sum[j] : 0;
        }
        return normalised(sum);
    }

    private static double[] weighted(double[] shape, double[] weights) {
        double[] out = new double[shape.length];
        for (int j = 0; j < shape.length; j++) {
            out[j] = shape[j] * weights[j];
        }
        double total = 0;
        for (double x : out) {
            total += x;
        }
        return total > 0 ? normalised(out) : shape;
    }

    /** Outside its summary's range a cell keeps this share of its weight in the fallback. */
    private static final double OUTSIDE_SUMMARY = 0.05;

    /**
     * For a column drawn given its own device summary (a level: the bin of the device's mean; a top category):
     * per summary g, weight 1 for the column cells whose summary is g (a bin inside the level's range, the top
     * category itself) and {@link #OUTSIDE_SUMMARY} for the rest. A device's rows lie mostly around its mean and
     * in its top category, so where the noise leaves a summary's row empty (a small table), its rows still follow
     * the summary instead of the whole fleet's shape. From the released coarsening alone (post-processing).
     */
    private double[][] withinSummary(DeviceAttribute attr, Coarsening group, int groups, int cells, ColumnSpec s) {
        boolean summary = attr.kind() == DeviceAttribute.Kind.LEVEL || attr.kind() == DeviceAttribute.Kind.TOP;
        // a numeric column's NULL cell has no level: an all-NULL device sits in the first (DeviceAttribute.noNullLevel)
        int levels = cells - (attr.noNullLevel() ? 1 : 0);
        if (!summary || !attr.spec().label().equals(s.label()) || levels + 1 != attr.fineCells(config) || group.cells() != groups) {
            return null;
        }
        double[][] out = new double[groups][cells];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < cells; j++) {
                out[g][j] = group.of(1 + Math.min(j < levels ? j : 0, levels - 1)) == g ? 1 : OUTSIDE_SUMMARY;
            }
        }
        return out;
    }

    /** The real devices' cells of one attribute, in guid order (private; only measurements read them). */
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
