package org.telesynth.privacy;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exponential mechanism (McSherry and Talwar 2007): picks index i with probability proportional to
 * exp(epsilon * score_i / (2 Δ)), where Δ bounds how much any score moves between neighbouring datasets.
 * epsilon-DP, and, being a bounded-range mechanism, epsilon^2 / 8-zCDP (Cesar and Rogers 2021), which is the
 * event it charges.
 *
 * <p>The draw is exact, with no floating-point weights: rejection sampling from the uniform proposal, where
 * candidate i is accepted with probability exp(-gamma_i), gamma_i = epsilon (max - score_i) / (2 Δ), by the exact
 * Bernoulli(exp(-gamma)) of Canonne, Kamath and Steinke 2020 (Algorithm 1) on gamma as the exact rational that the
 * doubles epsilon, Δ and the scores are. Accepted draws are distributed exactly as the mechanism says; the expected
 * number of proposals is n / sum_i exp(-gamma_i), at most n (the best candidate is accepted with probability 1).
 */
public final class ExponentialMechanism {
    private final double epsilon;
    private final double sensitivity;
    private final ExactSampler sampler;
    private final String label;
    private final SpendOnce once;

    public ExponentialMechanism(double epsilon, double sensitivity, RandomSource random, String label) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.positiveFinite("sensitivity", sensitivity);
        this.epsilon = epsilon;
        this.sensitivity = sensitivity;
        this.sampler = new ExactSampler(random);
        this.label = label;
        this.once = new SpendOnce("exponential mechanism '" + label + "'");
    }

    public PrivacyEvent event() {
        return new PrivacyEvent.Zcdp(epsilon * epsilon / 8, label);
    }

    /** One selection (once per object). Scores must be finite; -infinity excludes a candidate. */
    public int select(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no candidates to select from");
        }
        double max = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (double s : scores) {
            if (Double.isNaN(s) || s == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("scores must be finite or -infinity, got " + s);
            }
            max = Math.max(max, s);
            finite += s > Double.NEGATIVE_INFINITY ? 1 : 0;
        }
        if (finite == 0) {
            throw new IllegalArgumentException("every candidate is excluded (-infinity)");
        }
        once.spend();
        int[] candidates = new int[finite];
        for (int i = 0, j = 0; i < scores.length; i++) {
            if (scores[i] > Double.NEGATIVE_INFINITY) {
                candidates[j++] = i;
            }
        }
        BigDecimal scale = new BigDecimal(epsilon);
        BigDecimal twoDelta = new BigDecimal(sensitivity).multiply(BigDecimal.valueOf(2));
        BigDecimal top = new BigDecimal(max);
        BigInteger n = BigInteger.valueOf(finite);
        while (true) {
            int i = candidates[sampler.uniform(n).intValueExact()];
            // gamma = epsilon (max - score) / (2 delta) as num / den, exactly
            BigDecimal num = scale.multiply(top.subtract(new BigDecimal(scores[i])));
            BigInteger[] g = ratio(num, twoDelta);
            if (sampler.bernoulliExpMinus(g[0], g[1])) {
                return i;
            }
        }
    }

    /** a / b for exact decimals a >= 0, b > 0, as {numerator, denominator} of integers. */
    static BigInteger[] ratio(BigDecimal a, BigDecimal b) {
        int scale = Math.max(Math.max(a.scale(), b.scale()), 0);
        BigInteger num = a.movePointRight(scale).toBigIntegerExact();
        BigInteger den = b.movePointRight(scale).toBigIntegerExact();
        BigInteger gcd = num.gcd(den);
        return gcd.signum() == 0 ? new BigInteger[]{num, den} : new BigInteger[]{num.divide(gcd), den.divide(gcd)};
    }
}
