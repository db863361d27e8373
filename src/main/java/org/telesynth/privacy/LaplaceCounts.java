package org.telesynth.privacy;

/**
 * Discrete Laplace noise on integer counts, P(x) proportional to exp(-|x| / b) with b = Δ1 / epsilon: pure
 * epsilon-DP for a query whose L1 sensitivity (over all cells together) is at most {@code l1Sensitivity}
 * (Ghosh, Roughgarden, Sundararajan 2009; Canonne, Kamath, Steinke 2020, Section 2.2). Its variance is
 * 2 e^(-1/b) / (1 - e^(-1/b))^2, a little under the continuous Laplace's 2 b^2. The mechanism of choice for one
 * low-dimensional histogram in which a unit sits in one cell (the study's finding, docs/mechanisms.md).
 */
public final class LaplaceCounts implements CountMechanism {
    private final double epsilon;
    private final double scale;
    private final ExactSampler sampler;
    private final String label;
    private final SpendOnce once;

    public LaplaceCounts(double epsilon, double l1Sensitivity, RandomSource random, String label) {
        Checks.positiveFinite("epsilon", epsilon);
        Checks.positiveFinite("l1Sensitivity", l1Sensitivity);
        this.epsilon = epsilon;
        this.scale = l1Sensitivity / epsilon;
        this.sampler = new ExactSampler(random);
        this.label = label;
        this.once = new SpendOnce("Laplace release '" + label + "'");
    }

    @Override
    public PrivacyEvent event() {
        return new PrivacyEvent.PureDp(epsilon, label);
    }

    @Override
    public double variance() {
        double q = Math.exp(-1 / scale);
        return 2 * q / ((1 - q) * (1 - q));
    }

    public double scale() {
        return scale;
    }

    @Override
    public long[] release(long[] trueValues) {
        once.spend();
        long[] out = new long[trueValues.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.addExact(trueValues[i], sampler.discreteLaplace(scale));
        }
        return out;
    }
}
