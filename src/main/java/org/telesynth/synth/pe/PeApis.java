package org.telesynth.synth.pe;

import org.telesynth.privacy.RandomSource;

/**
 * Private Evolution's two data-free APIs over discrete device records (codes[attribute][record], each attribute
 * over its public cells): the random API draws every attribute uniformly from its public domain; the variation
 * API resamples each attribute of a record with a given probability. Neither reads any data: their only inputs
 * are the public cell counts and randomness.
 */
final class PeApis {
    private PeApis() {
    }

    /** {@code n} records, every attribute uniform over its public cells. */
    static int[][] random(int n, int[] cells, RandomSource random) {
        int[][] out = new int[cells.length][n];
        for (int a = 0; a < cells.length; a++) {
            for (int i = 0; i < n; i++) {
                out[a][i] = (int) (random.nextDouble() * cells[a]);
            }
        }
        return out;
    }

    /** A copy of {@code records} in which each attribute of each record is redrawn uniformly with probability {@code rate}. */
    static int[][] vary(int[][] records, int[] cells, double rate, RandomSource random) {
        int[][] out = new int[records.length][];
        for (int a = 0; a < records.length; a++) {
            out[a] = records[a].clone();
            for (int i = 0; i < out[a].length; i++) {
                if (random.nextDouble() < rate) {
                    out[a][i] = (int) (random.nextDouble() * cells[a]);
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
