package org.telesynth.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DP partition selection with Gaussian noise ("Gaussian thresholding", Desfontaines, Voss, Gipson, Mandayam 2022,
 * after Korolova et al. 2009): each value's count of distinct devices gets discrete Gaussian noise N_Z(0, sigma^2)
 * and is kept when the noisy count reaches a threshold tau.
 *
 * <p>Why it is delta-approximately rho-zCDP with rho = k / (2 sigma^2), for neighbours that differ by one device
 * which contributes to at most k values: the values that device alone holds do not exist without it; with it, each
 * appears only if 1 + noise reaches tau, so the event "none of them appears" has probability at least
 * {@code 1 - k P(X >= tau - 1)}, and tau is the smallest integer that makes this at least {@code 1 - delta}. On
 * that event the output is the thresholding (post-processing) of the shared values' noisy counts, which move by at
 * most 1 each over at most k values: L2 sensitivity sqrt(k), so rho-zCDP (Canonne, Kamath, Steinke 2020). Compared
 * with Laplace thresholding at the same epsilon the L2 sensitivity sqrt(k) replaces the L1 k, and the whole cost
 * joins the release's one zCDP budget instead of being added on as a separate epsilon.
 */
public final class GaussianPartitionSelection {
    private final double rho;
    private final double delta;
    private final double sigma;
    private final long threshold;
    private final ExactSampler sampler;
    private final String label;
    private final SpendOnce once;

    public GaussianPartitionSelection(double rho, double delta, int maxValuesPerDevice, RandomSource random, String label) {
        Checks.positiveFinite("rho", rho);
        Checks.probability("delta", delta);
        Checks.positive("maxValuesPerDevice", maxValuesPerDevice);
        this.rho = rho;
        this.delta = delta;
        this.sigma = NoiseCalibration.gaussianSigma(rho, Math.sqrt(maxValuesPerDevice));
        this.threshold = 1 + tailQuantile(sigma, delta / maxValuesPerDevice);
        this.sampler = new ExactSampler(random);
        this.label = label;
        this.once = new SpendOnce("partition selection '" + label + "'");
    }

    public PrivacyEvent event() {
        return new PrivacyEvent.ApproxZcdp(rho, delta, label);
    }

    public long threshold() {
        return threshold;
    }

    public double sigma() {
        return sigma;
    }

    /**
     * @param deviceCounts distinct devices per value, each device counted in at most {@code maxValuesPerDevice} values
     * @return the kept values with their noisy device counts, in input order
     */
    public Map<String, Long> select(Map<String, Long> deviceCounts) {
        once.spend();
        Map<String, Long> kept = new LinkedHashMap<>();
        for (var e : deviceCounts.entrySet()) {
            long noisy = e.getValue() + sampler.discreteGaussian(sigma);
            if (noisy >= threshold) {
                kept.put(e.getKey(), noisy);
            }
        }
        return kept;
    }

    /**
     * The smallest integer m with P(X >= m) <= p for X ~ N_Z(0, sigma^2), from the exact probability mass (sums of
     * exp(-x^2 / (2 sigma^2)) over the integers; terms beyond 40 sigma are below 1e-300 of the peak and dropped).
     */
    static long tailQuantile(double sigma, double p) {
        long reach = (long) Math.ceil(40 * sigma) + 1;
        double normaliser = 0;
        for (long x = -reach; x <= reach; x++) {
            normaliser += mass(x, sigma);
        }
        // walk down from the far tail, accumulating P(X >= m), until it would exceed p
        double tail = 0;
        long m = reach + 1;
        while (m > -reach) {
            double next = tail + mass(m - 1, sigma) / normaliser;
            if (next > p) {
                return m;
            }
            tail = next;
            m--;
        }
        return m;
    }

    private static double mass(long x, double sigma) {
        return Math.exp(-(double) x * x / (2 * sigma * sigma));
    }
}
