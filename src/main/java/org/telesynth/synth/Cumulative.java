package org.telesynth.synth;

import org.telesynth.privacy.RandomSource;

/**
 * Draws an index in proportion to non-negative weights (negatives count as 0): a cumulative table and a binary
 * search, uniform over the indices when every weight is 0. The sampling step of every released histogram.
 */
final class Cumulative {
    private final double[] cumulative;

    Cumulative(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += Math.max(0, weights[i]);
            cumulative[i] = sum;
        }
    }

    /** An index, or -1 when there are no cells. */
    int draw(RandomSource random) {
        int n = cumulative.length;
        if (n == 0) {
            return -1;
        }
        double total = cumulative[n - 1];
        if (total <= 0) {
            return (int) (random.nextDouble() * n);
        }
        double u = random.nextDouble() * total;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
