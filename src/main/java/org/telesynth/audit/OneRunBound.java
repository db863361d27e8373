package org.telesynth.audit;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The empirical lower bound on epsilon of a one-run audit (Steinke, Nasr and Jagielski 2023, "Privacy Auditing with
 * One (1) Training Run": its main theorem, computed as the p-value routine the paper gives). m canaries are each
 * included with probability 1/2; an attacker makes r guesses of which were in and v of them are right. Under an
 * (epsilon, delta)-DP release the number right is at most a Binomial(r, e^eps / (1 + e^eps)) but for a delta term, so
 * v correct guesses reject every epsilon whose p-value falls below 1 - confidence. The bound is the largest epsilon
 * rejected.
 */
public final class OneRunBound {
    private OneRunBound() {
    }

    /** P[at least v of r guesses right] under an (eps, delta)-DP release with m canaries (the paper's p-value). */
    static double pValue(int m, int r, int v, double eps, double delta) {
        if (v < 0 || v > r || r > m || eps < 0 || delta < 0 || delta > 1) {
            throw new IllegalArgumentException("need 0 <= v <= r <= m, eps >= 0, delta in [0, 1]");
        }
        if (v == 0) {
            return 1;
        }
        double q = 1 / (1 + Math.exp(-eps)); // the accuracy of eps-DP randomized response
        BinomialDistribution b = new BinomialDistribution(null, r, q);
        double beta = 1 - b.cumulativeProbability(v - 1); // P[Binomial(r, q) >= v]
        // the delta term: the largest average mass P[v > Binomial >= v - i] / i over i
        double alpha = 0;
        double sum = 0;
        for (int i = 1; i <= v; i++) {
            sum += b.probability(v - i);
            alpha = Math.max(alpha, sum / i);
        }
        return Math.min(1, beta + alpha * delta * 2 * m);
    }

    /**
     * The largest epsilon that v right guesses of r reject at the given confidence (0 when none is): bisection on
     * the p-value, which falls as epsilon does.
     */
    public static double epsilon(int m, int r, int v, double delta, double confidence) {
        double p = 1 - confidence;
        if (pValue(m, r, v, 0, delta) >= p) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (pValue(m, r, v, hi, delta) < p) {
            lo = hi;
            hi *= 2;
            if (hi > 1000) {
                return hi;
            }
        }
        for (int k = 0; k < 50; k++) {
            double mid = (lo + hi) / 2;
            if (pValue(m, r, v, mid, delta) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
