package org.telesynth.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact samplers against their exact distributions (STYLE.md 12). Every check compares a sample statistic with
 * its theoretical value within Z standard errors, Z = 5.33 (two-sided normal tail 1e-7 per check), so with the
 * dozen checks below the suite fails falsely with probability about 1e-6. Seeds are fixed, so a run is
 * reproducible; the tolerance is what makes the assertion meaningful for any seed.
 */
class SamplerStatisticsTest {
    private static final double Z = 5.33;
    private static final int N = 200_000;

    /** Exact moments of a symmetric pmf on the integers, p(x) proportional to w(x), summed over |x| <= limit. */
    private record Moments(double variance, double fourth, double tail) {
    }

    private static Moments moments(java.util.function.LongToDoubleFunction weight, long limit, long tailFrom) {
        double z = 0;
        double m2 = 0;
        double m4 = 0;
        double tail = 0;
        for (long x = -limit; x <= limit; x++) {
            double w = weight.applyAsDouble(x);
            z += w;
            m2 += w * x * x;
            m4 += w * (double) x * x * x * x;
            if (Math.abs(x) >= tailFrom) {
                tail += w;
            }
        }
        return new Moments(m2 / z, m4 / z, tail / z);
    }

    private static void assertMatches(long[] sample, Moments m, long tailFrom, String what) {
        double mean = 0;
        double m2 = 0;
        long tail = 0;
        for (long x : sample) {
            mean += x;
            m2 += (double) x * x;
            tail += Math.abs(x) >= tailFrom ? 1 : 0;
        }
        mean /= sample.length;
        m2 /= sample.length;
        double seMean = Math.sqrt(m.variance() / sample.length);
        assertEquals(0, mean, Z * seMean, what + " mean");
        double seVar = Math.sqrt((m.fourth() - m.variance() * m.variance()) / sample.length);
        assertEquals(m.variance(), m2, Z * seVar, what + " variance");
        double seTail = Math.sqrt(m.tail() * (1 - m.tail()) / sample.length);
        assertEquals(m.tail(), (double) tail / sample.length, Z * seTail, what + " P(|X| >= " + tailFrom + ")");
    }

    @Test
    void discreteLaplace_scale3_matchesExactMeanVarianceAndTail() {
        ExactSampler s = new ExactSampler(RandomSource.seeded(1));
        long[] sample = new long[N];
        for (int i = 0; i < N; i++) {
            sample[i] = s.discreteLaplace(3.0);
        }
        assertMatches(sample, moments(x -> Math.exp(-Math.abs(x) / 3.0), 400, 7), 7, "DLap(3)");
        // closed form variance 2 l / (1 - l)^2 with l = e^(-1/b)
        double l = Math.exp(-1 / 3.0);
        assertEquals(2 * l / ((1 - l) * (1 - l)), moments(x -> Math.exp(-Math.abs(x) / 3.0), 400, 7).variance(), 1e-9);
    }

    @Test
    void discreteLaplace_fractionalScale_matchesExactDistribution() {
        ExactSampler s = new ExactSampler(RandomSource.seeded(2));
        long[] sample = new long[N];
        for (int i = 0; i < N; i++) {
            sample[i] = s.discreteLaplace(0.7);
        }
        assertMatches(sample, moments(x -> Math.exp(-Math.abs(x) / 0.7), 200, 2), 2, "DLap(0.7)");
    }

    @Test
    void discreteGaussian_sigma2point5_matchesExactMeanVarianceAndTail() {
        ExactSampler s = new ExactSampler(RandomSource.seeded(3));
        long[] sample = new long[N];
        for (int i = 0; i < N; i++) {
            sample[i] = s.discreteGaussian(2.5);
        }
        assertMatches(sample, moments(x -> Math.exp(-(double) x * x / (2 * 2.5 * 2.5)), 200, 5), 5, "N_Z(0, 2.5^2)");
    }

    @Test
    void discreteGaussian_smallSigma_matchesExactDistribution() {
        ExactSampler s = new ExactSampler(RandomSource.seeded(4));
        long[] sample = new long[N];
        for (int i = 0; i < N; i++) {
            sample[i] = s.discreteGaussian(0.6);
        }
        assertMatches(sample, moments(x -> Math.exp(-(double) x * x / (2 * 0.36)), 50, 1), 1, "N_Z(0, 0.6^2)");
    }

    @Test
    void seededSamplers_sameSeedSameDraws() {
        ExactSampler a = new ExactSampler(RandomSource.seeded(9));
        ExactSampler b = new ExactSampler(RandomSource.seeded(9));
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.discreteGaussian(4.2), b.discreteGaussian(4.2));
        }
    }

    @Test
    void countMechanism_releasesOnce() {
        GaussianCounts g = new GaussianCounts(0.5, 1, RandomSource.seeded(1), "count");
        g.release(new long[]{5});
        assertThrows(IllegalStateException.class, () -> g.release(new long[]{5}));
    }

    @Test
    void mechanisms_invalidParameters_refusedWithRangeAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(0, 1, RandomSource.seeded(1), "x"));
        assertTrue(e.getMessage().contains("epsilon must be positive and finite, got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(Double.NaN, 1, RandomSource.seeded(1), "x"));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(Double.POSITIVE_INFINITY, 1, RandomSource.seeded(1), "x"));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(1, -1, RandomSource.seeded(1), "x"));
        assertThrows(IllegalArgumentException.class, () -> new GaussianCounts(-0.1, 1, RandomSource.seeded(1), "x"));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPartitionSelection(1, 1.5, 1, RandomSource.seeded(1), "x"));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPartitionSelection(0, 1e-6, 1, RandomSource.seeded(1), "x"));
    }

    @Test
    void gaussianCounts_sigmaFromRhoAndSensitivity() {
        // rho = Δ^2 / (2 sigma^2): Δ 2, rho 0.5 -> sigma 2
        assertEquals(2.0, new GaussianCounts(0.5, 2, RandomSource.seeded(1), "x").sigma(), 1e-12);
        assertEquals(0.5, ((PrivacyEvent.Zcdp) new GaussianCounts(0.5, 2, RandomSource.seeded(1), "x").event()).rho());
    }

    @Test
    void partitionSelection_singleDeviceValueAppearsAtMostDeltaOverK() {
        // delta 0.05 and k 2: a value held by one device must appear with probability <= 0.025, and the threshold
        // is the smallest that guarantees it, so the rate is also not far below (the next integer down would break
        // the bound). 40,000 trials: the observed rate stays within Z standard errors of that bracket.
        int trials = 40_000;
        int appeared = 0;
        RandomSource r = RandomSource.seeded(5);
        GaussianPartitionSelection first = null;
        for (int t = 0; t < trials; t++) {
            GaussianPartitionSelection ps = new GaussianPartitionSelection(0.5, 0.05, 2, r, "names");
            first = first == null ? ps : first;
            appeared += ps.select(java.util.Map.of("rare.exe", 1L)).size();
        }
        double rate = (double) appeared / trials;
        double se = Math.sqrt(0.025 * 0.975 / trials);
        assertTrue(rate <= 0.025 + Z * se, "rate " + rate);
        // sigma = sqrt(2) / sqrt(2 * 0.5) = sqrt(2); the rate one step below the threshold would exceed 0.025
        assertEquals(Math.sqrt(2), first.sigma(), 1e-12);
        assertTrue(discreteGaussianTail(first.sigma(), first.threshold() - 1) <= 0.025);
        assertTrue(discreteGaussianTail(first.sigma(), first.threshold() - 2) > 0.025, "threshold not the smallest: " + first.threshold());
        // and a popular value is kept
        GaussianPartitionSelection ps = new GaussianPartitionSelection(0.01, 1e-6, 8, RandomSource.seeded(6), "names");
        assertTrue(ps.select(java.util.Map.of("chrome.exe", 10_000L)).containsKey("chrome.exe"));
    }

    @Test
    void partitionSelection_thresholdFollowsTheGaussianTail() {
        // for a wide discrete Gaussian the exact tail is the normal one (continuity-corrected) to within a step:
        // sigma 40, delta/k 1e-8 -> tau - 1 = ceil(40 * z(1e-8) + 0.5) with z(1e-8) = 5.6120
        GaussianPartitionSelection ps = new GaussianPartitionSelection(8 / (2 * 1600.0), 8e-8, 8, RandomSource.seeded(1), "x");
        assertEquals(40, ps.sigma(), 1e-9);
        assertEquals(1 + Math.ceil(40 * 5.6120 + 0.5), ps.threshold(), 1.0);
    }

    /** P(X >= m) for X ~ N_Z(0, sigma^2), by brute force over |x| <= 1000 (enough for sigma below 20). */
    private static double discreteGaussianTail(double sigma, long m) {
        double total = 0;
        double tail = 0;
        for (long x = -1000; x <= 1000; x++) {
            double w = Math.exp(-(double) x * x / (2 * sigma * sigma));
            total += w;
            tail += x >= m ? w : 0;
        }
        return tail / total;
    }

    /**
     * The exact exponential mechanism draws index i with probability exp(eps s_i / 2Δ) / Z: each empirical share
     * within 5.33 standard errors (false failure about 1e-7 per check), and an excluded candidate never.
     */
    @Test
    void exponentialMechanism_drawsTheExactDistribution() {
        double[] scores = {0, 1, 2.5, Double.NEGATIVE_INFINITY};
        double epsilon = 1.3;
        double sensitivity = 1.5;
        int n = 30_000;
        long[] hits = new long[scores.length];
        RandomSource random = RandomSource.seeded(17);
        for (int t = 0; t < n; t++) {
            hits[new ExponentialMechanism(epsilon, sensitivity, random, "em").select(scores)]++;
        }
        double z = 0;
        for (int i = 0; i < 3; i++) {
            z += Math.exp(epsilon * scores[i] / (2 * sensitivity));
        }
        for (int i = 0; i < 3; i++) {
            double p = Math.exp(epsilon * scores[i] / (2 * sensitivity)) / z;
            double se = Math.sqrt(p * (1 - p) / n);
            assertEquals(p, hits[i] / (double) n, 5.33 * se, "candidate " + i);
        }
        assertEquals(0, hits[3], "an excluded candidate is never drawn");
    }

    @Test
    void exponentialMechanism_selectsOnce_andRefusesBadScores() {
        ExponentialMechanism em = new ExponentialMechanism(1, 1, RandomSource.seeded(1), "em");
        em.select(new double[]{1, 2});
        assertThrows(IllegalStateException.class, () -> em.select(new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(1, 1, RandomSource.seeded(1), "em").select(new double[]{Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialMechanism(1, 1, RandomSource.seeded(1), "em")
                .select(new double[]{Double.NEGATIVE_INFINITY}));
    }
}
