package org.telesynth.synth.pe;

import org.junit.jupiter.api.Test;
import org.telesynth.config.ReleaseConfig;
import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;
import org.telesynth.synth.relational.DeviceAttribute;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conditional variant's workload marginals: joint draws, overlapping marginals, raking to joint targets. */
class AttributeGroupsTest {
    private static final ReleaseConfig CONFIG = ReleaseConfig.load(null);

    /** Three attributes (2, 3, 2 cells); marginals {0, 1} and {1, 2} overlap on attribute 1. */
    private static AttributeGroups overlapping() {
        var attrs = DeviceAttribute.withPresences(CONFIG).subList(0, 3);
        var names = attrs.stream().map(a -> a.name()).toList();
        return AttributeGroups.of(attrs, new int[]{2, 3, 2}, List.of(List.of(names.get(0), names.get(1)), List.of(names.get(1), names.get(2))));
    }

    @Test
    void counts_oneCellPerMarginal_mixedRadix() {
        AttributeGroups g = overlapping();
        assertEquals(2, g.size());
        int[][] codes = {{1, 0}, {2, 1}, {0, 1}}; // records (1, 2, 0) and (0, 1, 1)
        // marginal {0, 1}: cells 1*3+2 = 5 and 0*3+1 = 1; marginal {1, 2}: 2*2+0 = 4 and 1*2+1 = 3
        assertArrayEquals(new long[]{0, 1, 0, 0, 0, 1, /* second */ 0, 0, 0, 1, 1, 0}, g.counts(codes));
    }

    /** Neighbouring datasets: one device more moves every marginal by one in one cell, L2 = sqrt(marginals) as planned. */
    @Test
    void counts_oneDeviceMore_movesSqrtOfTheMarginalsInL2() {
        AttributeGroups g = overlapping();
        int[][] codes = PeApis.random(1_000, new int[]{2, 3, 2}, RandomSource.seeded(25));
        int[][] more = new int[3][];
        for (int a = 0; a < 3; a++) {
            more[a] = Arrays.copyOf(codes[a], 1_001);
            more[a][1_000] = a % 2;
        }
        long[] before = g.counts(codes);
        long[] after = g.counts(more);
        double l2 = 0;
        for (int i = 0; i < before.length; i++) {
            l2 += (double) (after[i] - before[i]) * (after[i] - before[i]);
        }
        assertEquals(Math.sqrt(g.size()), Math.sqrt(l2), 1e-12);
    }

    /**
     * A draw group holds its marginal's attributes that no earlier marginal holds, drawn from the released histogram
     * summed over the rest: the first marginal's joint pattern is reproduced exactly in distribution, and attribute
     * 2 is drawn from the second marginal summed over attribute 1. Binomial counts within 5 standard deviations
     * (false failure about 6e-7 per cell).
     */
    @Test
    void released_drawsJointPatterns_andSumsOverlapsOut() {
        AttributeGroups g = overlapping();
        double[] released = new double[12];
        released[5] = 300; // (1, 2) only in the first marginal
        released[1] = 100; // (0, 1)
        released[6 + 0] = 50; // (attribute 1 = 0, attribute 2 = 0)
        released[6 + 3] = -7; // a negative noisy cell counts as 0
        released[6 + 5] = 150; // (2, 1)
        AliasTable[] prior = g.released(released);
        int n = 40_000;
        int[][] r = PeApis.random(n, g, prior, RandomSource.seeded(21));
        long pattern12 = 0;
        long pattern01 = 0;
        long attr2one = 0;
        for (int i = 0; i < n; i++) {
            pattern12 += r[0][i] == 1 && r[1][i] == 2 ? 1 : 0;
            pattern01 += r[0][i] == 0 && r[1][i] == 1 ? 1 : 0;
            attr2one += r[2][i];
        }
        assertEquals(n, pattern12 + pattern01, "only released patterns of the first marginal appear");
        assertBinomial(n, 0.75, pattern12);
        assertBinomial(n, 150.0 / 200, attr2one);
    }

    @Test
    void rake_matchesAJointTarget() {
        AttributeGroups g = overlapping();
        int[][] pop = PeApis.random(6_000, new int[]{2, 3, 2}, RandomSource.seeded(22));
        double[] target = new double[12];
        double[] joint = {10, 20, 30, 15, 5, 20};
        System.arraycopy(joint, 0, target, 0, 6);
        double[] second = {20, 5, 10, 15, 30, 20};
        System.arraycopy(second, 0, target, 6, 6);
        double[] ones = new double[6_000];
        Arrays.fill(ones, 1);
        double[] w = PeSynthesizer.rake(pop, g, target, ones);
        double total = Arrays.stream(w).sum();
        double[] got = new double[6];
        for (int i = 0; i < 6_000; i++) {
            got[g.cellOf(0, pop, i)] += w[i] / total;
        }
        // the two targets agree on attribute 1 (25 / 25 / 50), so raking can meet both; the first to 1e-3
        assertArrayEquals(Arrays.stream(joint).map(x -> x / 100).toArray(), got, 1e-3);
    }

    @Test
    void of_unknownNameOrRepeatedAttribute_isRefused() {
        var attrs = DeviceAttribute.withPresences(CONFIG);
        int[] cells = attrs.stream().mapToInt(DeviceAttribute::cells).toArray();
        assertThrows(org.telesynth.BadInputException.class, () -> AttributeGroups.of(attrs, cells, List.of(List.of("no_such_column"))));
        assertThrows(org.telesynth.BadInputException.class, () -> AttributeGroups.of(attrs, cells, List.of(List.of("ram", "ram"))));
    }

    /** A child table's name stands for its presence; every attribute no group names is a marginal of its own. */
    @Test
    void of_tableNamesArePresences_andTheRestAreOneWays() {
        var attrs = DeviceAttribute.withPresences(CONFIG);
        int[] cells = attrs.stream().mapToInt(DeviceAttribute::cells).toArray();
        AttributeGroups g = AttributeGroups.of(attrs, cells, List.of(List.of("ram", "system_memory_utilization")));
        assertEquals(attrs.size() - 1, g.size());
        int ram = attrs.stream().map(a -> a.name()).toList().indexOf("ram");
        assertEquals(cells[ram] * 2, g.cells(0));
    }

    /** Vanilla PE's variation moves a numeric attribute (RAM, over its public sizes) to a neighbouring size, not anywhere. */
    @Test
    void vary_orderedNumericAttribute_stepsToANeighbouringValue() {
        var attrs = DeviceAttribute.withPresences(CONFIG);
        int[] cells = attrs.stream().mapToInt(DeviceAttribute::cells).toArray();
        AttributeGroups g = AttributeGroups.of(attrs, cells, List.of());
        int ram = attrs.stream().map(a -> a.name()).toList().indexOf("ram");
        int country = attrs.stream().map(a -> a.name()).toList().indexOf("countryname_normalized");
        int[][] start = PeApis.random(20_000, g, g.uniform(), RandomSource.seeded(23));
        int[][] varied = PeApis.vary(start, g, g.uniform(), 1.0, RandomSource.seeded(24));
        long farCountry = 0;
        for (int i = 0; i < 20_000; i++) {
            assertEquals(1, Math.abs(varied[ram][i] - start[ram][i]), "record " + i);
            farCountry += Math.abs(varied[country][i] - start[country][i]) > 1 ? 1 : 0;
        }
        assertTrue(farCountry > 10_000, "a categorical attribute is redrawn over all its cells: " + farCountry);
    }

    private static void assertBinomial(int n, double p, long count) {
        assertEquals(n * p, count, 5 * Math.sqrt(n * p * (1 - p)));
    }
}
