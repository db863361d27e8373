package org.telesynth.synth.pe;

import org.telesynth.privacy.RandomSource;
import org.telesynth.synth.AliasTable;

/**
 * Private Evolution's two data-free APIs over discrete device records ({@code codes[attribute][record]}, each
 * attribute over its public cells, attributes in {@link AttributeGroups groups} drawn as one joint value): the
 * random API draws every group from a distribution over its cells; the variation API redraws each group of a
 * record from it with a given probability. Neither reads any data: their only inputs are the public cell counts
 * (vanilla PE: uniform over them) or, in the conditional variant, distributions already released (the noisy
 * workload marginals), and randomness.
 */
final class PeApis {
    private PeApis() {
    }

    /** {@code n} records, every attribute uniform over its public cells. */
    static int[][] random(int n, int[] cells, RandomSource random) {
        AttributeGroups singletons = AttributeGroups.singletons(cells);
        return random(n, singletons, singletons.uniform(), random);
    }

    /** {@code n} records, each draw group drawn independently from {@code prior[g]}. */
    static int[][] random(int n, AttributeGroups groups, AliasTable[] prior, RandomSource random) {
        int[][] out = new int[groups.attributes()][n];
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; prior[g] != null && i < n; i++) {
                groups.setDrawn(g, prior[g].draw(random), out, i);
            }
        }
        return out;
    }

    /** A copy of {@code records} in which each attribute of each record is redrawn uniformly with probability {@code rate}. */
    static int[][] vary(int[][] records, int[] cells, double rate, RandomSource random) {
        AttributeGroups singletons = AttributeGroups.singletons(cells);
        return vary(records, singletons, singletons.uniform(), rate, random);
    }

    /**
     * A copy of {@code records} in which, with probability {@code rate}, each draw group of each record is redrawn
     * from {@code prior[g]}, or, for one attribute with ordered numeric cells, moved to a neighbouring cell (up or
     * down with equal odds, staying within the public bounds).
     */
    static int[][] vary(int[][] records, AttributeGroups groups, AliasTable[] prior, double rate, RandomSource random) {
        int[][] out = new int[records.length][];
        for (int a = 0; a < records.length; a++) {
            out[a] = records[a].clone();
        }
        for (int g = 0; g < groups.size(); g++) {
            int stepped = groups.steppedAttribute(g);
            for (int i = 0; prior[g] != null && i < out[0].length; i++) {
                if (random.nextDouble() >= rate) {
                    continue;
                }
                if (stepped >= 0) {
                    int from = out[stepped][i];
                    int moved = from + (random.nextDouble() < 0.5 ? -1 : 1);
                    int last = groups.attributeCells(stepped) - 1;
                    // off either end: the other way (a one-cell domain stays put)
                    out[stepped][i] = moved < 0 || moved > last ? Math.max(0, Math.min(last, 2 * from - moved)) : moved;
                } else {
                    groups.setDrawn(g, prior[g].draw(random), out, i);
                }
            }
        }
        return out;
    }

    /** The records {@code pick[i]} of {@code records}, in that order. */
    static int[][] select(int[][] records, int[] pick) {
        int[][] out = new int[records.length][pick.length];
        for (int a = 0; a < records.length; a++) {
            for (int i = 0; i < pick.length; i++) {
                out[a][i] = records[a][pick[i]];
            }
        }
        return out;
    }
}
