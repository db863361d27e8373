package org.telesynth.synth.pe;

import java.util.Arrays;

/**
 * The vote's distance between two device records, a mixed distance over the encoded attributes: the sum over
 * attributes of {@code weight[a]} times their disagreement, 1 for two different categories and |i - j| / (cells - 1)
 * for two cells of an attribute whose cells are ordered public numeric values (RAM sizes), so 8 GB is nearer 16 GB
 * than 512 GB. All public: the weights come from the workload (or are 1), the cells from the domains.
 *
 * @param weight  per attribute, at least 0 (an attribute of weight 0 is ignored)
 * @param numeric per attribute, whether its cells are ordered numeric values
 * @param cells   per attribute, its number of cells
 */
record VoteDistance(double[] weight, boolean[] numeric, int[] cells) {

    VoteDistance {
        if (weight.length != numeric.length || weight.length != cells.length || Arrays.stream(weight).anyMatch(w -> !(w >= 0))) {
            throw new IllegalArgumentException("one weight (at least 0), numeric flag and cell count per attribute");
        }
    }

    /** Every attribute categorical (0 / 1 disagreement). */
    static VoteDistance categorical(double[] weight, int[] cells) {
        return new VoteDistance(weight, new boolean[weight.length], cells);
    }

    /** The disagreement of attribute {@code a}'s cells {@code x} and {@code y}, weighed. */
    double cost(int a, int x, int y) {
        if (x == y) {
            return 0;
        }
        return numeric[a] && cells[a] > 1 ? weight[a] * Math.abs(x - y) / (cells[a] - 1) : weight[a];
    }
}
