package org.telesynth.synth;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.io.Duck;
import org.telesynth.privacy.RandomSource;
import org.telesynth.schema.Schema;
import org.telesynth.schema.TableSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic rows follow the released models: the alias tables encode the weights exactly, and drawn cells (and
 * the values written to Parquet) pass a chi-square goodness-of-fit test at significance 1e-6, so a correct
 * sampler fails about once in a million runs while an off-by-one cell or a wrong label mapping fails always.
 */
class RowSamplingTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);
    private static final double SIGNIFICANCE = 1e-6;

    @Test
    void aliasTable_encodesTheWeightsExactly() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] w = new double[1 + r.nextInt(300)];
            double total = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(4) == 0 ? -r.nextDouble() : r.nextDouble() * 100; // negatives count as 0
                total += Math.max(0, w[i]);
            }
            double[] p = AliasTable.of(w).probabilities();
            for (int i = 0; i < w.length; i++) {
                double expected = total > 0 ? Math.max(0, w[i]) / total : 1.0 / w.length;
                assertEquals(expected, p[i], 1e-12, "cell " + i + " of " + w.length);
            }
        }
        assertArrayEquals(new double[]{0.25, 0.25, 0.25, 0.25}, AliasTable.of(new double[4]).probabilities(), 1e-15, "all zero: uniform");
    }

    @Test
    void drawnCells_fitTheModel_andEmptyCellsAreNeverDrawn() {
        double[] w = {5, 1, 0, 3, 10, 0.5, 2, 0, 7, 40};
        ColumnModel m = categoryModel(w);
        int n = 200_000;
        int[] cells = ChildRowGenerator.drawCells(RowSampler.Draw.of(m), new int[n], null, 1, RandomSource.seeded(3));
        assertFits(counts(cells, w.length), w, "one model");
    }

    @Test
    void groupedDraw_eachRowFollowsItsDevicesModel() {
        double[] even = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] odd = {10, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        RowSampler.Draw draw = RowSampler.Draw.byDevice(List.of(categoryModel(even), categoryModel(odd)), d -> d % 2);
        int n = 200_000;
        int[] device = new int[n];
        for (int i = 0; i < n; i++) {
            device[i] = i;
        }
        int[] cells = ChildRowGenerator.drawCells(draw, device, null, 1, RandomSource.seeded(5));
        long[] evenCounts = new long[10];
        long[] oddCounts = new long[10];
        for (int i = 0; i < n; i++) {
            (i % 2 == 0 ? evenCounts : oddCounts)[cells[i]]++;
        }
        assertFits(evenCounts, even, "even devices");
        assertFits(oddCounts, odd, "odd devices");
    }

    @Test
    void writtenTable_valuesFollowTheirModels(@TempDir Path tmp) throws Exception {
        TableSchema sysinfo = Schema.table(Schema.SYSINFO);
        Map<String, ColumnModel> models = new HashMap<>();
        Map<String, double[]> weights = new HashMap<>();
        SplittableRandom r = new SplittableRandom(11);
        for (ColumnSpec s : ColumnSpec.of(sysinfo, CONFIG)) {
            List<String> open = s.kind() == ColumnSpec.Kind.OPEN ? List.of("alpha", "beta", "gamma") : null;
            int cells = open != null ? open.size() + (s.nullSlot() ? 1 : 0) : s.cells(CONFIG);
            double[] w = new double[cells];
            for (int i = 0; i < cells; i++) {
                w[i] = r.nextInt(5) == 0 ? 0 : r.nextDouble();
            }
            weights.put(s.column().name(), w);
            models.put(s.column().name(), new ColumnModel(s, w, open));
        }
        int n = 100_000;
        Path file = tmp.resolve("sysinfo.parquet");
        try (Connection c = Duck.open()) {
            SyntheticDevices devices = new SyntheticDevices(n, RandomSource.seeded(1));
            ChildRowGenerator g = new ChildRowGenerator(c, CONFIG, RandomSource.seeded(2), devices, tmp.resolve("scratch"));
            assertEquals(n, g.writeDeviceTable(sysinfo, s -> RowSampler.Draw.of(models.get(s.column().name())), file));
            String src = "read_parquet(" + Duck.literal(file.toString()) + ")";
            assertEquals(n, Duck.queryLong(c, "SELECT count(DISTINCT guid) FROM " + src), "one distinct guid per device");

            ColumnSpec os = spec(sysinfo, "os");
            assertFits(labelCounts(c, src, "os", os.labels(), os.nullSlot()), weights.get("os"), "os (category)");
            assertFits(labelCounts(c, src, "model_normalized", List.of("alpha", "beta", "gamma"), spec(sysinfo, "model_normalized").nullSlot()),
                    weights.get("model_normalized"), "model_normalized (open)");

            ColumnSpec ram = spec(sysinfo, "ram");
            long[] ramCounts = new long[ram.cells(CONFIG)];
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ram, count(*) FROM " + src + " GROUP BY 1")) {
                while (rs.next()) {
                    double v = rs.getDouble(1);
                    int cell = rs.wasNull() ? ramCounts.length - 1 : Measurer.nearest(ram.values(), v);
                    assertTrue(rs.wasNull() || v == ram.values()[cell], "ram " + v + " is a public value");
                    ramCounts[cell] += rs.getLong(2);
                }
            }
            assertFits(ramCounts, weights.get("ram"), "ram (public values)");

            // a binned timestamp: its value in days, back on the bins it was drawn from
            ColumnSpec first = spec(sysinfo, "firstreportdate");
            String days = "(date_diff('second', TIMESTAMP '" + CONFIG.start() + "', firstreportdate) / 86400.0)";
            long[] binCounts = new long[first.cells(CONFIG)];
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + first.clamp().binSql(days, CONFIG.numericBins())
                    + ", count(*) FROM " + src + " GROUP BY 1")) {
                while (rs.next()) {
                    int bin = rs.getInt(1);
                    binCounts[rs.wasNull() ? binCounts.length - 1 : bin] += rs.getLong(2);
                }
            }
            assertFits(binCounts, weights.get("firstreportdate"), "firstreportdate (bins)");
        }
    }

    private static ColumnSpec spec(TableSchema t, String column) {
        return ColumnSpec.of(t, CONFIG).stream().filter(s -> s.column().name().equals(column)).findFirst().orElseThrow();
    }

    /** Counts per cell of a text column, the NULL cell last when there is one. */
    private static long[] labelCounts(Connection c, String src, String column, List<String> labels, boolean nullSlot) throws Exception {
        long[] counts = new long[labels.size() + (nullSlot ? 1 : 0)];
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + column + ", count(*) FROM " + src + " GROUP BY 1")) {
            while (rs.next()) {
                String v = rs.getString(1);
                int cell = v == null ? counts.length - 1 : labels.indexOf(v);
                assertTrue(cell >= 0 && (v != null || nullSlot), column + " value " + v + " is not in the model");
                counts[cell] += rs.getLong(2);
            }
        }
        return counts;
    }

    private static ColumnModel categoryModel(double[] w) {
        ColumnSpec os = spec(Schema.table(Schema.SYSINFO), "os");
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            labels.add("v" + i);
        }
        ColumnSpec s = new ColumnSpec(os.table(), new org.telesynth.schema.Column("x", "VARCHAR", labels, false, false, false),
                ColumnSpec.Kind.CATEGORY, labels, null, null);
        return new ColumnModel(s, w, null);
    }

    private static long[] counts(int[] cells, int k) {
        long[] out = new long[k];
        for (int cell : cells) {
            out[cell]++;
        }
        return out;
    }

    /** Cells of weight 0 are never drawn; the others pass Pearson's chi-square test at {@link #SIGNIFICANCE}. */
    private static void assertFits(long[] observed, double[] weights, String what) {
        double total = 0;
        long n = 0;
        for (int i = 0; i < weights.length; i++) {
            total += Math.max(0, weights[i]);
            n += observed[i];
        }
        double chi2 = 0;
        int df = -1;
        for (int i = 0; i < weights.length; i++) {
            double expected = n * Math.max(0, weights[i]) / total;
            if (expected == 0) {
                assertEquals(0, observed[i], what + ": cell " + i + " has weight 0 but was drawn");
                continue;
            }
            chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
            df++;
        }
        if (df > 0) {
            double critical = new ChiSquaredDistribution(df).inverseCumulativeProbability(1 - SIGNIFICANCE);
            assertTrue(chi2 < critical, what + ": chi-square " + chi2 + " >= " + critical + " (df " + df + ")");
        }
    }
}
