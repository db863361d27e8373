package org.telesynth.sim;

import java.util.SplittableRandom;

/** Draws an index with probability proportional to its weight (cumulative table, binary search). */
final class Weighted {
    private final double[] cumulative;

    Weighted(double... weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("weight " + i + " must be >= 0, got " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    int draw(SplittableRandom rng) {
        double u = rng.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
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

    int size() {
        return cumulative.length;
    }

    /** Slot table: slot s of {@code slots} holds the item whose cumulative range contains (s + 0.5) / slots. */
    int[] slots(int slots) {
        int[] out = new int[slots];
        int item = 0;
        for (int s = 0; s < slots; s++) {
            double p = (s + 0.5) / slots;
            while (cumulative[item] < p && item < cumulative.length - 1) {
                item++;
            }
            out[s] = item;
        }
        return out;
    }
}
