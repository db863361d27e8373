package org.telesynth.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DP-SGD noise stream: N(0, sigma^2) moments and Poisson sampling sizes within 5 standard errors of theory
 * (a false failure about once in 3 million runs), and reproducible when seeded.
 */
class NoiseStreamTest {
    @Test
    void gaussian_hasMeanZeroAndTheRequestedVariance() {
        int n = 1_000_000;
        double sigma = 2.5;
        float[] v = new float[n];
        new NoiseStream(RandomSource.seeded(11)).fillGaussian(v, sigma);
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += x * x;
        }
        double mean = sum / n;
        double var = sq / n;
        // standard errors: sigma / sqrt(n) for the mean; sigma^2 sqrt(2 / n) for the variance (normal fourth moment)
        assertEquals(0, mean, 5 * sigma / Math.sqrt(n));
        assertEquals(sigma * sigma, var, 5 * sigma * sigma * Math.sqrt(2.0 / n));
    }

    @Test
    void poissonSample_hasBinomialSize_distinctSortedIndices() {
        int n = 1_000_000;
        double q = 0.004;
        NoiseStream s = new NoiseStream(RandomSource.seeded(12));
        double sd = Math.sqrt(n * q * (1 - q));
        long total = 0;
        int draws = 50;
        for (int i = 0; i < draws; i++) {
            int[] idx = s.poissonSample(n, q);
            assertEquals(n * q, idx.length, 5 * sd);
            for (int j = 1; j < idx.length; j++) {
                assertTrue(idx[j] > idx[j - 1] && idx[j] < n);
            }
            total += idx.length;
        }
        // the mean over 50 draws: standard error sd / sqrt(50)
        assertEquals(n * q, (double) total / draws, 5 * sd / Math.sqrt(draws));
    }

    @Test
    void poissonSample_includesEachRecordWithProbabilityQ() {
        int n = 100;
        double q = 0.3;
        int rounds = 20_000;
        int[] hits = new int[n];
        NoiseStream s = new NoiseStream(RandomSource.seeded(13));
        for (int r = 0; r < rounds; r++) {
            for (int i : s.poissonSample(n, q)) {
                hits[i]++;
            }
        }
        double sd = Math.sqrt(rounds * q * (1 - q));
        for (int i = 0; i < n; i++) {
            // 100 records at 5 sd each: a false failure about once in 30,000 runs
            assertEquals(rounds * q, hits[i], 5 * sd, "record " + i);
        }
    }

    @Test
    void seeded_isReproducible_andSeedsDiffer() {
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[1000];
        new NoiseStream(RandomSource.seeded(5)).fillGaussian(a, 1);
        new NoiseStream(RandomSource.seeded(5)).fillGaussian(b, 1);
        new NoiseStream(RandomSource.seeded(6)).fillGaussian(c, 1);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
    }
}
